#!/usr/bin/env bash
# Validations/s of conform vs ajv 8 + ajv-formats (allErrors) on the Bigin sample request and
# schema, measured in the same run. Installs ajv with npm into a temporary folder.
# Usage: bench/validate_vs_ajv.sh   (after scripts/build)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
bench="$root/build/bench/validate_bench"
[[ -x "$bench" ]] || { echo "build first: scripts/build" >&2; exit 2; }
command -v npm >/dev/null || { echo "npm is needed for the ajv side (scripts/bootstrap)" >&2; exit 2; }

tmp=$(mktemp -d); trap 'rm -rf "$tmp"' EXIT
npm install --silent --prefix "$tmp" ajv@8 ajv-formats@3 >/dev/null 2>&1

cat > "$tmp/ajv_bench.js" <<'JS'
const Ajv = require("ajv"); const addFormats = require("ajv-formats");
const fs = require("fs");
const [schemaPath, fixturePath] = process.argv.slice(2);
const schema = JSON.parse(fs.readFileSync(schemaPath, "utf8"));
const sample = JSON.parse(fs.readFileSync(fixturePath, "utf8")).body;
const ajv = new Ajv({ allErrors: true, strict: false }); addFormats(ajv);
const validate = ajv.compile(schema);
if (!validate(sample)) { console.error(validate.errors); process.exit(1); }
for (let i = 0; i < 200000; i++) validate(sample);            // warm up the JIT
let n = 0; const start = process.hrtime.bigint(); let elapsed = 0;
while (elapsed < 2e9) { for (let i = 0; i < 10000; i++) validate(sample); n += 10000;
  elapsed = Number(process.hrtime.bigint() - start); }
console.log(Math.round(n / (elapsed / 1e9)));
JS

ours=$(taskset -c 0 "$bench" --benchmark_filter=BM_ValidateBiginSample --benchmark_format=json \
       | node -e 'let s="";process.stdin.on("data",d=>s+=d).on("end",()=>{const b=JSON.parse(s).benchmarks[0];console.log(Math.round(b.items_per_second))})')
theirs=$(cd "$tmp" && taskset -c 0 node ajv_bench.js "$root/schemas/bigin-mail/request.schema.json" \
         "$root/fixtures/bigin-mail/the-documented-request-is-accepted.json")
ratio=$(awk -v a="$ours" -v b="$theirs" 'BEGIN { printf "%.3f", a / b }')
printf '| validator | validations/s (Bigin sample, one core) |\n|---|---|\n'
printf '| conform (valijson + own formats) | %s |\n| ajv 8 + ajv-formats, allErrors | %s |\n' "$ours" "$theirs"
printf 'conform/ajv ratio: %s (target for conform alone: >= 50000/s)\n' "$ratio"
