#!/usr/bin/env bash
# Calibration benchmark (issue 15): linear calibration of the weights to 500 population totals
# (region x sex: 488 cells, plus 12 age bands) followed by workload W1 of ../shared/bench
# (employment rate 20-64 by region x citizen x sex, Taylor SEs with the calibration residuals,
# strata `stratum`, PSUs `psu` nested, lonely PSUs `adjust`) on the calibrated design. The whole
# process including reading the CSV, civis against svy (calibrate + mean) in the same run.
#
# Usage: benches/calibration.sh [DATA_DIR]   (needs python3 with numpy and polars; peer:
#        `pip install svy polars`). Environment: SIZES="200000 2000000", PEERS="svy".
# svy is skipped above 500,000 rows: W1 alone runs it out of memory at 2,000,000 rows on a 24 GB
# machine (../shared/bench/README.md), and its calibration builds a dense rows x totals matrix.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
dir=${1:-$here/bench-data}
mkdir -p "$dir"
sizes=${SIZES:-"200000 2000000"}
peers=${PEERS:-"svy"}
cargo build --release -q -p civis-cli --manifest-path "$here/Cargo.toml"
civis="$here/target/release/civis"
seed_of() { if [ "$1" = 200000 ]; then echo 1; else echo 2; fi; }
measure() {
  local tf; tf=$(mktemp)
  /usr/bin/time -o "$tf" -f "%e %M" "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; rm -f "$tf"; return 1; }
  cat "$tf"; rm -f "$tf"
}
for n in $sizes; do
  lfs="$dir/lfs_${n}.csv"
  [ -f "$lfs" ] || python3 "$shared/bench/gen_lfs.py" "$n" "$(seed_of "$n")" "$lfs"
  csv="$dir/cal_${n}.csv"; totals="$dir/cal_totals_${n}.csv"
  [ -f "$csv" ] || python3 "$here/benches/calibration_prepare.py" "$lfs" "$csv" "$totals"
  echo "== calibration to 500 totals + W1, $n rows"
  out_c="$dir/cal_civis_${n}.csv"
  t=$(measure "$civis" estimate --data "$csv" --weight weight --strata stratum --psu psu --nest \
      --lonely-psu adjust --calibrate regsex,ageband --totals "$totals" \
      --define 'emp = ilostat == 1' --where 'age >= 20 and age <= 64' \
      --mean emp --by region,citizen,sex --out "$out_c" --quiet)
  civis_s=${t% *}
  echo "civis: ${civis_s} s, peak $(( ${t#* } / 1024 )) MB"
  for p in $peers; do
    case $p in
      svy)
        python3 -c 'import svy, polars' 2>/dev/null || { echo "svy: not installed"; continue; }
        [ "$n" -gt 500000 ] && { echo "svy: skipped at $n rows (out of memory on 24 GB, see above)"; continue; }
        t=$(measure python3 "$here/benches/peer_svy_calibration.py" "$csv" "$totals" "$dir/cal_svy_${n}.csv")
        echo "svy 0.35: ${t% *} s, peak $(( ${t#* } / 1024 )) MB ($(python3 -c "print(f'{${t% *} / $civis_s:.1f}')")x civis' time)"
        python3 "$here/benches/compare_w1.py" "$out_c" "$dir/cal_svy_${n}.csv" svy ;;
    esac
  done
done
