#!/usr/bin/env bash
# Measures the server's memory on the bundled data, as deploy/README.md reports it:
#   [LIMIT=512m] deploy/measure-memory.sh [JVM options...]
# JVM options default to the image's JAVA_TOOL_OPTIONS (and its MALLOC_ARENA_MAX); LIMIT stands for the container's memory
# limit (-XX:MaxRAM, which the JVM otherwise reads from the cgroup).
# Starts graph-server/target/covington.jar, waits for /readiness, requests every bundled
# channel's graph ROUNDS times (8 at a time), then prints RSS, heap use and the live heap
# after a full GC. Needs curl, python3 and the JDK's jcmd.
set -euo pipefail
cd "$(dirname "$0")/.."
JAR=graph-server/target/covington.jar
ROUNDS=${ROUNDS:-5}
API=${API_PORT:-38080}
STATUS=${STATUS_PORT:-39080}
if [ $# -gt 0 ]; then
  export JAVA_TOOL_OPTIONS="$*"
else
  JAVA_TOOL_OPTIONS=$(sed -n 's/^ENV JAVA_TOOL_OPTIONS="\(.*\)"$/\1/p' deploy/Containerfile)
  export JAVA_TOOL_OPTIONS
fi
if [ -n "${LIMIT:-}" ]; then
  JAVA_TOOL_OPTIONS="$JAVA_TOOL_OPTIONS -XX:MaxRAM=$LIMIT"
fi
ARENAS=$(sed -n 's/^ENV MALLOC_ARENA_MAX=\([0-9]*\)$/\1/p' deploy/Containerfile)
if [ -n "$ARENAS" ]; then
  export MALLOC_ARENA_MAX=$ARENAS
fi
echo "JAVA_TOOL_OPTIONS=$JAVA_TOOL_OPTIONS MALLOC_ARENA_MAX=${MALLOC_ARENA_MAX:-unset}"
java -Xlog:gc:file=/tmp/covington-measure-gc.log -jar "$JAR" --port "$API" --status-port "$STATUS" --bind 127.0.0.1 >/tmp/covington-measure.log 2>&1 &
PID=$!
trap 'kill $PID 2>/dev/null || true' EXIT
start=$(date +%s.%N)
until curl -sf "http://127.0.0.1:$STATUS/readiness" >/dev/null; do
  kill -0 $PID 2>/dev/null || { cat /tmp/covington-measure.log; exit 1; }
  sleep 0.2
done
kill -0 $PID 2>/dev/null || { cat /tmp/covington-measure.log; exit 1; }
echo "ready after $(python3 -c "print(round($(date +%s.%N) - $start, 1))") s"
rss() { echo "$(( $(ps -o rss= -p $PID) / 1024 )) MiB"; }
echo "RSS after load: $(rss)"
PREFIX=http://127.0.0.1:$API/api/upgrades_info
CHANNELS=$(curl -s "$PREFIX/v1/channels" | python3 -c 'import json,sys; print("\n".join(c["name"] for c in json.load(sys.stdin)["channels"]))')
echo "channels: $(echo "$CHANNELS" | wc -l), rounds: $ROUNDS"
for _ in $(seq "$ROUNDS"); do
  echo "$CHANNELS" | xargs -P 8 -I{} curl -s -o /dev/null "$PREFIX/v1/graph?channel={}"
done
echo "RSS after requests: $(rss)"
env -u JAVA_TOOL_OPTIONS jcmd $PID GC.heap_info | sed -n '2,8p'
env -u JAVA_TOOL_OPTIONS jcmd $PID GC.run >/dev/null
echo "after a full GC:"
env -u JAVA_TOOL_OPTIONS jcmd $PID GC.heap_info | sed -n '2,8p'
echo "RSS after a full GC: $(rss)"
echo "GC log: /tmp/covington-measure-gc.log ($(grep -c 'Pause' /tmp/covington-measure-gc.log) pauses; longest $(grep -o '[0-9.]*ms$' /tmp/covington-measure-gc.log | sort -n | tail -1))"
