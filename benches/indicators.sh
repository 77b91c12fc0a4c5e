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
shared=${SHARED:-$here/../shared}
dir=${1:-$here/bench-data}
mkdir -p "$dir"
sizes=${SIZES:-"2000000"}
runs=${RUNS:-3}
if [ -z "${CIVIS:-}" ]; then
  cargo build --release -q -p civis-cli --manifest-path "$here/Cargo.toml"
  CIVIS="$here/target/release/civis"
fi
# shellcheck source=race.sh
source "$here/benches/race.sh"
w1() { "$CIVIS" estimate --data "$1" --weight weight --strata stratum --psu psu --nest --lonely-psu adjust \
  --define 'emp = ilostat == 1' --where 'age >= 20 and age <= 64' --mean emp --by region,citizen,sex \
  --quiet --out "$2"; }
catalogue() { "$1" indicators --data "$2" --source eu-lfs --geo region --groups both --out "$3" 2> /dev/null; }
export -f w1 catalogue
export CIVIS
for n in $sizes; do
  csv="$dir/lfs_${n}.csv"
  made=0
  [ -f "$csv" ] || { python3 "$shared/bench/gen_lfs.py" "$n" 2 "$csv"; made=1; }
  echo "== $n rows, CSV $(du -m "$csv" | cut -f1) MB; load average: $(cut -d' ' -f1-3 /proc/loadavg)"
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
  [ "$made" = 1 ] && [ -z "${KEEP:-}" ] && rm -f "$csv"
  rm -f "$dir"/ind_*_"$n".csv
done
