#!/usr/bin/env bash
# Portal soak (issue 17, must show): `civis serve` for 10 minutes at 1,000 requests/s of mixed
# pages, API and registry sign-ins (open loop, latency from the scheduled send time, see
# crates/civis-web/examples/load.rs), zero errors; p99 per kind of request and the server's
# resident memory (RSS) at the start and the end; the load average before, during and after.
#
# The mix, round-robin over the slots: 5 portal pages, 4 API answers (one paging far past the
# end), the registry's search page,
# and every LOGIN_EVERY-th slot (default 100: 10 sign-ins/s, each an argon2id verification
# with the OWASP cost) a sign-in of a real account (GET the form, POST it, expect 303).
#
# Usage: benches/portal_soak.sh
# Environment: RATE=1000 DURATION=600 WARMUP=10 CONNECTIONS=32 ADDR=127.0.0.1:8099
#   DB=/tmp/soak.db (built from data/ on first start) LOGIN_EVERY=100 CIVIS=path/to/civis
#   SERVER_CPUS=0 LOAD_CPUS=1 (taskset; the machine has 2 cores)
set -euo pipefail
here=$(cd "$(dirname "$0")/.." && pwd)
rate=${RATE:-1000}
duration=${DURATION:-600}
warmup=${WARMUP:-10}
connections=${CONNECTIONS:-32}
addr=${ADDR:-127.0.0.1:8099}
db=${DB:-/tmp/soak.db}
login_every=${LOGIN_EVERY:-100}
server_cpus=${SERVER_CPUS:-0}
load_cpus=${LOAD_CPUS:-1}

cd "$here"
cargo build --release -q -p civis-cli
cargo build --release -q -p civis-web --example load
target=${CARGO_TARGET_DIR:-$here/target}
civis=${CIVIS:-$target/release/civis}
load="$target/release/examples/load"

email=soak@example.eu
export CIVIS_PASSWORD="soak-test-password-$$"
if [ ! -e "$db" ]; then
  "$civis" init-db --database "$db" --data "$here/data" > /dev/null
fi
"$civis" user add --role editor --area AT13 --database "$db" "$email" > /dev/null 2>&1 || \
  echo "(the account $email exists already: using CIVIS_PASSWORD as given)" >&2

taskset -c "$server_cpus" "$civis" serve --database "$db" --addr "$addr" --quiet --data "$here/data" &
server=$!
trap 'kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT
for _ in $(seq 1 600); do
  curl -fs "http://$addr/healthz" > /dev/null 2>&1 && break
  kill -0 "$server" 2>/dev/null || { echo "the server did not start" >&2; exit 1; }
  sleep 0.5
done

rss() { awk '/VmRSS/ {print $2 / 1024 " MB"}' "/proc/$server/status"; }
load_average() { uptime | sed 's/.*load average/load average/'; }

echo "== machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "== server $civis on CPU $server_cpus, load generator on CPU $load_cpus"
echo "== start: server RSS $(rss), $(load_average)"
# the load average and RSS every minute while the soak runs
( while sleep 60; do echo "   ... RSS $(rss), $(load_average)"; done ) &
monitor=$!
trap 'kill "$monitor" 2>/dev/null || true; kill "$server" 2>/dev/null || true; wait "$server" 2>/dev/null || true' EXIT

status=0
taskset -c "$load_cpus" env CIVIS_PASSWORD="$CIVIS_PASSWORD" "$load" --addr "$addr" --rate "$rate" \
  --duration "$duration" --warmup "$warmup" --connections "$connections" --mix \
  --login "$email" --login-every "$login_every" \
  /areas/AT13 /areas/AT /indicators/employment_rate /areas/AT-D101 / \
  "/api/observations?indicator=employment_rate&geo=AT&limit=100" /api/areas/AT13 /api/indicators \
  "/api/observations?indicator=employment_rate&offset=18446744073709551615" \
  /registry || status=1
kill "$monitor" 2>/dev/null || true
echo "== end: server RSS $(rss), $(load_average)"
exit $status
