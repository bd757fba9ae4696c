#!/usr/bin/env bash
# Installs Debian packages that the tests need: with apt-get when running as root, otherwise it names the exact
# command and exits 1. Usage: apt-install.sh "<what needs them>" package…
# The package index is refreshed at most once an hour, so the ensure-*.sh scripts of one run share one refresh.
set -euo pipefail
what=$1
shift
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing $* from Debian for $what…"
  export DEBIAN_FRONTEND=noninteractive
  stamp="${TMPDIR:-/tmp}/gazette-gis-apt-updated"
  if [ -z "$(find "$stamp" -mmin -60 -print -quit 2>/dev/null)" ]; then
    apt-get update -qq
    touch "$stamp"
  fi
  apt-get install -y -qq "$@" >/dev/null
  exit 0
fi
echo "$what need: $*." >&2
echo "Install them with:  sudo apt-get install -y $*" >&2
exit 1
