#!/usr/bin/env bash
# Conflict-engine benchmark: engine vs naive all-pairs vs PostGIS on the same seeded data.
# Installs PostgreSQL 15 + PostGIS 3 from Debian if missing, runs a private throw-away cluster on
# 127.0.0.1 (port 54329, data in a temp dir, stopped and removed on exit), then runs bench.ts.
# Usage: bash tests/bench/conflicts/run.sh [bench.ts options, e.g. --repeat 3 --naive-sample 20]
set -euo pipefail
cd "$(dirname "$0")/../../.."

PGBIN=/usr/lib/postgresql/15/bin
if [[ ! -x "$PGBIN/initdb" || ! -f /usr/share/postgresql/15/extension/postgis.control ]]; then
  echo "installing postgresql-15 and postgresql-15-postgis-3 …"
  apt-get install -y postgresql-15 postgresql-15-postgis-3 >/dev/null
fi

PORT=${BENCH_PGPORT:-54329}
DATA=$(mktemp -d /tmp/conflict-bench-pg.XXXXXX)
chown postgres:postgres "$DATA"
as_pg() { if [[ $(id -u) -eq 0 ]]; then runuser -u postgres -- "$@"; else "$@"; fi; }
cleanup() {
  as_pg "$PGBIN/pg_ctl" -D "$DATA" -m fast stop >/dev/null 2>&1 || true
  rm -rf "$DATA"
}
trap cleanup EXIT

as_pg "$PGBIN/initdb" -D "$DATA" -A trust -U postgres >/dev/null
as_pg "$PGBIN/pg_ctl" -D "$DATA" -l "$DATA/log" -w \
  -o "-c listen_addresses=127.0.0.1 -c port=$PORT -c unix_socket_directories=$DATA -c shared_buffers=1GB -c work_mem=256MB -c max_parallel_workers_per_gather=0 -c jit=off" start >/dev/null

export PGHOST=127.0.0.1 PGPORT=$PORT PGUSER=postgres PGDATABASE=bench
psql -X -q -d postgres -c 'CREATE DATABASE bench' >/dev/null
psql -X -q -c 'CREATE EXTENSION postgis' >/dev/null

npx tsx tests/bench/conflicts/bench.ts "$@"
