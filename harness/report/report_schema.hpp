#pragma once
/// Checks JSON reports against schemas/meta/report.schema.json (embedded in the binary).
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform {

class SchemaValidator;

/// The report schema, compiled once; thread-safe to use.
class ReportSchema {
 public:
  /// Compiles the embedded `meta/report.schema.json`; throws ContractError if it is missing.
  ReportSchema();
  ~ReportSchema();
  /// Every violation as "/pointer: message"; empty when the report keeps the schema.
  std::vector<std::string> problems(const nlohmann::json& report) const;

 private:
  std::unique_ptr<SchemaValidator> validator_;
};

}  // namespace conform
