#!/usr/bin/env bash
# Makes sure PostgreSQL 15 with PostGIS 3 (server binaries and the psql client) is present for the PostGIS
# parity tests. Installs them from Debian when running as root; otherwise names the exact command and stops.
# No server is started here: the tests start a throw-away cluster on 127.0.0.1 themselves.
set -euo pipefail
PGBIN=/usr/lib/postgresql/15/bin
if [ -x "$PGBIN/initdb" ] && [ -f /usr/share/postgresql/15/extension/postgis.control ] && command -v psql >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing postgresql-15 and postgresql-15-postgis-3 from Debian for the PostGIS parity tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq postgresql-15 postgresql-15-postgis-3 postgresql-client-15 >/dev/null
  exit 0
fi
echo "The PostGIS parity tests need PostgreSQL 15 + PostGIS 3." >&2
echo "Install them with:  sudo apt-get install -y postgresql-15 postgresql-15-postgis-3" >&2
exit 1
