#!/usr/bin/env bash
# `make test`: the whole suite on SQLite, then again on PostgreSQL. Both legs must run tests.
set -uo pipefail
cd "$(dirname "$0")/.."
BIN=.venv/bin
# Both legs share one throw-away redis-server for the tests of limits shared by several nodes.
if [ -z "${GONGKAI_REDIS_WRAPPED:-}" ]; then
  export GONGKAI_REDIS_WRAPPED=1
  exec scripts/with-redis.sh "$0" "$@"
fi
mkdir -p test-artifacts

echo "=== Leg 1/2: SQLite ==="
GONGKAI_EXPECT_DB=sqlite "$BIN/pytest" "$@"
sqlite_rc=$?

echo "=== Leg 2/2: PostgreSQL ==="
scripts/with-postgres.sh "$BIN/pytest" "$@"
pg_rc=$?
if [ $pg_rc -eq 3 ]; then
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  echo "!!! PostgreSQL leg SKIPPED: no PostgreSQL server binaries and not root. !!!" >&2
  echo "!!! Install Debian's 'postgresql' package, or run make test as root.   !!!" >&2
  echo "!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!!" >&2
  pg_rc=0
fi

echo "=== SQLite leg: exit $sqlite_rc; PostgreSQL leg: exit $pg_rc ==="
[ $sqlite_rc -eq 0 ] && [ $pg_rc -eq 0 ]
