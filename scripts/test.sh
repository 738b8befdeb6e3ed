#!/usr/bin/env bash
# `npm test`: the unit tests in plain Node, then the end-to-end tests in a real VS Code
# (code-server, installed into the host folder on first use, driven by Debian's Chromium).
#   scripts/test.sh [--unit | --e2e] [e2e scenario names...]
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/node-env.sh
part="${1:-all}"; case "$part" in --unit|--e2e) shift ;; *) part=all ;; esac

node esbuild.mjs --tests
if [ "$part" != --e2e ]; then
  node --test --test-reporter=spec 'out/test/unit/**/*.test.js'
fi
if [ "$part" != --unit ]; then
  chromium="${CHROMIUM_PATH:-/usr/bin/chromium}"
  [ -x "$chromium" ] || { echo "[test] the end-to-end tests need Chromium at $chromium: sudo apt-get install chromium (or set CHROMIUM_PATH)" >&2; exit 1; }
  bash scripts/install-vscode-host.sh
  npm run -s package
  node out/test/e2e/runAll.js "$@"
fi
