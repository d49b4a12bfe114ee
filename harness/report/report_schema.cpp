#include "report/report_schema.hpp"

#include "contract/source.hpp"
#include "validate/schema_validator.hpp"

namespace conform {

ReportSchema::ReportSchema() {
  const std::string origin = "meta/report.schema.json";
  auto text = embedded_schema_source().read(origin);
  if (!text) throw ContractError(origin + ": not embedded in this build");
  validator_ = std::make_unique<SchemaValidator>(parse_json_file_text(*text, origin),
                                                 SchemaSettings{EmailPolicy{}, "report", origin});
}

ReportSchema::~ReportSchema() = default;

std::vector<std::string> ReportSchema::problems(const nlohmann::json& report) const {
  std::vector<std::string> out;
  for (const auto& violation : validator_->validate(report)) {
    out.push_back((violation.pointer.empty() ? "/" : violation.pointer) + ": " + violation.message);
  }
  return out;
}

}  // namespace conform
