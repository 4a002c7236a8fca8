# Shared helpers for .ci/run and .ci/steps/*.sh (sourced, not run).
# Downloads from the package registries fail now and then on a fresh machine
# (one CI run lost to a single failed `npm ci`): every install is retried with
# a growing pause, and a failed npm run shows npm's own error lines.

# retry CMD...: runs CMD up to 4 times, pausing 5, 15 and 45 s between tries.
retry() {
  local pause=5 try
  for try in 1 2 3 4; do
    if "$@"; then
      return 0
    fi
    [ "$try" -eq 4 ] && break
    echo "attempt $try of 4 failed: $*; retrying in ${pause}s" >&2
    sleep "$pause"
    pause=$((pause * 3))
  done
  return 1
}

# npm_ci ARGS...: `npm ci` with retries; on the last failure prints the error
# lines of npm's newest debug log (the console shows only the log's path).
npm_ci() {
  if retry npm ci --no-audit --no-fund --fetch-retries=4 "$@"; then
    return 0
  fi
  local log
  log=$(ls -t "${HOME:-/root}"/.npm/_logs/*-debug-0.log 2>/dev/null | head -1)
  if [ -n "$log" ]; then
    echo "npm's errors ($log):" >&2
    grep -E ' (error|verbose stack|verbose statusCode)' "$log" | tail -25 >&2
  fi
  return 1
}

# apt_install PKG...: Debian packages, with one `apt-get update` and retries.
apt_install() {
  retry apt-get update -qq && retry apt-get install -y -qq "$@"
}
