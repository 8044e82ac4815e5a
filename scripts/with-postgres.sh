#!/usr/bin/env bash
# Run a command against a throw-away PostgreSQL started on 127.0.0.1 in a temporary directory.
# Usage: scripts/with-postgres.sh COMMAND...   (exports DATABASE_URL for it)
# GONGKAI_PG_OPTS: more server settings ("-c shared_buffers=2GB ..."), as the benchmarks use.
# Exit code 3 means "no PostgreSQL here and no way to install it": the caller reports the skip.
set -euo pipefail

pgbin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
if [ -z "$pgbin" ]; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
    pgbin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
  else
    exit 3
  fi
fi

tmp=$(mktemp -d /tmp/gongkai-pg.XXXXXX)
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
as_pg=()
if [ "$(id -u)" = 0 ]; then
  # PostgreSQL refuses to run as root: run it as the packaged "postgres" user (or nobody).
  pguser=postgres
  id postgres >/dev/null 2>&1 || pguser=nobody
  chown "$pguser" "$tmp"
  as_pg=(runuser -u "$pguser" --)
fi

cleanup() {
  "${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -m immediate stop >/dev/null 2>&1 || true
  rm -rf "$tmp"
}
trap cleanup EXIT

"${as_pg[@]}" "$pgbin/initdb" -D "$tmp/data" -U gongkai --auth=trust -E UTF8 --locale=C.UTF-8 >"$tmp/initdb.log" 2>&1 \
  || { cat "$tmp/initdb.log" >&2; exit 1; }
"${as_pg[@]}" "$pgbin/pg_ctl" -D "$tmp/data" -w -l "$tmp/server.log" \
  -o "-p $port -k $tmp -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${GONGKAI_PG_OPTS:-}" \
  start >/dev/null || { cat "$tmp/server.log" >&2; exit 1; }
"${as_pg[@]}" "$pgbin/createdb" -h 127.0.0.1 -p "$port" -U gongkai gongkai

echo "PostgreSQL $("$pgbin/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
export DATABASE_URL="postgres://gongkai@127.0.0.1:$port/gongkai"
export GONGKAI_EXPECT_DB=postgresql
"$@"
