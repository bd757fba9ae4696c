#!/usr/bin/env bash
# Starts the viewer on the embedded data: installs npm packages if needed, builds, serves on 127.0.0.1.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/ensure-deps.sh
npx vite build --logLevel warn
port="${PORT:-4173}"
echo "Viewer: http://127.0.0.1:${port}/   (offline; Ctrl-C stops it)"
exec npx tsx src/cli/serve-static.ts dist "$port"
