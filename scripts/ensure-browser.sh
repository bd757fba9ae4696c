#!/usr/bin/env bash
# Makes sure headless Chromium, CJK fonts and poppler-utils are present for the browser tests.
# Installs them from Debian when running as root; otherwise names the exact command and stops.
set -euo pipefail
need=()
chromium_bin="${CHROMIUM_PATH:-}"
if [ -z "$chromium_bin" ]; then
  chromium_bin=$(command -v chromium || command -v chromium-browser || true)
fi
[ -n "$chromium_bin" ] && [ -x "$chromium_bin" ] || need+=(chromium)
# grep without -q reads all of fc-list: an early exit would SIGPIPE fc-list and fail the pipeline under pipefail.
if ! fc-list 2>/dev/null | grep -i "Noto Sans CJK" >/dev/null; then need+=(fonts-noto-cjk); fi
# poppler-utils (pdfinfo, pdfimages, pdftotext, pdftoppm) measures the printed PDFs (tests/e2e/print.test.ts).
command -v pdfinfo >/dev/null && command -v pdfimages >/dev/null || need+=(poppler-utils)
if [ ${#need[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" = "0" ] && command -v apt-get >/dev/null; then
  echo "Installing ${need[*]} from Debian for the browser tests…"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq "${need[@]}" >/dev/null
  exit 0
fi
echo "The browser tests need: ${need[*]}." >&2
echo "Install them with:  sudo apt-get install -y ${need[*]}" >&2
echo "(or set CHROMIUM_PATH to a Chromium binary)" >&2
exit 1
