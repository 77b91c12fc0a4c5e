#!/usr/bin/env bash
# Unit-level EBP benchmark (issue 16): the at-risk-of-poverty rate (hcr) of 500 areas by the
# Molina-Rao EBP with L = 200 Monte Carlo draws over a population of 2.5 million persons, civis
# against samplics (Python, the maintained predecessor of svy's SAE) in the same run. Prints wall
# seconds and peak resident memory of each, their ratio, and the largest difference between the
# two sets of estimates (they differ by Monte Carlo noise and by the REML optimiser only).
#
# Usage: benches/sae_unit.sh [DIR]   (default ${TMPDIR:-/tmp}/civis_sae_unit)
#   The data are generated into DIR when missing by benches/sae_unit_generate.py from
#   ../shared/data/sae/eusilcA_pop.csv (resampled: see that script).
# Environment: PYTHON (default python3; needs numpy, pandas, samplics: pip install samplics),
#   L=200, N=2500000, D=500, RUNS=3 (best of).
# Not a test: timings on a shared machine vary; take the best of several runs.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
dir=${1:-${TMPDIR:-/tmp}/civis_sae_unit}
py=${PYTHON:-python3}
L=${L:-200}
runs=${RUNS:-3}
mkdir -p "$dir"
[ -f "$dir/population.csv" ] ||
  "$py" "$here/benches/sae_unit_generate.py" "$here/../shared/data/sae/eusilcA_pop.csv" "$dir" \
    "${N:-2500000}" "${D:-500}"
cargo build --release -q -p civis-cli --manifest-path "$here/Cargo.toml"
civis="$here/target/release/civis"
covs=eqsize,cash,self_empl,unempl_ben,age_ben,rent
# The poverty line: 0.6 x the median of the sample's eqIncome (fixed, given to both tools).
line=$("$py" -c "import pandas as p; print(0.6 * p.read_csv('$dir/sample.csv')['eqIncome'].median())")
echo "data: $(($(wc -l < "$dir/population.csv") - 1)) persons, $(($(wc -l < "$dir/sample.csv") - 1)) sampled; line $line; L = $L; $(nproc) cores"
best() { sort -n | head -1; }
civis_runs="" civis_mem="" civis_cpu="" peer_runs="" peer_mem="" peer_cpu=""
for ((r = 0; r < runs; r++)); do
  tf=$(mktemp)
  /usr/bin/time -o "$tf" -f "%e %M %U %S" "$civis" sae unit --sample "$dir/sample.csv" \
    --population "$dir/population.csv" --area area --y eqIncome --covariates "$covs" \
    --indicators hcr --transform log --threshold "$line" --L "$L" --seed $((r + 1)) \
    --out "$dir/civis_hcr.csv" --model-out "$dir/civis_model.json" 2> "$dir/civis.log"
  read -r wall kb user sys < "$tf"
  civis_runs="$civis_runs $wall" civis_mem="$civis_mem $kb" civis_cpu="$civis_cpu $(echo "$user + $sys" | bc)"
  /usr/bin/time -o "$tf" -f "%e %M %U %S" "$py" "$here/benches/sae_unit_samplics.py" "$dir" "$line" "$L" \
    "$dir/samplics_hcr.csv" > "$dir/samplics.log" 2>&1
  read -r wall kb user sys < "$tf"
  rm -f "$tf"
  peer_runs="$peer_runs $wall" peer_mem="$peer_mem $kb" peer_cpu="$peer_cpu $(echo "$user + $sys" | bc)"
  echo "run $((r + 1)): civis$(echo "$civis_runs" | awk '{print " " $NF}') s, samplics$(echo "$peer_runs" | awk '{print " " $NF}') s ($(tail -1 "$dir/samplics.log"))"
done
cb=$(echo $civis_runs | tr ' ' '\n' | best)
pb=$(echo $peer_runs | tr ' ' '\n' | best)
cm=$(echo $civis_mem | tr ' ' '\n' | sort -n | tail -1)
pm=$(echo $peer_mem | tr ' ' '\n' | sort -n | tail -1)
cc=$(echo $civis_cpu | tr ' ' '\n' | best)
pc=$(echo $peer_cpu | tr ' ' '\n' | best)
printf "civis    best %6.2f s wall, %6.2f s CPU (user + sys), peak %6.0f MB\n" "$cb" "$cc" "$(echo "$cm / 1024" | bc -l)"
printf "samplics best %6.2f s wall, %6.2f s CPU (user + sys), peak %6.0f MB\n" "$pb" "$pc" "$(echo "$pm / 1024" | bc -l)"
printf "samplics / civis: wall %.1f x, CPU %.1f x\n" "$(echo "$pb / $cb" | bc -l)" "$(echo "$pc / $cc" | bc -l)"
"$py" - "$dir" <<'PY'
import sys
import pandas as pd
d = sys.argv[1]
c = pd.read_csv(f"{d}/civis_hcr.csv")
s = pd.read_csv(f"{d}/samplics_hcr.csv")
m = c.merge(s, on="area")
diff = (m["estimate"] - m["hcr"]).abs()
print(f"civis vs samplics hcr over {len(m)} areas: mean |diff| {diff.mean():.4f}, max {diff.max():.4f}")
PY
