#!/usr/bin/env bash
# Issue 18 item 2: W1 (employment rate 20-64 by region x citizen x sex, linearised SEs) from the
# same microdata as CSV, Parquet (pyarrow, snappy) and Arrow IPC (Feather v2, LZ4), raced in one
# run, with polars reading the Parquet file alone as a peer. Whole process, wall clock and peak
# resident memory from /usr/bin/time -v, minimum of RUNS interleaved runs; the load average is
# printed with every size (quote numbers only with it). The three civis outputs must be equal
# byte for byte (checked with cmp). BEFORE=path of another civis binary (for example one built
# from an earlier commit) races its CSV and Parquet runs in the same run.
#
# Usage: benches/parquet.sh [DATA_DIR]
# Environment: SIZES="2000000" (rows; files are generated with ../shared/bench/gen_lfs.py and
#   deleted afterwards when KEEP is unset), RUNS=3, CIVIS=path of the binary, BEFORE.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=race.sh
source "$here/benches/race.sh"
bench_setup "${1:-}"
sizes=${SIZES:-"2000000"}
polars_parquet() { python3 -c 'import polars as pl, sys; pl.read_parquet(sys.argv[1])' "$1"; }
export -f polars_parquet
for n in $sizes; do
  lfs_csv "$n" 2
  parquet="$dir/lfs_${n}.parquet" arrow="$dir/lfs_${n}.arrow"
  python3 - "$csv" "$parquet" "$arrow" <<'PY'
import sys
import pyarrow.csv as pc, pyarrow.feather as pf, pyarrow.parquet as pq
t = pc.read_csv(sys.argv[1])
pq.write_table(t, sys.argv[2], compression="snappy")
pf.write_feather(t, sys.argv[3], compression="lz4")
PY
  echo "== W1, $n rows: CSV $(du -m "$csv" | cut -f1) MB, Parquet $(du -m "$parquet" | cut -f1) MB, Arrow $(du -m "$arrow" | cut -f1) MB; load average: $(load_average)"
  declare -A jobs=() results=()
  jobs[civis CSV]="w1 '$csv' '$dir/w1_csv_$n.csv'"
  jobs[civis Parquet]="w1 '$parquet' '$dir/w1_parquet_$n.csv'"
  jobs[civis Arrow IPC]="w1 '$arrow' '$dir/w1_arrow_$n.csv'"
  jobs[polars read_parquet]="polars_parquet '$parquet'"
  order=("civis CSV" "civis Parquet" "civis Arrow IPC" "polars read_parquet")
  if [ -n "${BEFORE:-}" ]; then
    jobs[civis CSV, BEFORE]="CIVIS='$BEFORE' w1 '$csv' '$dir/w1_csvbefore_$n.csv'"
    jobs[civis Parquet, BEFORE]="CIVIS='$BEFORE' w1 '$parquet' '$dir/w1_parquetbefore_$n.csv'"
    order+=("civis CSV, BEFORE" "civis Parquet, BEFORE")
  fi
  race
  if [ -n "${BEFORE:-}" ]; then
    awk -v c="${results[civis CSV, BEFORE]}" -v p="${results[civis Parquet, BEFORE]}" \
      'BEGIN { printf "  BEFORE: CSV / Parquet = %.2f\n", c / p }'
    cmp -s "$dir/w1_csv_$n.csv" "$dir/w1_parquetbefore_$n.csv" && echo "  BEFORE's Parquet output is identical"
  fi
  awk -v c="${results[civis CSV]}" -v p="${results[civis Parquet]}" -v a="${results[civis Arrow IPC]}" \
    'BEGIN { printf "  CSV / Parquet = %.2f; CSV / Arrow IPC = %.2f\n", c / p, c / a }'
  cmp "$dir/w1_csv_$n.csv" "$dir/w1_parquet_$n.csv" && cmp "$dir/w1_csv_$n.csv" "$dir/w1_arrow_$n.csv" \
    && echo "  the three outputs are identical"
  drop_lfs_csv
  rm -f "$parquet" "$arrow" "$dir"/w1_*_"$n".csv
done
