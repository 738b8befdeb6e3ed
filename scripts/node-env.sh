# Sourced by the npm scripts: puts a Node.js the project supports (>= 22) first on PATH. When the
# PATH's node is older, the Node 24 that scripts/install-vscode-host.sh fetches from the npm
# registry into the host folder is used (fetched once, ~30 MB download), and that is said.
REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
HOST_DIR="${VSCODE_HOST_DIR:-$REPO/.vscode-host}"
node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 22 ]; then
  old="$(node --version 2>/dev/null || echo none)"
  bash "$REPO/scripts/install-vscode-host.sh" --node-only
  export PATH="$HOST_DIR/node/bin:$PATH"
  echo "[node] PATH's Node is $old; Atomic Skills needs Node >= 22: using $(node --version) from $HOST_DIR/node"
fi
