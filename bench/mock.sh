#!/usr/bin/env bash
# conform mock vs Prism 5.14, side by side in one run, on the Bigin send_mail endpoint.
#
# Both servers get the same load: wrk -t1 -c32 -d10s POSTing the documented Bigin request
# (fixtures/bigin-mail/the-documented-request-is-accepted.json) with full request validation.
# Prism serves the OpenAPI 3 document `conform export openapi --api bigin-mail` writes at the
# start of the run, from the same contract the conform mock serves (no copy is kept).
# Prints req/s and p99 for each, then the ratio. Targets: conform >= 20k req/s, p99 < 10 ms,
# ratio >= 8x.
#
# Environment: CONFORM (binary, default build/conform), DURATION (10s), CONNECTIONS (32),
# PRISM_DIR (an npm prefix that already holds @stoplight/prism-cli@5.14; installed to a temp
# dir when unset), SKIP_PRISM=1 to measure conform alone.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
conform=${CONFORM:-$root/build/conform}
duration=${DURATION:-10s}
connections=${CONNECTIONS:-32}
work=$(mktemp -d)
pids=()
cleanup() {
  declare -F mock_stop >/dev/null && mock_stop
  for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { echo "bench/mock.sh: wrk is missing (scripts/bootstrap installs it)" >&2; exit 2; }
[[ -x "$conform" ]] || { echo "bench/mock.sh: no conform binary at $conform" >&2; exit 2; }

fixture=$root/fixtures/bigin-mail/the-documented-request-is-accepted.json
if command -v node >/dev/null; then
  node -e 'process.stdout.write(JSON.stringify(require(process.argv[1]).body))' "$fixture" > "$work/body.json"
else  # bench/run --quick runs without node
  python3 -c 'import json,sys; sys.stdout.write(json.dumps(json.load(open(sys.argv[1]))["body"]))' "$fixture" > "$work/body.json"
fi
cat > "$work/post.lua" <<LUA
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
wrk.headers["Authorization"] = "Zoho-oauthtoken conform-placeholder-token"
local f = io.open("$work/body.json", "r")
wrk.body = f:read("*a")
f:close()
LUA
path=/bigin/v2/Contacts/1908973000000450642/actions/send_mail

# Runs wrk against URL; prints "REQ_PER_S P99_MS".
load() {
  wrk -t1 -c"$connections" -d"$duration" --latency -s "$work/post.lua" "$1" > "$work/wrk.txt"
  local rps p99
  rps=$(awk '/^Requests\/sec:/ {print $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/,"",v); v/=1000} else if (v ~ /ms$/) {sub(/ms$/,"",v)} else if (v ~ /s$/) {sub(/s$/,"",v); v*=1000}; print v}' "$work/wrk.txt")
  if grep -q "Non-2xx" "$work/wrk.txt"; then
    echo "bench/mock.sh: non-2xx answers from $1:" >&2
    grep "Non-2xx" "$work/wrk.txt" >&2
    exit 1
  fi
  echo "$rps $p99"
}

# conform mock on a free loopback port (scripts/lib/mock.sh).
source "$root/scripts/lib/mock.sh"
mock_start "$conform" || exit 1
read -r conform_rps conform_p99 < <(load "$MOCK_URL$path")
mock_stop  # idle while Prism is measured
echo "conform mock: ${conform_rps} req/s, p99 ${conform_p99} ms  (wrk -t1 -c$connections -d$duration)"

if [[ "${SKIP_PRISM:-}" == 1 ]]; then exit 0; fi
prism_dir=${PRISM_DIR:-$work/prism}
if [[ ! -x "$prism_dir/node_modules/.bin/prism" ]]; then
  echo "installing @stoplight/prism-cli@5.14 into $prism_dir ..." >&2
  npm install --silent --no-audit --no-fund --prefix "$prism_dir" @stoplight/prism-cli@5.14 >&2
fi
"$conform" export openapi --api bigin-mail --fixtures "$root/fixtures" -o "$work/openapi-bigin.json"
prism_port=$(node -e 'const s=require("net").createServer().listen(0,"127.0.0.1",()=>{console.log(s.address().port);s.close()})')
"$prism_dir/node_modules/.bin/prism" mock -h 127.0.0.1 -p "$prism_port" -v silent \
  "$work/openapi-bigin.json" > "$work/prism.log" 2>&1 &
pids+=($!)
ready=0
for _ in $(seq 300); do
  status=$(curl -s -o /dev/null -w '%{http_code}' -X POST -H 'Content-Type: application/json' \
    -H 'Authorization: Zoho-oauthtoken conform-placeholder-token' --data @"$work/body.json" \
    "http://127.0.0.1:$prism_port$path" || true)
  [[ "$status" == 200 ]] && { ready=1; break; }
  sleep 0.1
done
[[ $ready == 1 ]] || { echo "bench/mock.sh: prism did not answer 200" >&2; cat "$work/prism.log" >&2; exit 1; }
read -r prism_rps prism_p99 < <(load "http://127.0.0.1:$prism_port$path")
echo "prism 5.14 mock: ${prism_rps} req/s, p99 ${prism_p99} ms  (same load)"
awk -v a="$conform_rps" -v b="$prism_rps" 'BEGIN {printf "ratio (conform / prism): %.1fx\n", a / b}'
