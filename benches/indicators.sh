#!/usr/bin/env bash
# Issue 18 item 4: `civis indicators` (the whole catalogue: every computable indicator x both
# group criteria x the country and every region x TOTAL, NAT, EU27_2020_FOR, NEU27_2020_FOR, FOR
# and the gaps) raced against W1 (one employment rate by region x citizen x sex) on the same
# EU-LFS-shaped file, in one run. Whole process, wall clock and peak resident memory from
# /usr/bin/time -v, minimum of RUNS interleaved runs; the load average is printed with every
# size (quote numbers only with it). BEFORE=path of another civis binary (for example one built
# from a commit before the one-pass engine) races its `civis indicators` too and checks that
# both give the same rows (benches/compare_indicators.py).
#
# Usage: benches/indicators.sh [DATA_DIR]
# Environment: SIZES="2000000" (rows; files are generated with ../shared/bench/gen_lfs.py and
#   deleted afterwards when KEEP is unset), RUNS=3, CIVIS=path of the binary, BEFORE.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=race.sh
source "$here/benches/race.sh"
bench_setup "${1:-}"
sizes=${SIZES:-"2000000"}
catalogue() { "$1" indicators --data "$2" --source eu-lfs --geo region --groups both --out "$3" 2> /dev/null; }
export -f catalogue
for n in $sizes; do
  lfs_csv "$n" 2
  echo "== $n rows, CSV $(du -m "$csv" | cut -f1) MB; load average: $(load_average)"
  declare -A jobs=() results=()
  jobs[W1]="w1 '$csv' '$dir/ind_w1_$n.csv'"
  jobs[indicators]="catalogue '$CIVIS' '$csv' '$dir/ind_one_$n.csv'"
  order=(W1 indicators)
  if [ -n "${BEFORE:-}" ]; then
    jobs[indicators, BEFORE]="catalogue '$BEFORE' '$csv' '$dir/ind_before_$n.csv'"
    order+=("indicators, BEFORE")
  fi
  race
  echo "  $(wc -l < "$dir/ind_one_$n.csv") indicator rows"
  awk -v w="${results[W1]}" -v i="${results[indicators]}" 'BEGIN { printf "  indicators / W1 = %.2f\n", i / w }'
  if [ -n "${BEFORE:-}" ]; then
    awk -v b="${results[indicators, BEFORE]}" -v i="${results[indicators]}" \
      'BEGIN { printf "  BEFORE / indicators = %.2f\n", b / i }'
    python3 "$here/benches/compare_indicators.py" "$dir/ind_one_$n.csv" "$dir/ind_before_$n.csv"
  fi
  drop_lfs_csv
  rm -f "$dir"/ind_*_"$n".csv
done
