#!/usr/bin/env bash
# Makes sure GeographicLib's command-line tools (GeodSolve, Planimeter) are present: the tests measure geodesic
# offsets and drawn areas against them. Installs Debian's geographiclib-tools when running as root; otherwise
# names the exact command and stops.
set -euo pipefail
if command -v GeodSolve >/dev/null && command -v Planimeter >/dev/null; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing geographiclib-tools from Debian for the geodesic reference tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq geographiclib-tools >/dev/null
  exit 0
fi
echo "The geodesic reference tests need: geographiclib-tools (GeodSolve, Planimeter)." >&2
echo "Install it with:  sudo apt-get install -y geographiclib-tools" >&2
exit 1
