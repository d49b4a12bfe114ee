#!/usr/bin/env bash
# Checked exchanges per second: `conform replay --jobs 4` against `conform mock` on loopback.
# Every exchange is sent over a keep-alive connection, judged by every check of the table
# (schema validation included) and counted; the figure is cases / wall time of the run.
#
# usage: bench/replay.sh [REPEAT]     (env: CONFORM=build/conform JOBS=4 RUNS=3)
# Target: >= 3000 checked exchanges/s with --jobs 4 on the 2-core CI machine.
set -euo pipefail
cd "$(dirname "$0")/.."
conform=${CONFORM:-build/conform}
jobs=${JOBS:-4}
runs=${RUNS:-3}
repeat=${1:-500}
[[ -x $conform ]] || { echo "bench/replay.sh: $conform not built" >&2; exit 2; }

# The mock on a free loopback port (scripts/lib/mock.sh), so two runs never share one.
source scripts/lib/mock.sh
trap mock_stop EXIT
mock_start "$conform" || exit 2

best=0
for run in $(seq 1 "$runs"); do
  line=$("$conform" replay --target "$MOCK_URL" --fixtures fixtures --jobs "$jobs" \
           --repeat "$repeat" | grep " cases in " | tail -n 1)
  cases=$(sed -E 's/.*\(([0-9]+) cases in ([0-9]+) ms\).*/\1/' <<<"$line")
  ms=$(sed -E 's/.*\(([0-9]+) cases in ([0-9]+) ms\).*/\2/' <<<"$line")
  rate=$(( cases * 1000 / (ms > 0 ? ms : 1) ))
  echo "run $run: $cases checked exchanges in $ms ms = $rate/s  [$line]"
  (( rate > best )) && best=$rate
done
echo "best: $best checked exchanges/s (--jobs $jobs, target >= 3000/s)"
(( best >= 3000 ))
