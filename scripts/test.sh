#!/usr/bin/env bash
# The one test command: type check, lint, unit tests, production build, browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
bash scripts/ensure-browser.sh
bash scripts/ensure-postgis.sh
bash scripts/ensure-gdal.sh
bash scripts/ensure-geographiclib.sh
echo "== type check"; npx tsc --noEmit -p tsconfig.json
echo "== lint"; npx eslint .
echo "== unit tests"; npx vitest run --project unit
echo "== build"; npx vite build --logLevel warn
echo "== browser tests"; npx vitest run --project browser
