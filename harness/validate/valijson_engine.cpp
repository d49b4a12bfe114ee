#include "validate/valijson_engine.hpp"

#include <valijson/adapters/nlohmann_json_adapter.hpp>
#include <valijson/schema.hpp>
#include <valijson/schema_parser.hpp>
#include <valijson/validation_results.hpp>
#include <valijson/validator.hpp>

#include "contract/contract.hpp"
#include "core/json_pointer.hpp"

namespace conform {

struct ValijsonSchema::Parsed {
  valijson::Schema schema;
};

namespace {
// valijson's Validator caches regexes in a mutable map, so each thread keeps its own.
valijson::Validator& thread_validator() {
  thread_local valijson::Validator validator;
  return validator;
}
}  // namespace

ValijsonSchema::ValijsonSchema(const nlohmann::json& schema, const std::string& origin)
    : parsed_(std::make_unique<Parsed>()) {
  try {
    valijson::SchemaParser parser;
    valijson::adapters::NlohmannJsonAdapter adapter(schema);
    parser.populateSchema(adapter, parsed_->schema);
  } catch (const std::exception& e) {
    throw ContractError(origin + ": not a usable draft-07 schema: " + e.what());
  }
}

ValijsonSchema::~ValijsonSchema() = default;

bool ValijsonSchema::accepts(const nlohmann::json& instance) const {
  valijson::adapters::NlohmannJsonAdapter target(instance);
  return thread_validator().validate(parsed_->schema, target, nullptr);
}

std::vector<RawSchemaError> ValijsonSchema::errors(const nlohmann::json& instance) const {
  valijson::adapters::NlohmannJsonAdapter target(instance);
  valijson::ValidationResults results;
  thread_validator().validate(parsed_->schema, target, &results);
  std::vector<RawSchemaError> out;
  valijson::ValidationResults::Error error;
  while (results.popError(error)) {
    out.push_back({pointer_from_context(error.context), error.description});
  }
  return out;
}

}  // namespace conform
