#!/usr/bin/env bash
# Makes sure PostgreSQL 15 with PostGIS 3 (server binaries and the psql client) is present for the PostGIS
# parity tests. No server is started here: the tests start a throw-away cluster on 127.0.0.1 themselves.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
if [ -x "$PGBIN/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ] && command -v psql >/dev/null; then exit 0; fi
exec bash "$(dirname "$0")/apt-install.sh" "the PostGIS parity tests" postgresql-15 postgresql-15-postgis-3 postgresql-client-15
