#!/usr/bin/env bash
# Run a command with a throw-away redis-server on 127.0.0.1 (exports GONGKAI_TEST_REDIS_URL for
# the tests of limits and caches shared by several nodes). Installs Debian's redis-server when
# root; otherwise runs the command without it, and says loudly that the Redis tests will skip.
set -uo pipefail

server=$(command -v redis-server || true)
if [ -z "$server" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends redis-server >/dev/null
  server=$(command -v redis-server || true)
fi
if [ -z "$server" ]; then
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!!! No redis-server and not root: the Redis tests (shared limits) SKIP. !!!" >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  exec "$@"
fi

tmp=$(mktemp -d /tmp/gongkai-redis.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
"$server" --port "$port" --bind 127.0.0.1 --dir "$tmp" --save "" --appendonly no \
  --daemonize yes --pidfile "$tmp/redis.pid" --logfile "$tmp/redis.log"
for _ in $(seq 50); do
  [ -s "$tmp/redis.pid" ] && break
  sleep 0.1
done
cleanup() {
  if [ -s "$tmp/redis.pid" ]; then
    pid=$(cat "$tmp/redis.pid")
    kill "$pid" 2>/dev/null
    for _ in $(seq 50); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  fi
  rm -rf "$tmp"
}
trap cleanup EXIT
echo "Redis $("$server" --version | awk '{print $3}') on 127.0.0.1:$port"
export GONGKAI_TEST_REDIS_URL="redis://127.0.0.1:$port/0"
"$@"
