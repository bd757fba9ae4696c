#!/usr/bin/env bash
# Makes sure headless Chromium, CJK fonts and poppler-utils are present for the browser tests.
# Installs them from Debian when running as root (scripts/apt-install.sh); otherwise names the exact command and
# stops (or set CHROMIUM_PATH to a Chromium binary).
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
[ "$(id -u)" = "0" ] || echo "(Chromium may also be named by CHROMIUM_PATH.)" >&2
exec bash "$(dirname "$0")/apt-install.sh" "the browser tests" "${need[@]}"
