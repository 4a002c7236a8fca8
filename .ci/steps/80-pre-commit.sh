#!/usr/bin/env bash
# The pre-commit hooks of .pre-commit-hooks.yaml, run by pre-commit itself
# (`try-repo` on this checkout) in a project made by `ssmc init`, with the
# release binary on PATH. About 15 s (pip install of pre-commit included).
set -euo pipefail
source .ci/lib.sh
repo=$PWD
export PATH="$repo/target/release:$PATH"
python3 -m pre_commit --version >/dev/null 2>&1 || retry python3 -m pip install --quiet pre-commit
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
export PRE_COMMIT_HOME="$work/cache"
git_quiet() { git -c user.name=ci -c user.email=ci@localhost "$@" >/dev/null; }

cd "$work"
ssmc init --quiet proj
cd proj
git_quiet init -q
git_quiet add -A
try() { python3 -m pre_commit try-repo "$repo" "$@" --all-files; }

# A fresh project passes every hook.
for hook in ssmc-fmt ssmc-check ssmc-lint; do
  try "$hook" >"$work/log" 2>&1 || { cat "$work/log"; echo "hook $hook failed on a fresh project"; exit 1; }
done

# Each hook fails on what it guards against.
expect_failure() {
  local hook=$1 why=$2
  if try "$hook" >"$work/log" 2>&1; then
    cat "$work/log"
    echo "hook $hook passed although $why"
    exit 1
  fi
}
sed -i 's/^  step CheckDisks/      step CheckDisks/' runbooks/disk-usage.rbk
git_quiet add -A
expect_failure ssmc-fmt "a runbook is not formatted"
grep -q '^  step CheckDisks' runbooks/disk-usage.rbk || { echo "ssmc-fmt did not reformat"; exit 1; }
printf 'automation Broken {\n  step S = aws:sleep { Bogus: 1 }\n}\n' > runbooks/broken.rbk
git_quiet add -A
expect_failure ssmc-check "a runbook has a type error"
# A password with a plaintext default (SSM302, level error) in a JSON document.
printf '{"schemaVersion": "2.2", "description": "Connects.", "parameters": {"DbPassword": {"type": "String", "default": "hunter2x", "description": "The password."}}, "mainSteps": [{"action": "aws:runShellScript", "name": "run", "inputs": {"runCommand": ["connect"]}}]}\n' > leaky.json
rm runbooks/broken.rbk
git_quiet add -A
expect_failure ssmc-lint "a document has lint findings at error level"
echo "pre-commit hooks: ssmc-fmt, ssmc-check and ssmc-lint pass on a fresh project and fail on faults"
