# Timing helpers sourced by the benches: `once CMD...` prints "WALL CPU PEAK_MB" of one run
# (whole process, /usr/bin/time -v); `race` runs the commands `jobs[k]` for k in `order`
# interleaved `runs` times and prints each one's minimum wall and CPU time and largest peak
# memory, keeping the minimum wall time in `results[k]`.
once() {
  local tf; tf=$(mktemp)
  if ! /usr/bin/time -v -o "$tf" "$@" > /dev/null 2>&1; then echo "failed: $*" >&2; rm -f "$tf"; return 1; fi
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /User time/ { u = $2 } /System time/ { y = $2 }
              /Maximum resident set size/ { m = $2 / 1024 } END { printf "%.3f %.3f %.0f\n", s, u + y, m }' "$tf"
  rm -f "$tf"
}
race() {
  local -A best cpu mem
  local k
  for ((r = 1; r <= runs; r++)); do
    for k in "${order[@]}"; do
      read -r t c m < <(once bash -c "${jobs[$k]}") || continue
      if [ -z "${best[$k]:-}" ] || awk "BEGIN { exit !($t < ${best[$k]}) }"; then best[$k]=$t; fi
      if [ -z "${cpu[$k]:-}" ] || awk "BEGIN { exit !($c < ${cpu[$k]}) }"; then cpu[$k]=$c; fi
      if [ -z "${mem[$k]:-}" ] || [ "$m" -gt "${mem[$k]}" ]; then mem[$k]=$m; fi
    done
  done
  for k in "${order[@]}"; do
    printf '  %-26s %8.2f s wall  %8.2f s CPU  peak %6s MB\n' "$k" "${best[$k]:-nan}" "${cpu[$k]:-nan}" "${mem[$k]:-nan}"
    results[$k]=${best[$k]:-nan}
  done
}
