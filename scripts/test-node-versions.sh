#!/usr/bin/env bash
# Runs the test suite (npm test) on other Node.js release lines than the one on PATH.
#
# Each Node comes from the npm registry as the node-linux-<arch> package (the binary and its headers),
# installed once into a folder of its own under the cache. better-sqlite3's native addon is built per
# Node ABI, so before each pass it is rebuilt against that Node's headers (or taken from the cache when
# this better-sqlite3 was already built for that Node), and the addon built for the Node on PATH is put
# back at the end, whatever happened.
#
# Usage: scripts/test-node-versions.sh [VERSION...]     default: the versions in DEFAULT_VERSIONS
# Env:   LAM_ATLAS_NODE_CACHE   where the Node builds and addon builds are kept
#                               (default: ${XDG_CACHE_HOME:-$HOME/.cache}/lam-atlas-node)
# Exits non-zero when the suite fails on any version; every version is still tried.
set -euo pipefail
shopt -s inherit_errexit

# The newest release of each supported line besides the machine's own (see docs/runtime.md).
DEFAULT_VERSIONS=(22.23.5 24.22.3)
# Suites that run on the machine's Node only: the longest ones whose subject is not the Node release
# line (browsers driving the pages, the documents' commands, the command line's processes, the federation
# audit's fixture, the heap measurement of the document caches, the crash tests of curation). LAM_ATLAS_NODE_SKIP="" runs everything.
SKIP="${LAM_ATLAS_NODE_SKIP-test/e2e/explorer\.test|test/e2e/playground\.test|test/docs/|test/cli/cli\.test|test/e2e/federation-audit\.test|test/gateway/document-memory\.test|test/curation/durability\.test|test/cli/import-companion\.test}"

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
cache="${LAM_ATLAS_NODE_CACHE:-${XDG_CACHE_HOME:-${HOME:-/tmp}/.cache}/lam-atlas-node}"

case "$(uname -m)" in
  x86_64) arch=x64 ;;
  aarch64 | arm64) arch=arm64 ;;
  *) echo "test-node-versions: no node-linux package for $(uname -m)" >&2; exit 1 ;;
esac
[ "$(uname -s)" = Linux ] || { echo "test-node-versions: Linux only" >&2; exit 1; }

addon_dir="$root/node_modules/better-sqlite3"
sqlite_version="$(node -p "require('./node_modules/better-sqlite3/package.json').version")"
# Opening a database loads the native addon: a build for another ABI fails here, not halfway through jest.
load_check="new (require('better-sqlite3'))(':memory:').prepare('select 1').get()"

# Installs node-linux-<arch>@VERSION under the cache unless it is there; prints its folder.
install_node() {
  local version="$1" dir="$cache/node-$1" tmp
  local pkg="$dir/node_modules/node-linux-$arch"
  if [ "$("$pkg/bin/node" --version 2>/dev/null || true)" != "v$version" ]; then
    echo "== installing node-linux-$arch@$version into $dir" >&2
    mkdir -p "$cache"
    tmp="$(mktemp -d "$cache/.install.XXXXXX")"
    (cd "$tmp" && npm install --prefix "$tmp" --no-save --no-package-lock --ignore-scripts \
      --no-audit --no-fund --loglevel=warn "node-linux-$arch@$version" >&2)
    [ -x "$tmp/node_modules/node-linux-$arch/bin/node" ] && [ -f "$tmp/node_modules/node-linux-$arch/include/node/node.h" ] || {
      echo "test-node-versions: node-linux-$arch@$version has no bin/node or include/node" >&2
      rm -rf "$tmp"
      return 1
    }
    rm -rf "$dir"
    mv "$tmp" "$dir"
  fi
  echo "$pkg"
}

# Puts a better-sqlite3 build for the Node first on PATH in place, from the cache or rebuilt.
build_addon() {
  local nodedir="$1" cached="$2/better-sqlite3-$sqlite_version.node"
  rm -rf "$addon_dir/build"
  if [ -f "$cached" ]; then
    mkdir -p "$addon_dir/build/Release"
    cp "$cached" "$addon_dir/build/Release/better_sqlite3.node"
    if node -e "$load_check" 2>/dev/null; then
      echo "== better-sqlite3 $sqlite_version for $(node --version): cached build"
      return 0
    fi
    rm -rf "$addon_dir/build" "$cached"
  fi
  echo "== better-sqlite3 $sqlite_version for $(node --version): rebuilding against $nodedir/include/node"
  local log
  log="$(mktemp)"
  if ! npm_config_nodedir="$nodedir" npm rebuild better-sqlite3 --foreground-scripts >"$log" 2>&1; then
    tail -n 40 "$log" >&2
    rm -f "$log"
    return 1
  fi
  rm -f "$log"
  node -e "$load_check"
  cp "$addon_dir/build/Release/better_sqlite3.node" "$cached.tmp"
  mv "$cached.tmp" "$cached"
}

# One pass, in a process of its own so that `set -e` holds in it: the Node, the addon, the suite.
if [ "${1:-}" = --pass ]; then
  pkg="$(install_node "$2")"
  export PATH="$pkg/bin:$PATH"
  build_addon "$pkg" "$cache/node-$2"
  echo "== npm test on Node $(node --version) (ABI $(node -p process.versions.modules)), npm $(npm --version)${SKIP:+, without $SKIP}"
  if [ -n "$SKIP" ]; then npm test -- --testPathIgnorePatterns "$SKIP"; else npm test; fi
  exit 0
fi

# A run killed before it could clean up left the build of the Node on PATH aside: put it back first.
for left in "$root"/node_modules/.lam-atlas-addon.*/build; do
  [ -d "$left" ] || continue
  rm -rf "$addon_dir/build"
  mv "$left" "$addon_dir/build"
  rmdir "$(dirname "$left")"
done
node -e "$load_check" || {
  echo "test-node-versions: better-sqlite3 does not load on $(node --version): run npm ci first" >&2
  exit 1
}
# The Node on PATH keeps its own build, set aside on the same file system and put back on exit.
saved="$(mktemp -d "$root/node_modules/.lam-atlas-addon.XXXXXX")"
mv "$addon_dir/build" "$saved/build"
restore() {
  rm -rf "$addon_dir/build"
  mv "$saved/build" "$addon_dir/build"
  rmdir "$saved"
  node -e "$load_check"
  echo "== better-sqlite3 build for $(node --version) restored"
}
trap restore EXIT
trap "exit 130" INT
trap "exit 143" TERM

versions=("$@")
[ ${#versions[@]} -gt 0 ] || versions=("${DEFAULT_VERSIONS[@]}")
failed=()
for version in "${versions[@]}"; do
  echo
  echo "=============================== Node $version ==============================="
  bash "$0" --pass "$version" || failed+=("$version")
done

echo
if [ ${#failed[@]} -gt 0 ]; then
  echo "test-node-versions: the suite failed on Node ${failed[*]}" >&2
  exit 1
fi
echo "test-node-versions: the suite passed on Node ${versions[*]}"
