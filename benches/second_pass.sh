#!/usr/bin/env bash
# Issue 18: quantiles and the EU-SILC indicators in passes (bounded memory) against the whole-file
# path (--in-memory) in one run, on generated EU-SILC-shaped files (benches/second_pass_generate.py:
# 9 regions as strata, area clusters of 20 households as PSUs). Workloads, all of eqIncome by
# region x sex with linearised SEs:
# - `silc`: median (laeken rule), ARPT, ARPR and QSR (refinement passes);
# - `gini`: the Gini coefficient (external sort of the first pass) and RMPG (the median below the
#   threshold, one more threshold search);
# - `gini2`: the Gini coefficient requested twice (one sort per variable, not per request).
# Whole process, wall clock, CPU (user + system) and peak resident memory from /usr/bin/time -v,
# minimum of RUNS interleaved runs; the load average is printed with every size (quote numbers
# only with it).
#
# Usage: benches/second_pass.sh [DATA_DIR]
# Environment: SIZES="2000000 20000000", RUNS=2, WORKLOADS="silc gini", CIVIS=path of the binary,
# BEFORE=path of another binary (e.g. a release build of main) raced in passes in the same run,
# KEEP=1 keeps the files. The Gini's sorted runs go to a directory of their own under TMPDIR
# (32 bytes a row, removed after).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
# shellcheck source=race.sh
source "$here/benches/race.sh"
RUNS=${RUNS:-2} bench_setup "${1:-}"
sizes=${SIZES:-"2000000 20000000"}
workloads=${WORKLOADS:-"silc gini"}
silc() { "$CIVIS" estimate --data "$1" --weight rb050 --strata db040 --psu db030 \
  --quantile eqIncome@0.5 --qrule laeken --arpt eqIncome --arpr eqIncome --qsr eqIncome --by db040,rb090 \
  --quiet --out "$2" "${@:3}"; }
gini() { "$CIVIS" estimate --data "$1" --weight rb050 --strata db040 --psu db030 \
  --gini eqIncome --rmpg eqIncome --by db040,rb090 --quiet --out "$2" "${@:3}"; }
gini2() { "$CIVIS" estimate --data "$1" --weight rb050 --strata db040 --psu db030 \
  --gini eqIncome --gini eqIncome --by db040,rb090 --quiet --out "$2" "${@:3}"; }
export -f silc gini gini2
for n in $sizes; do
  f="$dir/silc_$n.csv"
  [ -s "$f" ] || python3 "$here/benches/second_pass_generate.py" "$n" 7 "$f"
  for w in $workloads; do
    echo "== $w, $n rows ($(du -mL "$f" | cut -f1) MB), load average: $(load_average)"
    declare -A jobs=() results=()
    jobs[passes]="$w '$f' '$dir/out_passes.csv'"
    jobs[in-memory]="$w '$f' '$dir/out_in-memory.csv' --in-memory"
    order=(passes in-memory)
    if [ -n "${BEFORE:-}" ]; then
      jobs[passes-before]="CIVIS='$BEFORE' $w '$f' '$dir/out_before.csv'"
      order+=(passes-before)
    fi
    race
    if [ -n "${BEFORE:-}" ] && [ "${results[passes-before]}" != nan ]; then
      awk -v a="${results[passes]}" -v b="${results[passes-before]}" -v c="${results[passes cpu]}" \
        -v d="${results[passes-before cpu]}" \
        'BEGIN { printf "  passes / passes-before: time %.2f, CPU %.2f\n", a / b, c / d }'
      if cmp -s "$dir/out_passes.csv" "$dir/out_before.csv"; then echo "  passes and passes-before: identical tables"; else echo "  passes and passes-before: the tables differ"; fi
    fi
    if [ "${results[passes]}" != nan ] && [ "${results[in-memory]}" != nan ]; then
      awk -v a="${results[passes]}" -v b="${results[in-memory]}" -v c="${results[passes cpu]}" \
        -v d="${results[in-memory cpu]}" \
        'BEGIN { printf "  passes / in-memory: time %.2f, CPU %.2f\n", a / b, c / d }'
      # the two paths give the same table
      python3 - "$dir/out_passes.csv" "$dir/out_in-memory.csv" <<'PY'
import csv, math, sys
a = list(csv.reader(open(sys.argv[1]))); b = list(csv.reader(open(sys.argv[2])))
assert len(a) == len(b), "row counts differ"
worst = 0.0
for ra, rb in zip(a[1:], b[1:]):
    for x, y in zip(ra, rb):
        try: fx, fy = float(x), float(y)
        except ValueError: assert x == y, (x, y); continue
        if not (math.isnan(fx) and math.isnan(fy)) and fx != fy:
            worst = max(worst, abs(fx - fy) / max(abs(fx), abs(fy)))
print(f"  same table: {len(a) - 1} rows, largest relative difference {worst:.1e}")
PY
    fi
    echo "  load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  done
  [ -n "${KEEP:-}" ] || rm -f "$f"
done
rm -f "$dir"/out_passes.csv "$dir"/out_in-memory.csv "$dir"/out_before.csv
