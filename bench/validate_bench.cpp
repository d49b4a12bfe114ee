// Validations per second: the Bigin page's sample request against its schema, formats enforced,
// on one thread. bench/validate_vs_ajv.sh runs this beside ajv and prints the ratio.
#include <benchmark/benchmark.h>

#include <fstream>

#include "validate/catalog.hpp"

namespace {

nlohmann::json bigin_sample() {
  std::ifstream in(std::string(CONFORM_SOURCE_DIR) + "/fixtures/bigin-mail/the-documented-request-is-accepted.json");
  return nlohmann::json::parse(in).at("body");
}

void BM_ValidateBiginSample(benchmark::State& state) {
  conform::Catalog catalog = conform::Catalog::load(conform::embedded_schema_source());
  const conform::SchemaValidator* validator =
      catalog.find("bigin-mail")->validator(conform::PayloadKind::request, "");
  nlohmann::json sample = bigin_sample();
  if (!validator->validate(sample).empty()) state.SkipWithError("the sample does not validate");
  for (auto _ : state) benchmark::DoNotOptimize(validator->validate(sample));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ValidateBiginSample)->MinTime(2.0);

void BM_ValidateBiginInvalidEmail(benchmark::State& state) {
  conform::Catalog catalog = conform::Catalog::load(conform::embedded_schema_source());
  const conform::SchemaValidator* validator =
      catalog.find("bigin-mail")->validator(conform::PayloadKind::request, "");
  nlohmann::json sample = bigin_sample();
  sample["data"][0]["from"]["email"] = "not-an-email";
  for (auto _ : state) benchmark::DoNotOptimize(validator->validate(sample));
  state.SetItemsProcessed(state.iterations());
}
BENCHMARK(BM_ValidateBiginInvalidEmail)->MinTime(1.0);

}  // namespace

BENCHMARK_MAIN();
