#!/usr/bin/env bash
# Makes sure GDAL's command-line tools (ogr2ogr, ogrinfo, gdalsrsinfo) are present: the unit tests compare our
# imports and exports with GDAL.
set -euo pipefail
if command -v ogr2ogr >/dev/null && command -v ogrinfo >/dev/null && command -v gdalsrsinfo >/dev/null; then exit 0; fi
exec bash "$(dirname "$0")/apt-install.sh" "the GDAL reference tests (ogr2ogr, ogrinfo, gdalsrsinfo)" gdal-bin
