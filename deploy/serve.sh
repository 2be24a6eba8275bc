#!/usr/bin/env bash
# make serve: a classroom server on one port. PostgreSQL (Debian's, started here unless
# DATABASE_URL names one), one Streamlit process per core, and nginx (Debian's) in front with
# sticky sessions and websockets. Everything runs from local files: no network is needed.
#
#   WORKERS=n        app processes (default: one per core)
#   PORT=8080        the port students open
#   APP_PORT=8601    the first app process's port (the next ones follow)
#   DATABASE_URL=…   a PostgreSQL every process (and every machine) shares
#   MORE_UPSTREAMS="10.0.0.2:8601 10.0.0.2:8602"   app processes on other machines
#   APPS_ONLY=1      start only the app processes, on every address (a machine behind the proxy)
#   SERVE_DIR=…      where the configuration, logs and pids go (default .serve/)
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
PYTHON=${PYTHON:-$ROOT/.venv/bin/python}
WORKERS=${WORKERS:-$(nproc)}
PORT=${PORT:-8080}
APP_PORT=${APP_PORT:-8601}
RUN=${SERVE_DIR:-$ROOT/.serve}
SUDO=$([ "$(id -u)" = 0 ] || echo sudo)
mkdir -p "$RUN/logs" "$RUN/tmp"

if [ -z "${APPS_ONLY:-}" ] && ! command -v nginx >/dev/null && [ ! -x /usr/sbin/nginx ]; then
  $SUDO apt-get update -qq >&2
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq nginx >&2
fi
NGINX=$(command -v nginx || echo /usr/sbin/nginx)

url=${DATABASE_URL:-$(tools/start_postgres.sh gdgame)}
printf '[connections.leaderboard]\nurl = "%s"\n' "$url" > "$RUN/secrets.toml"
chmod 600 "$RUN/secrets.toml"
# One cookie secret for all processes, so that any of them accepts what another signed.
STREAMLIT_SERVER_COOKIE_SECRET=${STREAMLIT_SERVER_COOKIE_SECRET:-$("$PYTHON" -c \
  'import secrets; print(secrets.token_hex(32))')}
export STREAMLIT_SERVER_COOKIE_SECRET

address=127.0.0.1
[ -n "${APPS_ONLY:-}" ] && address=0.0.0.0
pids=()
stop() {
  [ -f "$RUN/nginx.pid" ] && kill "$(cat "$RUN/nginx.pid")" 2>/dev/null || true
  kill "${pids[@]}" 2>/dev/null || true
}
trap stop EXIT
trap 'exit 0' INT TERM
upstreams=""
for i in $(seq 0 $((WORKERS - 1))); do
  port=$((APP_PORT + i))
  "$PYTHON" -m streamlit run app.py --server.port "$port" --server.address "$address" \
    --server.headless true --secrets.files "$RUN/secrets.toml" \
    --server.scriptHealthCheckEnabled true > "$RUN/logs/app-$port.log" 2>&1 &
  pids+=($!)
  upstreams+="        server 127.0.0.1:$port max_fails=1 fail_timeout=5s;"$'\n'
done
for extra in ${MORE_UPSTREAMS:-}; do
  upstreams+="        server $extra max_fails=1 fail_timeout=5s;"$'\n'
done
echo "${pids[*]}" > "$RUN/pids"
get() {  # an HTTP GET that succeeds or fails quietly (Python's, so no curl is needed)
  "$PYTHON" -c 'import sys, urllib.request; urllib.request.urlopen(sys.argv[1], timeout=60)' \
    "$1" >/dev/null 2>&1
}
for i in $(seq 0 $((WORKERS - 1))); do
  port=$((APP_PORT + i))
  for _ in $(seq 1 120); do
    get "http://127.0.0.1:$port/_stcore/health" && break
    sleep 0.5
  done
  # One run of the app before the first student: its imports and one-time set-up (a class
  # opening the page at once would otherwise all wait for them).
  get "http://127.0.0.1:$port/_stcore/script-health-check" || true
done

if [ -n "${APPS_ONLY:-}" ]; then
  echo "gdgame: $WORKERS app processes on ports $APP_PORT… (pids ${pids[*]}); Ctrl-C stops them" >&2
  wait
  exit 0
fi
template=$(cat deploy/nginx.conf.template)
conf=${template//@PORT@/$PORT}
printf '%s\n' "${conf//@UPSTREAMS@/${upstreams%$'\n'}}" > "$RUN/nginx.conf"
"$NGINX" -p "$RUN/" -c "$RUN/nginx.conf" -g 'daemon off;' &
pids+=($!)
echo "gdgame: http://localhost:$PORT/ ($WORKERS app processes, pids in .serve/pids); Ctrl-C stops" >&2
wait
