#!/usr/bin/env bash
# Memory and consistency under overload and reloads, with the shipped JVM settings.
#
#   loadtest/reliability.sh      # from the repository root; writes loadtest/target/reliability/results.md
#
# Starts Covington as the container image does (deploy/Containerfile's JAVA_TOOL_OPTIONS and
# MALLOC_ARENA_MAX) under the memory limit of deploy/k8s/base/deployment.yaml (as -XX:MaxRAM,
# which is what the JVM reads from the pod's cgroup), on a watched copy of the bundled
# graph-data, and samples its RSS every 250 ms through two phases:
#   1. overload: wrk with WRK_CONNECTIONS (2048) connections asking for the largest channel's
#      graph (512 KB) for WRK_DURATION, while /liveness is timed every second;
#   2. reloads: RELOADS (1000) changes of graph-data (a conditional risk added and removed), each
#      waited for until served, while the fleet mix runs at LOAD_RATE req/s and readers check that
#      every answer's body is the one of the revision it names (loadtest ReloadSoak).
# Environment: RELOADS, READERS (4), WRK_CONNECTIONS, WRK_DURATION, LOAD_RATE, JAVA_OPTS_EXTRA.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/loadtest/target/reliability
rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/covington-reliability.XXXXXX)
PORT=${PORT:-18090}
STATUS_PORT=${STATUS_PORT:-19090}
RELOADS=${RELOADS:-1000}
WRK_CONNECTIONS=${WRK_CONNECTIONS:-2048}
WRK_DURATION=${WRK_DURATION:-60s}
LOAD_RATE=${LOAD_RATE:-300}
GRAPH_URI='/api/upgrades_info/v1/graph?channel=candidate-4.14&arch=amd64'

PIDS=()
cleanup() {
  for p in "${PIDS[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get update -q && apt-get install -y -q wrk; }
if [ ! -f graph-server/target/covington.jar ] || [ ! -f loadtest/target/covington-loadtest.jar ]; then
  mvn -B -q package -DskipTests
fi

LIMIT_MI=$(grep -m1 -oP '^\s+memory: \K[0-9]+(?=Mi)' deploy/k8s/base/deployment.yaml)
JAVA_OPTS=$(grep -oP '^ENV JAVA_TOOL_OPTIONS="\K[^"]*' deploy/Containerfile)
ARENAS=$(grep -oP '^ENV MALLOC_ARENA_MAX=\K[0-9]+' deploy/Containerfile || true)
cp -r graph-data/src/main/resources/io/covington/graph/bundled/openshift/graph-data "$WORK/graph-data"
ulimit -n "$(ulimit -Hn)"

echo "== Covington: -XX:MaxRAM=${LIMIT_MI}m $JAVA_OPTS ${JAVA_OPTS_EXTRA:-} (MALLOC_ARENA_MAX=${ARENAS:-unset}), fd limit $(ulimit -n)"
env ${ARENAS:+MALLOC_ARENA_MAX=$ARENAS} java "-XX:MaxRAM=${LIMIT_MI}m" $JAVA_OPTS ${JAVA_OPTS_EXTRA:-} \
  "-Xlog:gc:file=$OUT/gc.log" -jar graph-server/target/covington.jar --bind 127.0.0.1 --port "$PORT" \
  --status-port "$STATUS_PORT" --graph-data "$WORK/graph-data" --graph-data-quiet-period 200ms \
  > "$OUT/covington.log" 2>&1 &
COV=$!
PIDS+=("$COV")
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$STATUS_PORT/readiness" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$STATUS_PORT/readiness" >/dev/null || { echo "Covington did not become ready"; exit 1; }
READY_RSS=$(awk '/VmRSS/ { printf "%.0f", $2 / 1024 }' "/proc/$COV/status")

sample() { # file: VmRSS in MiB every 250 ms until killed
  while kill -0 "$COV" 2>/dev/null; do
    awk '/VmRSS/ { printf "%.1f\n", $2 / 1024 }' "/proc/$COV/status" >> "$1"
    sleep 0.25
  done
}
peak() { sort -n "$1" | tail -1; }
metric() { curl -s "http://127.0.0.1:$STATUS_PORT/metrics" | awk -v m="$1" 'index($0, m) == 1 { s += $NF } END { printf "%.0f", s }'; }

echo "== phase 1: wrk -c$WRK_CONNECTIONS -d$WRK_DURATION"
sample "$OUT/rss-overload.txt" & SAMPLER=$!
PIDS+=("$SAMPLER")
(
  while true; do
    curl -s -o /dev/null -m 5 -w '%{http_code} %{time_total}\n' "http://127.0.0.1:$STATUS_PORT/liveness" || echo "failed"
    sleep 1
  done
) > "$OUT/liveness-overload.txt" & PROBE=$!
PIDS+=("$PROBE")
wrk -t2 -c"$WRK_CONNECTIONS" -d"$WRK_DURATION" --timeout 10s -H 'Accept: application/json' \
  "http://127.0.0.1:$PORT$GRAPH_URI" > "$OUT/wrk.txt" 2>&1 || true
kill "$SAMPLER" "$PROBE" 2>/dev/null || true
cat "$OUT/wrk.txt"
OVERLOAD_PEAK=$(peak "$OUT/rss-overload.txt")
SHED=$(metric covington_http_shed_total)
LIVE_OK=$(grep -c '^200 ' "$OUT/liveness-overload.txt" || true)
LIVE_ALL=$(wc -l < "$OUT/liveness-overload.txt")
LIVE_MAX=$(awk '/^200 / { if ($2 > m) m = $2 } END { printf "%.0f ms", m * 1000 }' "$OUT/liveness-overload.txt")
AFTER=$(curl -s -o /dev/null -w '%{http_code}' -H 'Accept: application/json' "http://127.0.0.1:$PORT$GRAPH_URI")

echo "== phase 2: $RELOADS reloads under the fleet mix at $LOAD_RATE req/s"
sample "$OUT/rss-reloads.txt" & SAMPLER=$!
PIDS+=("$SAMPLER")
LOADTEST="java -Xmx256m -cp $ROOT/loadtest/target/covington-loadtest.jar"
: > "$OUT/fleet.txt"
(
  while true; do
    $LOADTEST io.covington.loadtest.LoadTest --target "http://127.0.0.1:$PORT" --rates "$LOAD_RATE" \
      --step-duration 60s >> "$OUT/fleet.txt" 2>&1 || true
  done
) & FLEET=$!
PIDS+=("$FLEET")
set +e
$LOADTEST io.covington.loadtest.ReloadSoak --target "http://127.0.0.1:$PORT" --status "http://127.0.0.1:$STATUS_PORT" \
  --graph-data "$WORK/graph-data" --reloads "$RELOADS" --readers "${READERS:-4}" | tee "$OUT/soak.txt"
SOAK_RC=${PIPESTATUS[0]}
set -e
pkill -P "$FLEET" 2>/dev/null || true
kill "$FLEET" "$SAMPLER" 2>/dev/null || true
RELOAD_PEAK=$(peak "$OUT/rss-reloads.txt")
HWM=$(awk '/VmHWM/ { printf "%.0f", $2 / 1024 }' "/proc/$COV/status")
HELD=$(metric covington_graph_reloads_total{outcome=\"held\")
PUBLISHED=$(metric covington_graph_reloads_total{outcome=\"published\")
FULL_GC_MAX=$(grep -oP 'Pause Full.* \K[0-9.]+(?=ms)' "$OUT/gc.log" | sort -n | tail -1 || true)
PAUSE_MAX=$(grep -oP 'Pause.* \K[0-9.]+(?=ms)' "$OUT/gc.log" | sort -n | tail -1 || true)
FLEET_ERRORS=$(grep -oP '^rate.* errors \K[0-9]+' "$OUT/fleet.txt" | awk '{ s += $1 } END { print s + 0 }')
FLEET_STEPS=$(grep -c '^rate' "$OUT/fleet.txt" || true)

{
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(awk '/MemTotal/ { printf "%.0f GiB", $2 / 1048576 }' /proc/meminfo), $(java -version 2>&1 | head -1)."
  echo "JVM: \`-XX:MaxRAM=${LIMIT_MI}m $JAVA_OPTS ${JAVA_OPTS_EXTRA:-}\`, MALLOC_ARENA_MAX=${ARENAS:-unset}; limit ${LIMIT_MI} MiB, 80% = $((LIMIT_MI * 8 / 10)) MiB."
  echo
  echo "| | value |"
  echo "|---|---|"
  echo "| RSS when ready | ${READY_RSS} MiB |"
  echo "| RSS peak, wrk -c$WRK_CONNECTIONS for $WRK_DURATION | ${OVERLOAD_PEAK} MiB |"
  echo "| wrk | $(awk '/Requests\/sec/ { print $2 " req/s" }' "$OUT/wrk.txt"), $(grep -oP 'Non-2xx or 3xx responses: \K[0-9]+' "$OUT/wrk.txt" || echo 0) non-2xx, socket errors: $(grep -oP 'Socket errors: \K.*' "$OUT/wrk.txt" || echo none) |"
  echo "| shed (503 overloaded) | $SHED |"
  echo "| /liveness during wrk | $LIVE_OK of $LIVE_ALL answered 200, slowest $LIVE_MAX |"
  echo "| graph right after wrk | $AFTER |"
  echo "| RSS peak, $RELOADS reloads under load | ${RELOAD_PEAK} MiB |"
  echo "| VmHWM (peak RSS of the whole run) | ${HWM} MiB |"
  echo "| reloads published / held | $PUBLISHED / $HELD |"
  echo "| fleet mix during reloads | $FLEET_STEPS steps of 60 s at $LOAD_RATE req/s, $FLEET_ERRORS errors |"
  echo "| GC: longest pause / longest full pause | ${PAUSE_MAX:-?} ms / ${FULL_GC_MAX:-none} ms |"
  echo
  echo '```'
  cat "$OUT/soak.txt"
  echo '```'
} > "$OUT/results.md"
cat "$OUT/results.md"
exit "$SOAK_RC"
