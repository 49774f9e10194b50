#!/usr/bin/env bash
# Installs the Node.js that Berth is built and tested with (the version in .node-version) from the
# npm registry, where the `node-<os>-<arch>` packages ship the official binary together with its
# headers (include/node, which node-gyp needs to build better-sqlite3 without downloading them).
# Prints the install folder (a Node "prefix": bin/node, include/node); use it as
#   PATH="$dir/bin:$PATH"  and  npm_config_nodedir="$dir"
# Idempotent: when that version is already there it only prints the folder. Needs only a working
# `npm` (any version's own Node can run it) and `tar`.
#   BERTH_NODE_HOME  the folder to install into (default ~/.cache/berth/node-v<version>-<os>-<arch>)
set -euo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
version="$(tr -d ' \nv' <"$root/.node-version")"

case "$(uname -s)" in
  Linux) os=linux ;;
  Darwin) os=darwin ;;
  *) echo "install-node.sh: no Node package for $(uname -s) on the registry; install Node $version yourself" >&2; exit 1 ;;
esac
case "$(uname -m)" in
  x86_64 | amd64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "install-node.sh: no Node package for $(uname -m); install Node $version yourself" >&2; exit 1 ;;
esac

dir="${BERTH_NODE_HOME:-${XDG_CACHE_HOME:-$HOME/.cache}/berth/node-v$version-$os-$arch}"
if [[ -x "$dir/bin/node" && "$("$dir/bin/node" --version 2>/dev/null)" == "v$version" && -f "$dir/include/node/node.h" ]]; then
  echo "$dir"
  exit 0
fi

# Unpack next to the target and move it into place at the end, so an interrupted run never leaves
# a half-installed Node that the check above would take for a good one.
mkdir -p "$(dirname "$dir")"
work="$(mktemp -d "$dir.partial.XXXXXX")"
trap 'rm -rf "$work"' EXIT
tarball="$(cd "$work" && npm pack --silent --no-fund --no-audit "node-$os-$arch@$version" </dev/null | tail -n 1)"
mkdir "$work/node"
tar -xzf "$work/$tarball" -C "$work/node" --strip-components=1
"$work/node/bin/node" --version >/dev/null # the binary runs on this machine
rm -rf "$dir"
mv "$work/node" "$dir"
echo "$dir"
