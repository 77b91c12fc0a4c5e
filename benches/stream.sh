#!/usr/bin/env bash
# Issue 18: W1 (employment rate 20-64 by region x citizen x sex, linearised SEs) and W2 (the same
# with 500 bootstrap replicates) raced in one run against the same peers: polars' read_csv of the
# same file (reading alone, no estimation), svy where it finishes, and civis reading the whole
# file (--in-memory, the path before issue 18). Whole process, wall clock and peak resident
# memory from /usr/bin/time -v, minimum of RUNS interleaved runs; the load average is printed
# with every size (quote numbers only with it).
#
# Usage: benches/stream.sh [DATA_DIR]
# Environment: SIZES="200000 2000000 20000000" (rows; files are generated with
#   ../shared/bench/gen_lfs.py and deleted afterwards when KEEP is unset), RUNS=3,
#   W2_SIZES="2000000", SVY_MAX=200000 (svy runs out of memory beyond), CIVIS=path of the binary,
#   COPIES=10: after the 20M race, W1 once over COPIES x 20M rows (200M by default, a 10.5 GB
#   file written next to the others and deleted afterwards: gen_lfs.py holds every row in
#   memory, so it cannot write 200M rows on a 24 GB machine; the 20M file is repeated with its
#   PSU ids shifted, so every copy's households are new PSUs and rows stay grouped by PSU);
#   COPIES=0 skips it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
dir=${1:-$here/bench-data}
mkdir -p "$dir"
sizes=${SIZES:-"200000 2000000 20000000"}
w2_sizes=${W2_SIZES:-"2000000"}
runs=${RUNS:-3}
svy_max=${SVY_MAX:-200000}
if [ -z "${CIVIS:-}" ]; then
  cargo build --release -q -p civis-cli --manifest-path "$here/Cargo.toml"
  CIVIS="$here/target/release/civis"
fi
seed_of() { if [ "$1" = 200000 ]; then echo 1; else echo 2; fi; }
# "SECONDS PEAK_MB" of one run (wall clock, maximum resident set)
once() {
  local tf; tf=$(mktemp)
  if ! /usr/bin/time -v -o "$tf" "$@" > /dev/null 2>&1; then echo "failed: $*" >&2; rm -f "$tf"; return 1; fi
  awk -F': ' '/Elapsed \(wall clock\)/ { n = split($2, p, ":"); s = 0; for (i = 1; i <= n; i++) s = s * 60 + p[i] }
              /Maximum resident set size/ { m = $2 / 1024 } END { printf "%.3f %.0f\n", s, m }' "$tf"
  rm -f "$tf"
}
w1() { "$CIVIS" estimate --data "$1" --weight weight --strata stratum --psu psu --nest --lonely-psu adjust \
  --define 'emp = ilostat == 1' --where 'age >= 20 and age <= 64' --mean emp --by region,citizen,sex \
  --quiet --out "$2" "${@:3}"; }
polars_read() { python3 -c 'import polars as pl, sys; pl.read_csv(sys.argv[1])' "$1"; }
# race NAME... over runs, interleaved; prints the minimum time and the peak memory of each
race() {
  local -A best mem
  local k
  for ((r = 1; r <= runs; r++)); do
    for k in "${!jobs[@]}"; do
      read -r t m < <(once bash -c "${jobs[$k]}") || continue
      if [ -z "${best[$k]:-}" ] || awk "BEGIN { exit !($t < ${best[$k]}) }"; then best[$k]=$t; fi
      if [ -z "${mem[$k]:-}" ] || [ "$m" -gt "${mem[$k]}" ]; then mem[$k]=$m; fi
    done
  done
  for k in "${order[@]}"; do
    [ -n "${best[$k]:-}" ] && printf '  %-28s %8.2f s  peak %6s MB\n' "$k" "${best[$k]}" "${mem[$k]}" || printf '  %-28s failed\n' "$k"
    results[$k]=${best[$k]:-nan}
  done
}
export -f w1 polars_read
export CIVIS
for n in $sizes; do
  csv="$dir/lfs_${n}.csv"
  made=0
  [ -f "$csv" ] || { python3 "$shared/bench/gen_lfs.py" "$n" "$(seed_of "$n")" "$csv"; made=1; }
  echo "== W1, $n rows ($(du -m "$csv" | cut -f1) MB); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
  declare -A jobs=() results=()
  jobs[civis]="w1 '$csv' '$dir/w1_stream_$n.csv'"
  jobs[civis --in-memory]="w1 '$csv' '$dir/w1_whole_$n.csv' --in-memory"
  jobs[polars read_csv]="polars_read '$csv'"
  order=(civis "civis --in-memory" "polars read_csv")
  if [ "$n" -le "$svy_max" ] && python3 -c 'import svy' 2>/dev/null; then
    jobs[svy]="python3 '$shared/bench/peer_svy_w1.py' '$csv' '$dir/w1_svy_$n.csv'"
    order+=(svy)
  fi
  race
  awk -v c="${results[civis]}" -v p="${results[polars read_csv]}" -v w="${results[civis --in-memory]}" \
    'BEGIN { printf "  civis / polars read_csv = %.2f; civis / civis --in-memory = %.2f\n", c / p, c / w }'
  python3 "$here/benches/compare_w1.py" "$dir/w1_stream_$n.csv" "$dir/w1_whole_$n.csv" "civis --in-memory"
  [ -f "$dir/w1_svy_$n.csv" ] && python3 "$here/benches/compare_w1.py" "$dir/w1_stream_$n.csv" "$dir/w1_svy_$n.csv" svy
  for m in $w2_sizes; do
    [ "$m" = "$n" ] || continue
    echo "== W2 (W1 with 500 bootstrap replicates), $n rows; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    declare -A jobs=() results=()
    jobs[W1]="w1 '$csv' '$dir/w1_stream_$n.csv'"
    jobs[W2]="w1 '$csv' '$dir/w2_stream_$n.csv' --variance bootstrap:500:1"
    jobs[W2 --in-memory]="w1 '$csv' '$dir/w2_whole_$n.csv' --variance bootstrap:500:1 --in-memory"
    order=(W1 W2 "W2 --in-memory")
    race
    awk -v a="${results[W2]}" -v b="${results[W1]}" 'BEGIN { printf "  W2 / W1 = %.2f\n", a / b }'
    python3 "$here/benches/compare_w1.py" "$dir/w2_stream_$n.csv" "$dir/w2_whole_$n.csv" "W2 --in-memory"
  done
  copies=${COPIES:-10}
  if [ "$n" = 20000000 ] && [ "$copies" -gt 0 ]; then
    big=$((n * copies))
    bigcsv="$dir/lfs_${big}.csv"
    # households are numbered 1..H in each copy: copy k shifts them by k x (H + 1)
    hh=$(tail -n 1 "$csv" | cut -d, -f5)
    ( head -n 1 "$csv"; for ((k = 0; k < copies; k++)); do
        tail -n +2 "$csv" | awk -F, -v OFS=, -v off=$((k * (hh + 1))) '{ $5 += off; print }'
      done ) > "$bigcsv"
    echo "== W1, $big rows ($copies copies of the $n-row file, $(du -m "$bigcsv" | cut -f1) MB); load average: $(cut -d' ' -f1-3 /proc/loadavg)"
    read -r t m < <(once bash -c "w1 '$bigcsv' '$dir/w1_big.csv'")
    printf '  %-28s %8.2f s  peak %6s MB\n' civis "$t" "$m"
    rm -f "$bigcsv" "$dir/w1_big.csv"
  fi
  [ "$made" = 1 ] && [ -z "${KEEP:-}" ] && rm -f "$csv"
  rm -f "$dir"/w1_*_"$n".csv "$dir"/w2_*_"$n".csv
done
