#!/usr/bin/env bash
# Calibration benchmark (issue 15): linear calibration of the weights to 500 population totals
# (region x sex: 488 cells, plus 12 age bands) followed by workload W1 of ../shared/bench
# (employment rate 20-64 by region x citizen x sex, Taylor SEs with the calibration residuals,
# strata `stratum`, PSUs `psu` nested, lonely PSUs `adjust`) on the calibrated design. The whole
# process including reading the CSV, civis against svy (calibrate + mean) in the same run.
#
# Usage: benches/calibration.sh [DATA_DIR]   (needs python3 with numpy and polars; peer:
#        `pip install svy polars`). Environment: SIZES="20000 50000 200000 2000000", PEERS="svy",
#        PEER_TIME_LIMIT=1200 (seconds; a peer still running then is killed and reported so).
# svy is skipped above 500,000 rows: W1 alone runs it out of memory at 2,000,000 rows on a 24 GB
# machine (../shared/bench/README.md), and its calibration builds a dense rows x totals matrix.
# The load average is printed before every measurement (other work on the machine slows both tools).
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
dir=${1:-$here/bench-data}
mkdir -p "$dir"
sizes=${SIZES:-"20000 50000 200000 2000000"}
limit=${PEER_TIME_LIMIT:-1200}
peers=${PEERS:-"svy"}
cargo build --release -q -p civis-cli --manifest-path "$here/Cargo.toml"
civis="$here/target/release/civis"
seed_of() { if [ "$1" = 2000000 ]; then echo 2; else echo 1; fi; }
# prints "SECONDS PEAK_KB"; returns 124 when the time limit killed the command
measure() {
  local tf rc=0; tf=$(mktemp)
  /usr/bin/time -o "$tf" -f "%e %M" timeout "$limit" "$@" > /dev/null 2>&1 || rc=$?
  if [ "$rc" -ne 0 ]; then
    tail -n 1 "$tf"; rm -f "$tf"
    [ "$rc" -eq 124 ] && return 124
    echo "failed: $*" >&2; return 1
  fi
  cat "$tf"; rm -f "$tf"
}
load() { cut -d' ' -f1-3 /proc/loadavg; }
for n in $sizes; do
  lfs="$dir/lfs_${n}.csv"
  [ -f "$lfs" ] || python3 "$shared/bench/gen_lfs.py" "$n" "$(seed_of "$n")" "$lfs"
  csv="$dir/cal_${n}.csv"; totals="$dir/cal_totals_${n}.csv"
  [ -f "$csv" ] || python3 "$here/benches/calibration_prepare.py" "$lfs" "$csv" "$totals"
  echo "== calibration to 500 totals + W1, $n rows"
  out_c="$dir/cal_civis_${n}.csv"
  echo "load average before civis: $(load)"
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
        echo "load average before svy: $(load)"
        rc=0; t=$(measure python3 "$here/benches/peer_svy_calibration.py" "$csv" "$totals" "$dir/cal_svy_${n}.csv") || rc=$?
        if [ "$rc" -eq 124 ]; then
          echo "svy 0.35: killed at the time limit of ${limit} s (peak $(( ${t#* } / 1024 )) MB so far), at least $(python3 -c "print(f'{$limit / $civis_s:.0f}')")x civis' time"
          continue
        fi
        [ "$rc" -eq 0 ] || continue
        echo "svy 0.35: ${t% *} s, peak $(( ${t#* } / 1024 )) MB ($(python3 -c "print(f'{${t% *} / $civis_s:.1f}')")x civis' time)"
        python3 "$here/benches/compare_w1.py" "$out_c" "$dir/cal_svy_${n}.csv" svy ;;
    esac
  done
done
