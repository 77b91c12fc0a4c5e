# Helpers sourced by the benches (indicators.sh, parquet.sh, stream.sh), which set `here` (the
# repository root) first.
# - `bench_setup [DATA_DIR]` sets `shared` (SHARED, default ../shared), `dir` (DATA_DIR, default
#   bench-data, created), `runs` (RUNS, default 3) and `CIVIS` (built in release unless given).
# - `w1 DATA OUT [OPTION...]`: W1, the employment rate 20-64 by region x citizen x sex with
#   linearised SEs, by `civis estimate` on an EU-LFS-shaped file (../shared/bench/gen_lfs.py).
# - `lfs_csv ROWS SEED` sets `csv` to $dir/lfs_ROWS.csv, generating it (and setting `made=1`)
#   when it is not there; `drop_lfs_csv` deletes a generated one unless KEEP is set.
# - `load_average`: the 1, 5 and 15 minute load averages.
# - `once CMD...` prints "WALL CPU PEAK_MB" of one run (whole process, /usr/bin/time -v).
# - `race` runs the commands `jobs[k]` for k in `order` interleaved `runs` times and prints each
#   one's minimum wall and CPU time and largest peak memory, keeping the minimum wall time in
#   `results[k]` and the minimum CPU time in `results[k cpu]`.
bench_setup() {
  shared=${SHARED:-$here/../shared}
  dir=${1:-$here/bench-data}
  mkdir -p "$dir"
  runs=${RUNS:-3}
  if [ -z "${CIVIS:-}" ]; then
    cargo build --release -q -p civis-cli --manifest-path "$here/Cargo.toml"
    CIVIS="$here/target/release/civis"
  fi
  export CIVIS
}
w1() { "$CIVIS" estimate --data "$1" --weight weight --strata stratum --psu psu --nest --lonely-psu adjust \
  --define 'emp = ilostat == 1' --where 'age >= 20 and age <= 64' --mean emp --by region,citizen,sex \
  --quiet --out "$2" "${@:3}"; }
export -f w1
lfs_csv() {
  csv="$dir/lfs_$1.csv"
  made=0
  [ -f "$csv" ] || { python3 "$shared/bench/gen_lfs.py" "$1" "$2" "$csv"; made=1; }
}
drop_lfs_csv() { if [ "$made" = 1 ] && [ -z "${KEEP:-}" ]; then rm -f "$csv"; fi; }
load_average() { cut -d' ' -f1-3 /proc/loadavg; }
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
    results[$k cpu]=${cpu[$k]:-nan}
  done
}
