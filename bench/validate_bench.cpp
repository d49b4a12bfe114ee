// Validations per second on one thread: the Bigin page's sample request against its schema,
// formats enforced. bench/run runs these beside ajv (validate, and JSON.parse + validate) and
// prints both ratios.
//   BM_ValidateBiginSample          the parsed sample: SchemaValidator::validate (compiled program)
//   BM_ReferenceValidateBiginSample the same through the reference path (valijson + formats)
//   BM_ParseAndValidateBiginSample  from bytes: SchemaValidator::validate_text (simdjson + program)
//   BM_NlohmannParseAndValidate     from bytes: nlohmann parse_json + validate, for comparison
//   BM_ValidateBiginInvalidEmail    a rejected sample: the program rejects, the reference explains
#include <benchmark/benchmark.h>

#include <fstream>

#include "core/json_text.hpp"
#include "validate/catalog.hpp"

namespace {

nlohmann::json bigin_sample() {
  std::ifstream in(std::string(CONFORM_SOURCE_DIR) +
                   "/fixtures/bigin-mail/the-documented-request-is-accepted.json");
  return nlohmann::json::parse(in).at("body");
}

const conform::SchemaValidator& bigin_validator() {
  static const conform::Catalog catalog = conform::Catalog::load(conform::embedded_schema_source());
  return *catalog.find("bigin-mail")->validator(conform::PayloadKind::request, "");
}

void BM_ValidateBiginSample(benchmark::State& state) {
  const auto& validator = bigin_validator();
  nlohmann::json sample = bigin_sample();
  if (!validator.validate(sample).empty() || !validator.compiled())
    state.SkipWithError("not compiled or invalid");
  for (auto _ : state) benchmark::DoNotOptimize(validator.validate(sample));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ValidateBiginSample)->MinTime(2.0);

void BM_ReferenceValidateBiginSample(benchmark::State& state) {
  const auto& validator = bigin_validator();
  nlohmann::json sample = bigin_sample();
  for (auto _ : state) benchmark::DoNotOptimize(validator.reference_validate(sample));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ReferenceValidateBiginSample)->MinTime(1.0);

void BM_ParseAndValidateBiginSample(benchmark::State& state) {
  const auto& validator = bigin_validator();
  std::string text = bigin_sample().dump();
  if (validator.validate_text(text).parse_error) state.SkipWithError("the sample does not parse");
  for (auto _ : state) benchmark::DoNotOptimize(validator.validate_text(text));
  state.SetItemsProcessed(state.iterations());
  state.SetBytesProcessed(state.iterations() * static_cast<int64_t>(text.size()));
}
BENCHMARK(BM_ParseAndValidateBiginSample)->MinTime(2.0);

void BM_NlohmannParseAndValidate(benchmark::State& state) {
  const auto& validator = bigin_validator();
  std::string text = bigin_sample().dump();
  for (auto _ : state) {
    conform::JsonParse parsed = conform::parse_json(text);
    benchmark::DoNotOptimize(validator.validate(*parsed.value));
  }
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_NlohmannParseAndValidate)->MinTime(1.0);

void BM_ValidateBiginInvalidEmail(benchmark::State& state) {
  const auto& validator = bigin_validator();
  nlohmann::json sample = bigin_sample();
  sample["data"][0]["from"]["email"] = "not-an-email";
  for (auto _ : state) benchmark::DoNotOptimize(validator.validate(sample));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ValidateBiginInvalidEmail)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
