#!/usr/bin/env bash
# `civis convert` end to end on a ~100 MB Eurostat TSV: the whole process (reading, converting,
# writing a temporary file, fsync, rename), several runs per output format, printing the best and
# the median wall-clock MB/s of input, CPU seconds (user + system) and the peak resident set.
#
# Usage: benches/convert.sh [TSV]   (default $TMPDIR/civis_big.tsv, generated when missing by
#        `cargo run --release -p civis-io --example tsv_throughput`: 25 yearly periods, 6 key
#        dimensions, 11.2 million observations, values with flags, every 13th cell `:`).
# Environment: RUNS=5, TARGETS="tsv sdmx-csv csv" (also: sdmx-csv1, json; JSON-stat is not
#        streamed: it loads the whole table), BASE=path/to/another/civis binary to race in the
#        same run (runs alternate between the two), OUT_DIR (default: beside the input).
# MB = 10^6 bytes. Runs are not timed by tests; on a shared machine take the best of many.
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
tsv=${1:-${TMPDIR:-/tmp}/civis_big.tsv}
runs=${RUNS:-5}
targets=${TARGETS:-"tsv sdmx-csv csv"}
out_dir=${OUT_DIR:-$(dirname "$tsv")}
cargo build --release -q -p civis-cli -p civis-io --example tsv_throughput \
  --manifest-path "$here/Cargo.toml"
civis="$here/target/release/civis"
# Generate only (no target label matches `none`).
[ -f "$tsv" ] || "$here/target/release/examples/tsv_throughput" "$tsv" 100 none
bytes=$(stat -c %s "$tsv")
echo "input: $tsv, $(awk -v b="$bytes" 'BEGIN { printf "%.1f", b / 1e6 }') MB; $runs runs each"
bins="$civis"
[ -n "${BASE:-}" ] && bins="$BASE $civis"
for target in $targets; do
  ext=$target
  case $target in sdmx-csv*) ext=csv ;; json) ext=json ;; esac
  out="$out_dir/civis_convert_bench.$ext"
  declare -A walls=() stats=()
  for ((r = 0; r < runs; r++)); do
    for bin in $bins; do
      rm -f "$out"
      tf=$(mktemp)
      /usr/bin/time -o "$tf" -f "%e %U %S %M" "$bin" convert --to "$target" "$tsv" "$out" 2>/dev/null
      read -r wall user sys kb < "$tf"
      rm -f "$tf"
      walls[$bin]="${walls[$bin]:-} $wall"
      stats[$bin]="${stats[$bin]:-} $(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }'):$kb"
    done
  done
  rm -f "$out"
  for bin in $bins; do
    sorted=$(tr ' ' '\n' <<< "${walls[$bin]}" | grep . | sort -n | tr '\n' ' ')
    tr ' ' '\n' <<< "${stats[$bin]}" | grep . | tr ':' ' ' | awk -v b="$bytes" -v t="$target" \
      -v bin="$bin" -v w="$sorted" '
      { cpu += $1; if ($2 > m) m = $2; n++ }
      END {
        k = split(w, s, " ")
        printf "TSV -> %-9s %s\n  best %4.0f MB/s (%.2f s), median %4.0f MB/s, CPU %.2f s/run, peak RSS %.1f MB\n",
          t, bin, b / 1e6 / s[1], s[1], b / 1e6 / s[int((k + 1) / 2)], cpu / n, m / 1024
      }'
  done
  unset walls stats
done
