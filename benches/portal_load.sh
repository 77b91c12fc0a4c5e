#!/usr/bin/env bash
# Portal load: the area profile page and the API JSON at a fixed rate (open loop, latency from
# the scheduled send time, see crates/civis-web/examples/load.rs), then Debian's `wrk`
# (closed loop) for the maximum throughput. Targets (issue "must show"): area profile p99 < 20 ms
# and API JSON p99 < 5 ms at 1,000 requests per second on 2 cores, zero errors.
#
# The 2 cores are split: the server runs on core 0 (its tokio runtime then has one worker
# thread), the load generator and wrk on core 1. Other work on the machine (compilers) shares
# both; the load average is printed with every run, so run when `uptime` is low.
#
# Usage: benches/portal_load.sh
# Environment: RATE=1000 DURATION=30 WARMUP=5 CONNECTIONS=32 ADDR=127.0.0.1:8098
#   DB=/tmp/load.db (built from data/ on first start) SERVER_CPUS=0 LOAD_CPUS=1
#   PAGES="/areas/AT13 ..." API="/api/indicators ..." (space-separated paths to load)
#   WRK=1 (0 skips wrk) WRK_DURATION=10 WRK_CONNECTIONS=16
#   CIVIS=path/to/civis (another build of the server, e.g. the one before a change, to compare
#   in the same run) NICE=0 (e.g. -10 raises the priority of server and load generator over
#   the compilers of other users; needs root)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rate=${RATE:-1000}
duration=${DURATION:-30}
warmup=${WARMUP:-5}
connections=${CONNECTIONS:-32}
addr=${ADDR:-127.0.0.1:8098}
db=${DB:-/tmp/load.db}
server_cpus=${SERVER_CPUS:-0}
load_cpus=${LOAD_CPUS:-1}

read -r -a pages <<< "${PAGES:-/areas/AT13 /areas/AT /areas/AT-D101 /indicators/employment_rate /}"
read -r -a api <<< "${API:-/api/observations?indicator=employment_rate&geo=AT&limit=100 /api/areas/AT13 /api/indicators}"

cd "$here"
cargo build --release -q -p civis-cli
cargo build --release -q -p civis-web --example load
civis=${CIVIS:-$here/target/release/civis}
load="$here/target/release/examples/load"

nice -n "${NICE:-0}" taskset -c "$server_cpus" "$civis" serve --database "$db" --addr "$addr" --quiet --data "$here/data" &
server=$!
trap 'kill "$server" 2>/dev/null; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://$addr/healthz" > /dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
  sleep 0.5
done
curl -fs "http://$addr/healthz"; echo

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== server $civis on CPU $server_cpus, load generator on CPU $load_cpus, nice ${NICE:-0}"
status=0
for set in pages api; do
  declare -n urls=$set
  echo "== $set, $(uptime | sed 's/.*load average/load average/')"
  nice -n "${NICE:-0}" taskset -c "$load_cpus" "$load" --addr "$addr" --rate "$rate" --duration "$duration" \
    --warmup "$warmup" --connections "$connections" "${urls[@]}" || status=1
done
echo "== after, $(uptime | sed 's/.*load average/load average/')"

if [ "${WRK:-1}" = 1 ] && command -v wrk > /dev/null; then
  for u in /areas/AT13 "/api/observations?indicator=employment_rate&geo=AT&limit=100"; do
    echo "== wrk (closed loop, maximum throughput) $u, $(uptime | sed 's/.*load average/load average/')"
    nice -n "${NICE:-0}" taskset -c "$load_cpus" wrk -t1 -c"${WRK_CONNECTIONS:-16}" -d"${WRK_DURATION:-10}s" \
      --latency "http://$addr$u" | grep -E 'Requests/sec|Non-2xx|Socket errors|^ +(50|99)%'
  done
fi
exit $status
