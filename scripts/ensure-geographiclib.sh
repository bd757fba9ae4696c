#!/usr/bin/env bash
# Makes sure GeographicLib's command-line tools (GeodSolve, Planimeter) are present: the tests measure geodesic
# offsets and drawn areas against them.
set -euo pipefail
if command -v GeodSolve >/dev/null && command -v Planimeter >/dev/null; then exit 0; fi
exec bash "$(dirname "$0")/apt-install.sh" "the geodesic reference tests (GeodSolve, Planimeter)" geographiclib-tools
