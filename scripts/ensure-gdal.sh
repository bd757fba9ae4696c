#!/usr/bin/env bash
# Makes sure GDAL's command-line tools (ogr2ogr, ogrinfo, gdalsrsinfo) are present: the unit tests
# compare our imports and exports with GDAL. Installs Debian's gdal-bin when running as root;
# otherwise names the exact command and stops.
set -euo pipefail
if command -v ogr2ogr >/dev/null && command -v ogrinfo >/dev/null && command -v gdalsrsinfo >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing gdal-bin from Debian for the GDAL reference tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq gdal-bin >/dev/null
  exit 0
fi
echo "The GDAL reference tests need: gdal-bin (ogr2ogr, ogrinfo, gdalsrsinfo)." >&2
echo "Install it with:  sudo apt-get install -y gdal-bin" >&2
exit 1
