#!/usr/bin/env bash
# Workload W1 of ../shared/bench: employment rate 20-64 by region x citizen x sex with
# Taylor-linearised SEs (strata `stratum`, PSUs `psu` nested, weights `weight`, lonely PSUs
# centred as survey.lonely.psu = "adjust"). Races civis against the peer scripts in one run on
# one machine, whole process including reading the CSV, and checks that the numbers agree.
#
# Usage: benches/w1.sh [DATA_DIR]   (needs: python3 with numpy for the generator; optional
#        peers: `pip install svy polars`, `apt-get install r-base-core r-cran-survey`)
# Environment: PEERS="svy R" (default both if installed), SIZES="200000 2000000".
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
dir=${1:-$here/bench-data}
mkdir -p "$dir"
sizes=${SIZES:-"200000 2000000"}
peers=${PEERS:-"svy R"}
cargo build --release -q -p civis-cli --manifest-path "$here/Cargo.toml"
civis="$here/target/release/civis"
seed_of() { if [ "$1" = 200000 ]; then echo 1; else echo 2; fi; }
# run a command quietly; print "SECONDS PEAK_KB" (wall clock, maximum resident set)
measure() {
  local tf; tf=$(mktemp)
  /usr/bin/time -o "$tf" -f "%e %M" "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; rm -f "$tf"; return 1; }
  cat "$tf"; rm -f "$tf"
}
for n in $sizes; do
  csv="$dir/lfs_${n}.csv"
  [ -f "$csv" ] || python3 "$shared/bench/gen_lfs.py" "$n" "$(seed_of "$n")" "$csv"
  echo "== W1, $n rows"
  out_c="$dir/w1_civis_${n}.csv"
  t=$(measure "$civis" estimate --data "$csv" --weight weight --strata stratum --psu psu --nest \
      --lonely-psu adjust --define 'emp = ilostat == 1' --where 'age >= 20 and age <= 64' \
      --mean emp --by region,citizen,sex --out "$out_c")
  echo "civis: ${t% *} s, peak $(( ${t#* } / 1024 )) MB"
  for p in $peers; do
    case $p in
      svy)
        python3 -c 'import svy, polars' 2>/dev/null || { echo "svy: not installed"; continue; }
        [ "$n" -gt 500000 ] && { echo "svy: skipped at $n rows (runs out of memory on 24 GB, see ../shared/bench/README.md)"; continue; }
        t=$(measure python3 "$shared/bench/peer_svy_w1.py" "$csv" "$dir/w1_svy_${n}.csv")
        echo "svy 0.35: ${t% *} s, peak $(( ${t#* } / 1024 )) MB" ;;
      R)
        command -v Rscript >/dev/null || { echo "R: not installed"; continue; }
        [ "$n" -gt 500000 ] && { echo "R survey: skipped at $n rows (hours)"; continue; }
        t=$(measure Rscript "$shared/bench/peer_survey_w1.R" "$csv" "$dir/w1_R_${n}.csv")
        echo "R survey: ${t% *} s, peak $(( ${t#* } / 1024 )) MB" ;;
    esac
  done
  for p in svy R; do
    if [ -f "$dir/w1_${p}_${n}.csv" ]; then
      python3 "$here/benches/compare_w1.py" "$out_c" "$dir/w1_${p}_${n}.csv" "$p"
    fi
  done
done
