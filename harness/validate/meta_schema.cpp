#include "validate/meta_schema.hpp"

#include "contract/source.hpp"
#include "core/json_pointer.hpp"
#include "validate/schema_validator.hpp"

namespace conform {
namespace {

const char* kind_name(MetaKind kind) {
  switch (kind) {
    case MetaKind::contract:
      return "contract";
    case MetaKind::fixture:
      return "fixture";
    case MetaKind::overlay:
      return "overlay";
  }
  return "contract";
}

}  // namespace

std::string meta_schema_path(MetaKind kind) {
  return std::string("meta/") + kind_name(kind) + ".schema.json";
}

MetaSchema::MetaSchema(MetaKind kind) : kind_(kind) {
  const std::string origin = meta_schema_path(kind);
  auto text = embedded_schema_source().read(origin);
  if (!text) throw ContractError(origin + ": not embedded in this build");
  validator_ = std::make_unique<SchemaValidator>(
      parse_json_file_text(*text, origin), SchemaSettings{EmailPolicy{}, kind_name(kind), origin});
}

MetaSchema::~MetaSchema() = default;
MetaSchema::MetaSchema(MetaSchema&&) noexcept = default;
MetaSchema& MetaSchema::operator=(MetaSchema&&) noexcept = default;

std::vector<Violation> MetaSchema::problems(const nlohmann::json& document) const {
  if (validator_->accepts(document)) return {};
  return validator_->validate(document);
}

/// valijson names a member that `additionalProperties: false` refuses only in its message
/// (`... constraints: 'colour'.`): point at the member itself.
void point_at_unknown_member(std::string& pointer, std::string& message) {
  const std::string marker = "'additionalProperties' constraints: '";
  size_t at = message.find(marker);
  if (at == std::string::npos) return;
  size_t start = at + marker.size();
  size_t end = message.rfind('\'');
  if (end == std::string::npos || end < start) return;
  pointer = append_pointer(pointer, message.substr(start, end - start));
  message = "unknown member: the format has no such member";
}

std::string meta_problem_sentence(MetaKind kind, const Violation& problem) {
  std::string pointer = problem.pointer;
  std::string message = problem.message.empty() ? "does not keep the format" : problem.message;
  point_at_unknown_member(pointer, message);
  if (pointer.empty()) pointer = "/";
  std::string article = kind == MetaKind::overlay ? "an " : "a ";
  return pointer + ": " + message + " (" + article + kind_name(kind) + " keeps " +
         meta_schema_path(kind) + "; see docs/contract-format.md)";
}

void MetaSchema::check(const nlohmann::json& document, const std::string& file) const {
  std::vector<Violation> found = problems(document);
  if (found.empty()) return;
  std::string text = file + ": " + meta_problem_sentence(kind_, found.front());
  if (found.size() > 1)
    text += "; " + std::to_string(found.size() - 1) + " more problem(s) in the same file";
  throw ContractError(text);
}

}  // namespace conform
