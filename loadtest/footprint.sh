#!/usr/bin/env bash
# Start-up, reload, command-line and idle-memory figures of the built jar on the bundled data.
#
#   loadtest/footprint.sh      # from the repository root; writes loadtest/target/footprint/results.md
#
# 1. start-up: process start to the first 200 of /v1/graph (stable-4.18, amd64), RUNS times,
#    with the JVM flags of deploy/Containerfile: without an application class-data sharing
#    archive, with one, and with one and a warm parse cache (both recorded once here by
#    --exit-when-ready under -XX:ArchiveClassesAtExit, as the image build records them);
# 2. idle RSS: VmRSS 10 s after the first 200, every channel's bodies rendered, no load;
# 3. reload: EDITS one-file changes to a watched copy of the real graph-data (a version dropped
#    from stable-4.18 and put back), each timed from the file write to the first /v1/graph
#    answer of the new revision, with --graph-data-quiet-period QUIET;
# 4. commands: path, explain and plan on the bundled data without and with a warm parse cache,
#    and validate, RUNS times each.
# Environment: RUNS (5), EDITS (20), QUIET (100ms), PORT (18380), STATUS_PORT (18381).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/loadtest/target/footprint
rm -rf "$OUT"
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/covington-footprint.XXXXXX)
RUNS=${RUNS:-5}
EDITS=${EDITS:-20}
QUIET=${QUIET:-100ms}
PORT=${PORT:-18380}
STATUS_PORT=${STATUS_PORT:-18381}
JAR=$ROOT/graph-server/target/covington.jar
GRAPH="http://127.0.0.1:$PORT/api/upgrades_info/v1/graph?channel=stable-4.18&arch=amd64"

COV=
cleanup() {
  [ -n "$COV" ] && kill "$COV" 2>/dev/null || true
  wait 2>/dev/null || true
  rm -rf "$WORK"
}
trap cleanup EXIT

[ -f "$JAR" ] || mvn -B -q package -DskipTests
# The image's flags without its archive, which is given (or not) explicitly below.
JAVA_OPTS=$(grep -oP '^ENV JAVA_TOOL_OPTIONS="\K[^"]*' deploy/Containerfile | sed 's/-XX:SharedArchiveFile=[^ ]*//')
LIMIT_MI=$(grep -m1 -oP '^\s+memory: \K[0-9]+(?=Mi)' deploy/k8s/base/deployment.yaml)
now_ms() { date +%s%3N; }

# Starts the server with "$@" as extra JVM flags; sets COV and prints the ms to the first 200.
start() {
  local t0 t
  t0=$(now_ms)
  java "-XX:MaxRAM=${LIMIT_MI}m" $JAVA_OPTS "$@" -jar "$JAR" --bind 127.0.0.1 --port "$PORT" \
    --status-port "$STATUS_PORT" $SERVER_ARGS > "$OUT/server.log" 2>&1 &
  COV=$!
  until curl -sf -o /dev/null "$GRAPH"; do
    kill -0 "$COV" 2>/dev/null || { cat "$OUT/server.log" >&2; exit 1; }
    sleep 0.01
  done
  t=$(now_ms)
  echo $((t - t0))
}
stop() {
  kill "$COV" 2>/dev/null || true
  wait "$COV" 2>/dev/null || true
  COV=
}
stats() { sort -n | awk '{a[NR]=$1; s+=$1} END {printf "median %d, min %d, max %d (n=%d)", a[int((NR+1)/2)], a[1], a[NR], NR}'; }

{
  echo "# Footprint run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "- $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'), load average $(cut -d' ' -f1-3 /proc/loadavg)"
  echo "- $(java -version 2>&1 | head -1)"
  echo "- JVM flags: -XX:MaxRAM=${LIMIT_MI}m $JAVA_OPTS"
  echo
} > "$OUT/results.md"

SERVER_ARGS=""
echo "== start-up, no CDS archive"
: > "$OUT/start-nocds.txt"
for _ in $(seq 1 "$RUNS"); do start -Xshare:auto >> "$OUT/start-nocds.txt"; stop; done

echo "== recording the CDS archive and the parse cache (as deploy/Containerfile does)"
rm -rf "$WORK/app.jsa" "$WORK/parsed"
java "-XX:ArchiveClassesAtExit=$WORK/app.jsa" "-XX:MaxRAM=${LIMIT_MI}m" -XX:+UseG1GC -jar "$JAR" --exit-when-ready \
  --bind 127.0.0.1 --port 0 --status-port 0 --parse-cache "$WORK/parsed" > "$OUT/record.log" 2>&1
ls -la "$WORK/app.jsa" > /dev/null
echo "== start-up, with the CDS archive"
: > "$OUT/start-cds.txt"
for _ in $(seq 1 "$RUNS"); do start "-XX:SharedArchiveFile=$WORK/app.jsa" >> "$OUT/start-cds.txt"; stop; done
echo "== start-up, with the CDS archive and the parse cache"
SERVER_ARGS="--parse-cache $WORK/parsed"
: > "$OUT/start-cds-parsed.txt"
for _ in $(seq 1 "$RUNS"); do start "-XX:SharedArchiveFile=$WORK/app.jsa" >> "$OUT/start-cds-parsed.txt"; stop; done

echo "== idle RSS"
SERVER_ARGS="--parse-cache $WORK/parsed"
start "-XX:SharedArchiveFile=$WORK/app.jsa" > /dev/null
sleep 10
RSS_IDLE=$(awk '/VmRSS/ {print int($2/1024)}' "/proc/$COV/status")
stop

{
  echo "## Start-up (process start to the first 200, ms)"
  echo
  echo "| | first 200 |"
  echo "|---|---|"
  echo "| no CDS archive | $(stats < "$OUT/start-nocds.txt") |"
  echo "| application CDS archive ($(du -m "$WORK/app.jsa" | cut -f1) MB) | $(stats < "$OUT/start-cds.txt") |"
  echo "| archive and warm parse cache ($(du -sm "$WORK/parsed" | cut -f1) MB) | $(stats < "$OUT/start-cds-parsed.txt") |"
  echo
  echo "Idle RSS 10 s after the first 200 (with the archive and the parse cache): **${RSS_IDLE} MiB** (pod limit ${LIMIT_MI} Mi)."
  echo
} >> "$OUT/results.md"

echo "== reload"
cp -r graph-data/src/main/resources/io/covington/graph/bundled/openshift/graph-data "$WORK/graph-data"
SERVER_ARGS="--graph-data $WORK/graph-data --graph-data-quiet-period $QUIET"
start "-XX:SharedArchiveFile=$WORK/app.jsa" > /dev/null
sleep 5
CHANNEL=$WORK/graph-data/channels/stable-4.18.yaml
cp "$CHANNEL" "$WORK/stable-4.18.full"
head -n -1 "$WORK/stable-4.18.full" > "$WORK/stable-4.18.short"
: > "$OUT/reload.txt"
for i in $(seq 1 "$EDITS"); do
  if [ $((i % 2)) = 1 ]; then next=$WORK/stable-4.18.short; else next=$WORK/stable-4.18.full; fi
  before=$(curl -s -D - -o /dev/null "$GRAPH" | grep -i '^etag:' | tr -d '\r')
  t0=$(now_ms)
  cp "$next" "$CHANNEL.tmp" && mv "$CHANNEL.tmp" "$CHANNEL"
  while [ "$(curl -s -D - -o /dev/null "$GRAPH" | grep -i '^etag:' | tr -d '\r')" = "$before" ]; do
    sleep 0.005
    [ $(($(now_ms) - t0)) -lt 30000 ] || { echo "reload $i not served in 30 s" >&2; exit 1; }
  done
  echo $(($(now_ms) - t0)) >> "$OUT/reload.txt"
  sleep 1.5
done
grep -o 'served [0-9]* ms after it was built; warming.*' "$OUT/server.log" | tail -3 > "$OUT/reload-log.txt" || true
grep -oP 'loaded graph revision \S+ in \K[0-9]+(?= ms)' "$OUT/server.log" | tail -"$EDITS" > "$OUT/reload-build.txt" || true
stop
{
  echo "## Reload (one-file change to a watched copy of the real graph-data, quiet period $QUIET)"
  echo
  echo "- file write to the new revision served: $(stats < "$OUT/reload.txt") ms"
  if [ -s "$OUT/reload-build.txt" ]; then echo "- read and build, as the server logs it: $(stats < "$OUT/reload-build.txt") ms"; fi
  echo
} >> "$OUT/results.md"

echo "== commands"
SERVER_ARGS=""
cmd() {
  local name=$1; shift
  local file=${name//[^a-z-]/}
  : > "$OUT/cmd-$file.txt"
  for _ in $(seq 1 "$RUNS"); do
    local t0; t0=$(now_ms)
    java $JAVA_OPTS "-XX:SharedArchiveFile=$WORK/app.jsa" -Xlog:cds=off -jar "$JAR" "$@" > "$OUT/cmd-$file.out" 2>&1 || true
    echo $(($(now_ms) - t0)) >> "$OUT/cmd-$file.txt"
  done
  echo "| \`$name\` | $(stats < "$OUT/cmd-$file.txt") |" >> "$OUT/results.md"
}
{
  echo "## Commands on the bundled data (ms, with the archive)"
  echo
  echo "| command | wall time |"
  echo "|---|---|"
} >> "$OUT/results.md"
for q in no-parse-cache parse-cache; do
  if [ $q = parse-cache ]; then CACHE=(--parse-cache "$WORK/parsed"); else CACHE=(--no-parse-cache); fi
  cmd "path, $q" path --channel stable-4.16 --from 4.15.20 --to 4.16.53 "${CACHE[@]}"
  cmd "explain, $q" explain --channel stable-4.16 --from 4.15.20 --to 4.16.53 "${CACHE[@]}"
  cmd "plan, $q" plan --from 4.14.30 --to 4.16 --route eus "${CACHE[@]}"
done
cmd validate validate --graph-data graph-data/src/main/resources/io/covington/graph/bundled/openshift/graph-data --promtool none

cat "$OUT/results.md"
