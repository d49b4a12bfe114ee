#include "properties/valid_body.hpp"

#include "properties/value_generators.hpp"

namespace conform {

namespace {
constexpr uint64_t kBodySeed = 1;  ///< fixed, so the probes send the same body on every run
constexpr int kBodySize = 10;      ///< small: few optional members
}  // namespace

std::optional<nlohmann::json> generated_valid_body(const ApiEntry& api,
                                                   const std::string& channel) {
  auto files = api.contract.channels.find(channel);
  const SchemaValidator* validator = api.validator(PayloadKind::request, channel);
  if (files == api.contract.channels.end() || !validator) return std::nullopt;
  auto schema = api.schemas.find(files->second.request);
  if (schema == api.schemas.end()) return std::nullopt;
  nlohmann::json body = gen_valid(schema->second)(rc::Random(kBodySeed), kBodySize).value();
  if (!validator->validate(body).empty()) return std::nullopt;
  return body;
}

}  // namespace conform
