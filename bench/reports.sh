#!/usr/bin/env bash
# What the four reports cost on a long run: `conform fuzz --cases N` against `conform mock`,
# once without reports and once with --report json, junit, md and html, in the same run.
# Prints both wall times, their ratio and the report sizes. The reports are built case by case,
# once for all four formats (report_set.cpp), so the cost stays a constant factor, not N squared.
#
# usage: bench/reports.sh [N]     (default 100000; env CONFORM=build/conform, JOBS=4)
set -euo pipefail
cd "$(dirname "$0")/.."
conform=${CONFORM:-build/conform}
jobs=${JOBS:-4}
cases=${1:-100000}
[[ -x $conform ]] || { echo "bench/reports.sh: $conform not built (scripts/build)" >&2; exit 2; }
work=$(mktemp -d)
mock=""
cleanup() {
  [[ -n "$mock" ]] && { kill "$mock" 2>/dev/null || true; wait "$mock" 2>/dev/null || true; }
  rm -rf "$work"
}
trap cleanup EXIT

"$conform" mock --port 0 > "$work/mock.out" 2> "$work/mock.log" &
mock=$!
for _ in $(seq 100); do [[ -s "$work/mock.out" ]] && break; sleep 0.1; done
url=$(head -1 "$work/mock.out" | awk '{print $NF}')
[[ "$url" == http://* ]] || { echo "bench/reports.sh: the mock did not start" >&2; cat "$work/mock.log" >&2; exit 1; }

now_ms() { date +%s%3N; }
run() {  # run LABEL [--report ...]: prints "LABEL cases ms"
  local label=$1; shift
  local start; start=$(now_ms)
  "$conform" fuzz --target "$url" --cases "$cases" --seed 1 --jobs "$jobs" "$@" > "$work/$label.txt" 2>&1 || true
  local ms=$(( $(now_ms) - start ))
  local sent; sent=$(grep -Eo '\(([0-9]+) cases in' "$work/$label.txt" | grep -Eo '[0-9]+' | tail -1)
  echo "$label ${sent:-?} $ms"
}
read -r _ plain_cases plain_ms < <(run plain)
read -r _ report_cases report_ms < <(run reports --report "json:$work/r.json" --report "junit:$work/r.xml" \
                                       --report "md:$work/r.md" --report "html:$work/r.html")
size() { du -h "$1" 2>/dev/null | cut -f1; }
echo "| run ($cases random cases + coverage, --jobs $jobs) | cases | wall ms | cases/s |"
echo "|---|---|---|---|"
echo "| no reports | $plain_cases | $plain_ms | $(( plain_cases * 1000 / (plain_ms > 0 ? plain_ms : 1) )) |"
echo "| json + junit + md + html | $report_cases | $report_ms | $(( report_cases * 1000 / (report_ms > 0 ? report_ms : 1) )) |"
awk -v a="$report_ms" -v b="$plain_ms" 'BEGIN { printf "with reports / without: %.2fx wall time\n", a / (b > 0 ? b : 1) }'
echo "report sizes: json $(size "$work/r.json"), junit $(size "$work/r.xml"), md $(size "$work/r.md"), html $(size "$work/r.html")"
