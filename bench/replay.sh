#!/usr/bin/env bash
# Checked exchanges per second: `conform replay --jobs 4` against `conform mock` on loopback.
# Every exchange is sent over a keep-alive connection, judged by every check of the table
# (schema validation included) and counted; the figure is cases / wall time of the run.
#
# usage: bench/replay.sh [REPEAT]     (env: CONFORM=build/conform JOBS=4 PORT=18480 RUNS=3)
# Target: >= 3000 checked exchanges/s with --jobs 4 on the 2-core CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."
conform=${CONFORM:-build/conform}
jobs=${JOBS:-4}
port=${PORT:-18480}
runs=${RUNS:-3}
repeat=${1:-500}
[[ -x $conform ]] || { echo "bench/replay.sh: $conform not built" >&2; exit 2; }

"$conform" mock --port "$port" >/dev/null 2>&1 &
mock=$!
trap 'kill "$mock" 2>/dev/null; wait "$mock" 2>/dev/null || true' EXIT
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done

best=0
for run in $(seq 1 "$runs"); do
  line=$("$conform" replay --target "http://127.0.0.1:$port" --fixtures fixtures --jobs "$jobs" \
           --repeat "$repeat" | grep " cases in " | tail -n 1)
  cases=$(sed -E 's/.*\(([0-9]+) cases in ([0-9]+) ms\).*/\1/' <<<"$line")
  ms=$(sed -E 's/.*\(([0-9]+) cases in ([0-9]+) ms\).*/\2/' <<<"$line")
  rate=$(( cases * 1000 / (ms > 0 ? ms : 1) ))
  echo "run $run: $cases checked exchanges in $ms ms = $rate/s  [$line]"
  (( rate > best )) && best=$rate
done
echo "best: $best checked exchanges/s (--jobs $jobs, target >= 3000/s)"
(( best >= 3000 ))
