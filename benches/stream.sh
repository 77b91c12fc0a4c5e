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
#   COPIES=10: after the 20M race, W1 once over COPIES x 20M rows (200M by default). gen_lfs.py
#   holds every row in memory, so it cannot write 200M rows on a 24 GB machine, and a 10.5 GB
#   file would leave too little disk: the 20M file is repeated with its PSU ids shifted (every
#   copy's households are new PSUs, rows stay grouped by PSU) into a fifo that civis reads. civis
#   opens the data twice (header, then rows), so the fifo is written twice: the header alone, then
#   the whole stream. The writer (mawk, one core) is slower than civis: the wall clock is the
#   writer's, the CPU time (user + system) is civis's own. COPIES=0 skips it.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=race.sh
source "$here/benches/race.sh"
bench_setup "${1:-}"
sizes=${SIZES:-"200000 2000000 20000000"}
w2_sizes=${W2_SIZES:-"2000000"}
svy_max=${SVY_MAX:-200000}
seed_of() { if [ "$1" = 200000 ]; then echo 1; else echo 2; fi; }
polars_read() { python3 -c 'import polars as pl, sys; pl.read_csv(sys.argv[1])' "$1"; }
export -f polars_read
for n in $sizes; do
  lfs_csv "$n" "$(seed_of "$n")"
  echo "== W1, $n rows ($(du -m "$csv" | cut -f1) MB); load average: $(load_average)"
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
    -v cc="${results[civis cpu]}" -v pc="${results[polars read_csv cpu]}" \
    'BEGIN { printf "  civis / polars read_csv = %.2f (CPU %.2f); civis / civis --in-memory = %.2f\n", c / p, cc / pc, c / w }'
  python3 "$here/benches/compare_w1.py" "$dir/w1_stream_$n.csv" "$dir/w1_whole_$n.csv" "civis --in-memory"
  [ -f "$dir/w1_svy_$n.csv" ] && python3 "$here/benches/compare_w1.py" "$dir/w1_stream_$n.csv" "$dir/w1_svy_$n.csv" svy
  for m in $w2_sizes; do
    [ "$m" = "$n" ] || continue
    echo "== W2 (W1 with 500 bootstrap replicates), $n rows; load average: $(load_average)"
    declare -A jobs=() results=()
    jobs[W1]="w1 '$csv' '$dir/w1_stream_$n.csv'"
    jobs[W2]="w1 '$csv' '$dir/w2_stream_$n.csv' --variance bootstrap:500:1"
    jobs[W2 --in-memory]="w1 '$csv' '$dir/w2_whole_$n.csv' --variance bootstrap:500:1 --in-memory"
    order=(W1 W2 "W2 --in-memory")
    race
    awk -v a="${results[W2]}" -v b="${results[W1]}" -v ac="${results[W2 cpu]}" -v bc="${results[W1 cpu]}" \
      'BEGIN { printf "  W2 / W1 = %.2f (CPU %.2f)\n", a / b, ac / bc }'
    python3 "$here/benches/compare_w1.py" "$dir/w2_stream_$n.csv" "$dir/w2_whole_$n.csv" "W2 --in-memory"
  done
  copies=${COPIES:-10}
  if [ "$n" = 20000000 ] && [ "$copies" -gt 0 ]; then
    big=$((n * copies))
    fifo="$dir/lfs_${big}.fifo"
    rm -f "$fifo"; mkfifo "$fifo"
    # households are numbered 1..H in each copy: copy k shifts them by k x (H + 1)
    hh=$(tail -n 1 "$csv" | cut -d, -f5)
    ( head -n 1 "$csv" > "$fifo"; sleep 1
      { head -n 1 "$csv"; for ((k = 0; k < copies; k++)); do
          tail -n +2 "$csv" | awk -F, -v OFS=, -v off=$((k * (hh + 1))) '{ $5 += off; print }'
        done; } > "$fifo" ) &
    echo "== W1, $big rows ($copies copies of the $n-row file through a fifo); load average: $(load_average)"
    read -r t c m < <(once bash -c "w1 '$fifo' '$dir/w1_big.csv'") || echo "  failed" >&2
    wait
    printf '  %-28s %8.2f s wall  %8.2f s CPU  peak %6s MB\n' civis "${t:-nan}" "${c:-nan}" "${m:-nan}"
    echo "  $(($(wc -l < "$dir/w1_big.csv") - 1)) domains; load average after: $(load_average)"
    rm -f "$fifo" "$dir/w1_big.csv"
  fi
  drop_lfs_csv
  rm -f "$dir"/w1_*_"$n".csv "$dir"/w2_*_"$n".csv
done
