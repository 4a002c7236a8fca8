#!/usr/bin/env bash
# Neovim as a real LSP client (editors/neovim): headless Neovim opens a copy
# of an example with the plugin's ftdetect, syntax and Lua LSP setup, and the
# test asserts that `ssmc lsp` diagnostics arrive for a broken edit and clear
# when it is fixed. Uses Debian's neovim (0.7 on bookworm).
set -euo pipefail
if ! command -v nvim >/dev/null 2>&1; then
  echo "installing neovim"
  { apt-get update -qq && apt-get install -y -qq neovim >/dev/null; } 2>&1 | tail -2
fi
nvim --version | head -1
bash editors/neovim/test/run.sh target/release/ssmc
