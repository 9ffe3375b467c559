#!/usr/bin/env bash
# Compares Covington with nginx serving the very same bytes, and checks the fleet targets.
#
#   loadtest/bench.sh            # from the repository root; writes loadtest/target/bench/results.md
#
# Starts Covington on the bundled data (-Xmx256m), saves the largest channel's response
# (candidate-4.14, amd64) as a static file, serves it with nginx on loopback (gzip off, as the
# generator asks for identity), and drives both with the same generator and request
# (--mix static) at stepped rates (throughput at saturation) and at a fixed rate (p99); then wrk
# for a cross-check, and the fleet mix at 1,000 req/s against Covington alone. Generator and
# servers share the machine's cores. Environment: SAT_RATES, FIXED_RATE, STEP, FLEET_STEP, WRK_DURATION.
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$(pwd)
OUT=$ROOT/loadtest/target/bench
mkdir -p "$OUT"
WORK=$(mktemp -d /tmp/covington-bench.XXXXXX)
COV_PORT=${COV_PORT:-18080}
COV_STATUS_PORT=${COV_STATUS_PORT:-19080}
NGINX_PORT=${NGINX_PORT:-18081}
SAT_RATES=${SAT_RATES:-1000,2000,3000,4000,6000}
FIXED_RATE=${FIXED_RATE:-500}
STEP=${STEP:-10s}
FLEET_STEP=${FLEET_STEP:-30s}
WRK_DURATION=${WRK_DURATION:-10s}
GRAPH_URI='/api/upgrades_info/v1/graph?channel=candidate-4.14&arch=amd64'

COV_PID=
NGINX_PID=
cleanup() {
  [ -n "$COV_PID" ] && kill "$COV_PID" 2>/dev/null || true
  [ -n "$NGINX_PID" ] && kill "$NGINX_PID" 2>/dev/null || true
  wait 2>/dev/null || true
}
trap cleanup EXIT

if ! command -v nginx >/dev/null || ! command -v wrk >/dev/null; then
  apt-get update && apt-get install -y nginx wrk
fi
if [ ! -f graph-server/target/covington.jar ] || [ ! -f loadtest/target/covington-loadtest.jar ]; then
  mvn -B -q package -DskipTests
fi
LOADTEST="java -jar $ROOT/loadtest/target/covington-loadtest.jar"

echo "== starting Covington (-Xmx256m) on :$COV_PORT"
java -Xmx256m -jar graph-server/target/covington.jar --bind 127.0.0.1 --port "$COV_PORT" \
  --status-port "$COV_STATUS_PORT" > "$OUT/covington.log" 2>&1 &
COV_PID=$!
for _ in $(seq 1 180); do
  curl -sf "http://127.0.0.1:$COV_STATUS_PORT/readiness" >/dev/null && break
  sleep 1
done
curl -sf "http://127.0.0.1:$COV_STATUS_PORT/readiness" >/dev/null || { echo "Covington did not become ready"; exit 1; }

mkdir -p "$WORK/www" "$WORK/nginx/logs"
curl -sf -H 'Accept: application/json' "http://127.0.0.1:$COV_PORT$GRAPH_URI" -o "$WORK/www/graph.json"
BYTES=$(stat -c %s "$WORK/www/graph.json")
echo "== candidate-4.14 amd64: $BYTES bytes"

USER_LINE=""
[ "$(id -u)" = 0 ] && USER_LINE="user root;"
cat > "$WORK/nginx/nginx.conf" <<CONF
$USER_LINE
worker_processes auto;
pid $WORK/nginx/nginx.pid;
error_log $WORK/nginx/logs/error.log warn;
events { worker_connections 4096; }
http {
  access_log off;
  sendfile on;
  tcp_nopush on;
  tcp_nodelay on;
  keepalive_timeout 65;
  keepalive_requests 1000000;
  gzip off;
  client_body_temp_path $WORK/nginx/body;
  proxy_temp_path $WORK/nginx/proxy;
  fastcgi_temp_path $WORK/nginx/fastcgi;
  uwsgi_temp_path $WORK/nginx/uwsgi;
  scgi_temp_path $WORK/nginx/scgi;
  server {
    listen 127.0.0.1:$NGINX_PORT;
    location = /api/upgrades_info/v1/graph {
      default_type application/json;
      alias $WORK/www/graph.json;
    }
  }
}
CONF
echo "== starting nginx on :$NGINX_PORT"
nginx -p "$WORK/nginx" -c "$WORK/nginx/nginx.conf" -g 'daemon off;' &
NGINX_PID=$!
sleep 1
curl -sf "http://127.0.0.1:$NGINX_PORT$GRAPH_URI" -o "$WORK/nginx.json"
cmp "$WORK/www/graph.json" "$WORK/nginx.json"
echo "== both serve the same $BYTES bytes"

# The max achieved rate and a step's p99 from the generator's report lines.
max_achieved() { awk '/^rate/ { for (i = 1; i <= NF; i++) if ($i == "achieved") { v = $(i+1); sub("/s", "", v); if (v + 0 > m) m = v + 0 } } END { printf "%.0f", m }' "$1"; }
p99_of() { awk '/^rate/ { for (i = 1; i <= NF; i++) if ($i == "p99") print $(i+1) }' "$1" | tail -1; }
wrk_rps() { awk '/Requests\/sec/ { print $2 }' "$1"; }

run() { # name, then loadtest arguments
  local name=$1; shift
  echo "== $name: loadtest $*"
  set +e
  $LOADTEST "$@" | tee "$OUT/$name.txt"
  LAST_RC=${PIPESTATUS[0]}
  set -e
}

run covington-saturation --target "http://127.0.0.1:$COV_PORT" --mix static --static-uri "$GRAPH_URI" \
  --rates "$SAT_RATES" --step-duration "$STEP" --timeout 2s --warmup 5s
run nginx-saturation --target "http://127.0.0.1:$NGINX_PORT" --mix static --static-uri "$GRAPH_URI" \
  --rates "$SAT_RATES" --step-duration "$STEP" --timeout 2s --warmup 5s
run covington-fixed --target "http://127.0.0.1:$COV_PORT" --mix static --static-uri "$GRAPH_URI" \
  --rates "$FIXED_RATE" --step-duration "$STEP" --warmup 5s
run nginx-fixed --target "http://127.0.0.1:$NGINX_PORT" --mix static --static-uri "$GRAPH_URI" \
  --rates "$FIXED_RATE" --step-duration "$STEP" --warmup 5s
echo "== wrk"
wrk -t2 -c64 -d"$WRK_DURATION" -H 'Accept: application/json' "http://127.0.0.1:$COV_PORT$GRAPH_URI" | tee "$OUT/covington-wrk.txt"
wrk -t2 -c64 -d"$WRK_DURATION" -H 'Accept: application/json' "http://127.0.0.1:$NGINX_PORT$GRAPH_URI" | tee "$OUT/nginx-wrk.txt"
run covington-fleet --target "http://127.0.0.1:$COV_PORT" --rates 1000 --step-duration "$FLEET_STEP" \
  --warmup 5s --slo-p99 10 --max-error-rate 0
FLEET_EXIT=$LAST_RC
HEAP=$(jcmd "$COV_PID" GC.heap_info 2>/dev/null | head -3 || true)
RSS=$(ps -o rss= -p "$COV_PID" | awk '{ printf "%.0f MiB", $1 / 1024 }')
LOADED=$(grep -o 'loaded graph revision .* in [0-9]* ms' "$OUT/covington.log" | grep -o '[0-9]* ms$' || true)

COV_SAT=$(max_achieved "$OUT/covington-saturation.txt")
NGX_SAT=$(max_achieved "$OUT/nginx-saturation.txt")
COV_P99=$(p99_of "$OUT/covington-fixed.txt")
NGX_P99=$(p99_of "$OUT/nginx-fixed.txt")
COV_WRK=$(wrk_rps "$OUT/covington-wrk.txt")
NGX_WRK=$(wrk_rps "$OUT/nginx-wrk.txt")
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }'; }

{
  echo "## Run of $(date -u '+%Y-%m-%d %H:%M UTC')"
  echo
  echo "Machine: $(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //'),"
  echo "$(free -m | awk '/Mem:/ { print $2 " MiB" }') memory; load average before the run: see below."
  echo
  echo '```'
  java -version 2>&1
  nginx -v 2>&1
  wrk -v 2>&1 | head -1 || true
  echo "uptime: $(uptime)"
  echo '```'
  echo
  echo "Body: candidate-4.14 amd64, $BYTES bytes, identity encoding on both servers."
  echo "Covington: -Xmx256m, bundled data loaded in ${LOADED:-?}; RSS after the run $RSS."
  echo
  echo "| measure | Covington | nginx | Covington/nginx |"
  echo "|---|---|---|---|"
  echo "| throughput at saturation, generator (req/s, max achieved over $SAT_RATES) | $COV_SAT | $NGX_SAT | $(ratio "$COV_SAT" "$NGX_SAT") |"
  echo "| p99 at $FIXED_RATE req/s (ms) | $COV_P99 | $NGX_P99 | $(ratio "$COV_P99" "$NGX_P99") |"
  echo "| wrk -t2 -c64 (req/s) | $COV_WRK | $NGX_WRK | $(ratio "$COV_WRK" "$NGX_WRK") |"
  echo
  echo "Fleet mix at 1,000 req/s for $FLEET_STEP (--slo-p99 10 --max-error-rate 0): exit $FLEET_EXIT."
  echo
  for f in covington-saturation nginx-saturation covington-fixed nginx-fixed covington-fleet; do
    echo "### $f"
    echo '```'
    cat "$OUT/$f.txt"
    echo '```'
  done
  for f in covington-wrk nginx-wrk; do
    echo "### $f"
    echo '```'
    cat "$OUT/$f.txt"
    echo '```'
  done
  echo "### Covington heap after the run"
  echo '```'
  echo "$HEAP"
  echo '```'
} > "$OUT/results.md"
echo "== results in $OUT/results.md"
cat "$OUT/results.md"
