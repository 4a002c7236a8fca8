#!/usr/bin/env bash
# The extension in a real VS Code: code-server (VS Code 1.100 served to a
# browser) with the .vsix that 20-vscode.sh packaged, driven through Debian's
# chromium by playwright-core (editors/vscode/test/e2e/run.mjs): diagnostics
# appearing and clearing, a quick fix, hover, completion, definition into the
# stdlib, rename, the flow graph and the compiled preview. Screenshots are kept
# in target/ci-artifacts/vscode/.
#
# code-server comes from the npm registry. Its install script refuses root and
# downloads ripgrep, so the package is unpacked with scripts off, its native
# modules are built with npm's node-gyp against the installed Node headers,
# and ripgrep comes from Debian. The result is kept in
# ~/.cache/ssmc-ci/code-server-VERSION for the next run on this machine.
# Without the npm registry the step is skipped, loudly.
set -euo pipefail
source .ci/lib.sh
root=$(pwd)
version=4.100.3
vsix="$root/editors/vscode/ssmc-runbooks.vsix"
artifacts="$root/target/ci-artifacts/vscode"
cache="${XDG_CACHE_HOME:-${HOME:-/root}/.cache}/ssmc-ci/code-server-$version"

[ -f "$vsix" ] || { echo "no $vsix: 20-vscode.sh packages it" >&2; exit 1; }

if ! npm view "code-server@$version" version >/dev/null 2>&1; then
  echo "!!! SKIPPED: the npm registry cannot be reached, so VS Code was NOT tested !!!" >&2
  exit 0
fi

need=()
command -v rg >/dev/null 2>&1 || need+=(ripgrep)
command -v chromium >/dev/null 2>&1 || need+=(chromium)
command -v make >/dev/null 2>&1 || need+=(make)
command -v g++ >/dev/null 2>&1 || need+=(g++)
if [ ${#need[@]} -gt 0 ]; then
  echo "installing ${need[*]}"
  { apt_install "${need[@]}" >/dev/null; } 2>&1 | tail -2
fi

# The Node headers node-gyp builds against: those of the running node, never a download.
nodedir=$(dirname "$(dirname "$(readlink -f "$(command -v node)")")")
[ -f "$nodedir/include/node/node_version.h" ] ||
  { echo "no Node headers under $nodedir/include/node: node-gyp would download them" >&2; exit 1; }
gyp="$(npm root -g)/npm/node_modules/node-gyp/bin/node-gyp.js"
[ -f "$gyp" ] || { echo "npm's node-gyp not found at $gyp" >&2; exit 1; }

# build_native DIR [ARGS...]: compiles one native module in place.
build_native() {
  local dir=$1
  shift
  (cd "$dir" && nice node "$gyp" rebuild --nodedir="$nodedir" -j 2 "$@" >build.log 2>&1) ||
    { tail -30 "$dir/build.log" >&2; return 1; }
}

install_code_server() {
  local dest=$1 quiet=(--omit=dev --ignore-scripts --no-audit --no-fund --loglevel=error)
  rm -rf "$dest"
  mkdir -p "$dest"
  local tgz
  tgz=$(cd "$dest" && retry npm pack "code-server@$version" --silent)
  tar xzf "$dest/$tgz" -C "$dest" --strip-components=1
  rm "$dest/$tgz"
  (cd "$dest" && retry npm ci "${quiet[@]}")
  # lib/vscode's shrinkwrap lags its package.json by one package: `npm ci` refuses it, as
  # code-server's own postinstall (`npm install`) does not.
  (cd "$dest/lib/vscode" && retry npm install "${quiet[@]}")
  (cd "$dest/lib/vscode/extensions" && retry npm install "${quiet[@]}")
  # The native modules VS Code's server loads (kerberos, for proxy authentication, is not loaded).
  build_native "$dest/node_modules/argon2" --module_name=argon2 \
    --module_path="$dest/node_modules/argon2/lib/binding/napi-v3" --napi_build_version=3
  local m
  for m in @vscode/spdlog node-pty native-watchdog @vscode/deviceid; do
    build_native "$dest/lib/vscode/node_modules/$m"
  done
  mkdir -p "$dest/lib/vscode/node_modules/@vscode/ripgrep/bin"
  ln -sf "$(command -v rg)" "$dest/lib/vscode/node_modules/@vscode/ripgrep/bin/rg"
  # What code-server's postinstall.sh links.
  ln -sfn node_modules "$dest/lib/vscode/node_modules.asar"
  ln -sfn code-linux.sh "$dest/lib/vscode/bin/remote-cli/code-server"
  ln -sfn browser-linux.sh "$dest/lib/vscode/bin/helpers/browser.sh"
}

if [ ! -f "$cache/.complete" ]; then
  echo "installing code-server $version into $cache"
  install_code_server "$cache.partial"
  rm -rf "$cache"
  mv "$cache.partial" "$cache"
  touch "$cache/.complete"
fi

work=$(mktemp -d)
server=""
# code-server forks node workers and the extension's `ssmc lsp`: killing only the
# process started here left them running after the step (seen after a CI run).
kill_tree() {
  local child
  for child in $(pgrep -P "$1" 2>/dev/null || true); do
    kill_tree "$child"
  done
  kill "$1" 2>/dev/null || true
}
cleanup() {
  if [ -n "$server" ]; then
    kill_tree "$server"
  fi
  rm -rf "$work"
}
trap cleanup EXIT

mkdir -p "$work/data/User" "$work/extensions" "$work/config" "$work/workspace"
cat >"$work/data/User/settings.json" <<'EOF'
{
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "security.workspace.trust.enabled": false,
  "telemetry.telemetryLevel": "off",
  "extensions.autoUpdate": false,
  "extensions.ignoreRecommendations": true,
  "update.mode": "none"
}
EOF
code_server() {
  XDG_CONFIG_HOME="$work/config" node "$cache/out/node/entry.js" \
    --user-data-dir "$work/data" --extensions-dir "$work/extensions" "$@"
}
code_server --install-extension "$vsix" | grep -v '^\[' || true
[ -d "$work/extensions/ssmc.ssmc-runbooks-0.1.0" ] || { echo "the .vsix did not install" >&2; exit 1; }

port=$(python3 -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
code_server --auth none --bind-addr "127.0.0.1:$port" --disable-telemetry --disable-update-check \
  --disable-workspace-trust "$work/workspace" >"$work/server.log" 2>&1 &
server=$!
python3 - "$port" <<'EOF'
import sys, time, urllib.request
for _ in range(120):
    try:
        urllib.request.urlopen(f"http://127.0.0.1:{sys.argv[1]}/healthz", timeout=2)
        sys.exit(0)
    except OSError:
        time.sleep(0.5)
sys.exit("code-server did not answer in 60 s")
EOF
code_server --version | tail -1

cd editors/vscode/test/e2e
npm_ci --loglevel=error
rm -rf "$artifacts"
if ! node run.mjs "http://127.0.0.1:$port" "$work/workspace" "$artifacts"; then
  echo "code-server's log:" >&2
  tail -40 "$work/server.log" >&2
  find "$work/data/logs" -name '*ssmc*' -exec tail -40 {} + >&2 2>/dev/null || true
  echo "screenshots: $artifacts" >&2
  exit 1
fi
echo "screenshots: $artifacts"
