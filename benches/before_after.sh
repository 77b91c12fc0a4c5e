#!/usr/bin/env bash
# Before and after a change, same script, same run (issue 12: "W1 and the portal load benchmark are
# not slower"). Builds the civis binary of BASE (a git revision, default: the last commit before the
# pipeline crate, f203c7d) in a scratch worktree and the one of the working tree, then
#   1. races workload W1 (benches/w1.sh's command: employment rate 20-64 by region x citizen x sex,
#      Taylor SEs, stratified cluster design) with both binaries, interleaved, RUNS times each, and
#      prints the minimum wall clock and peak memory of each and their ratio;
#   2. runs benches/portal_load.sh once per binary, alternating (CIVIS=... as the script allows),
#      ROUNDS times, so both servers meet the same machine.
# The load average is printed with every measurement: on a busy machine the ratios are what counts.
#
# Usage: benches/before_after.sh [BASE]
# Environment: ROWS=2000000 RUNS=5 ROUNDS=1 SKIP_PORTAL=0 BASE_DIR=/tmp/civis-base
#   DATA_DIR=bench-data; portal_load.sh's own variables (RATE, DURATION, ...) pass through.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
shared=${SHARED:-$here/../shared}
base=${1:-f203c7d}
rows=${ROWS:-2000000}
runs=${RUNS:-5}
rounds=${ROUNDS:-1}
base_dir=${BASE_DIR:-/tmp/civis-base}
data_dir=${DATA_DIR:-$here/bench-data}
load() { uptime | sed 's/.*load average/load average/'; }

rev=$(git -C "$here" rev-parse --short "$base")
if [ ! -x "$base_dir/target/release/civis" ] || [ "$(cat "$base_dir/.rev" 2>/dev/null)" != "$rev" ]; then
  rm -rf "$base_dir"
  git -C "$here" worktree prune
  git -C "$here" worktree add -q --detach "$base_dir" "$rev"
  echo "== building $rev (release) in $base_dir"
  (cd "$base_dir" && cargo build --release -q -p civis-cli)
  echo "$rev" > "$base_dir/.rev"
fi
echo "== building the working tree (release)"
(cd "$here" && cargo build --release -q -p civis-cli)
before="$base_dir/target/release/civis"
after="$here/target/release/civis"

mkdir -p "$data_dir"
csv="$data_dir/lfs_${rows}.csv"
[ -f "$csv" ] || python3 "$shared/bench/gen_lfs.py" "$rows" 2 "$csv"
w1() {
  "$1" estimate --data "$csv" --weight weight --strata stratum --psu psu --nest --lonely-psu adjust \
    --define 'emp = ilostat == 1' --where 'age >= 20 and age <= 64' --mean emp \
    --by region,citizen,sex --out "$2"
}
measure() { # prints "SECONDS PEAK_KB"
  local tf; tf=$(mktemp)
  /usr/bin/time -o "$tf" -f "%e %M" "$@" > /dev/null 2>&1 || { echo "failed: $*" >&2; rm -f "$tf"; return 1; }
  cat "$tf"; rm -f "$tf"
}
export -f w1
export csv
echo "== W1, $rows rows, $runs interleaved runs each, $(load)"
best_b=; best_a=; mem_b=0; mem_a=0
for i in $(seq 1 "$runs"); do
  for side in before after; do
    bin=$before; [ $side = after ] && bin=$after
    t=$(measure bash -c 'w1 "$0" "$1"' "$bin" "$data_dir/w1_$side.csv")
    s=${t% *}; m=$(( ${t#* } / 1024 ))
    echo "  run $i $side: $s s, peak $m MB, $(load)"
    if [ $side = before ]; then
      if [ -z "$best_b" ] || awk "BEGIN{exit !($s < $best_b)}"; then best_b=$s; fi
      [ "$m" -gt "$mem_b" ] && mem_b=$m
    else
      if [ -z "$best_a" ] || awk "BEGIN{exit !($s < $best_a)}"; then best_a=$s; fi
      [ "$m" -gt "$mem_a" ] && mem_a=$m
    fi
  done
done
cmp -s <(sort "$data_dir/w1_before.csv") <(sort "$data_dir/w1_after.csv") \
  && echo "  same W1 table before and after" || echo "  W1 TABLES DIFFER: diff $data_dir/w1_before.csv $data_dir/w1_after.csv"
echo "W1 before ($rev): min $best_b s, peak $mem_b MB"
echo "W1 after (working tree): min $best_a s, peak $mem_a MB"
awk "BEGIN{printf \"W1 after / before: %.2f (time), %.2f (memory)\n\", $best_a / $best_b, $mem_a / $mem_b}"

[ "${SKIP_PORTAL:-0}" = 1 ] && exit 0
for r in $(seq 1 "$rounds"); do
  for side in before after; do
    bin=$before; [ $side = after ] && bin=$after
    echo "== portal load, round $r, $side ($bin), $(load)"
    CIVIS=$bin DB=/tmp/before_after_$side.db WRK=${WRK:-0} "$here/benches/portal_load.sh" || echo "  ($side: targets not met in this round)"
  done
done
