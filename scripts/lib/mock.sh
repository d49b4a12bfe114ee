# shellcheck shell=bash
# The reference mock for scripts: start it on a free loopback port, wait until it answers, stop it.
# Source this file, then:
#   mock_start CONFORM [MOCK ARGS...]   starts `CONFORM mock --port 0 ARGS...`; sets MOCK_URL and
#                                       MOCK_PID; returns 2 (printing the mock's output) when it
#                                       exits or does not print its URL within 10 s
#   mock_stop                           stops it (SIGTERM, then waits); safe to call twice
# The mock prints "conform mock listening on URL" once its socket listens, so a connection made
# after that line is queued and answered. Set a trap that calls mock_stop on EXIT.

MOCK_URL=""
MOCK_PID=""
MOCK_LOG=""

mock_start() {
  local conform=$1
  shift
  MOCK_LOG=$(mktemp)
  "$conform" mock --host 127.0.0.1 --port 0 "$@" >"$MOCK_LOG" 2>&1 &
  MOCK_PID=$!
  local _
  for _ in $(seq 1 100); do
    MOCK_URL=$(sed -n 's/^conform mock listening on \(http:[^ ]*\).*/\1/p' "$MOCK_LOG")
    [[ -n "$MOCK_URL" ]] && return 0
    kill -0 "$MOCK_PID" 2>/dev/null || break
    sleep 0.1
  done
  echo "the mock did not start:" >&2
  cat "$MOCK_LOG" >&2
  mock_stop
  return 2
}

mock_stop() {
  if [[ -n "$MOCK_PID" ]]; then
    kill "$MOCK_PID" 2>/dev/null || true
    wait "$MOCK_PID" 2>/dev/null || true
    MOCK_PID=""
  fi
  [[ -n "$MOCK_LOG" ]] && rm -f "$MOCK_LOG"
  MOCK_LOG=""
}
