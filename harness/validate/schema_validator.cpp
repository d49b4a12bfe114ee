#include "validate/schema_validator.hpp"

#include <algorithm>
#include <cctype>

#include "contract/contract.hpp"

#include "core/json_pointer.hpp"
#include "core/json_text.hpp"
#include "validate/compiled_schema.hpp"
#include "validate/formats.hpp"
#include "validate/leaf_filter.hpp"
#include "validate/valijson_engine.hpp"

namespace conform {
namespace {

using nlohmann::json;

bool starts_with(const std::string& text, const char* prefix) {
  return text.rfind(prefix, 0) == 0;
}

/// Errors that only repeat a deeper cause ("Failed to validate item #0" and the like).
bool is_cascade(const std::string& description) {
  return starts_with(description, "Failed to validate item #") ||
         starts_with(description, "Failed to validate against schema associated with") ||
         starts_with(description, "Failed to validate against child schema") ||
         starts_with(description, "Failed to validate against additional properties schema") ||
         starts_with(description, "Failed to validate against dependent schema") ||
         starts_with(description, "Failed to validate against a conditional schema");
}

bool is_alternatives(const std::string& description) {
  return starts_with(description, "Failed to validate against any") ||
         starts_with(description, "Failed to validate against exactly one");
}

std::string keyword_of(const std::string& description) {
  static const std::pair<const char*, const char*> table[] = {
      {"Missing required property", "required"},
      {"Value type not permitted", "type"},
      {"Failed to match against any enum", "enum"},
      {"Failed to match expected value set by 'const'", "const"},
      {"Failed to match regex", "pattern"},
      {"Array should contain no fewer", "minItems"},
      {"Array should contain no more", "maxItems"},
      {"String should be no fewer", "minLength"},
      {"String should be no more", "maxLength"},
      {"Object contains a property", "additionalProperties"},
      {"Failed to validate against any", "anyOf"},
      {"Failed to validate against exactly one", "oneOf"},
  };
  for (const auto& [prefix, keyword] : table) {
    if (starts_with(description, prefix)) return keyword;
  }
  return "schema";
}

/// "Missing required property 'from'." → "from"
std::string missing_property(const std::string& description) {
  auto open = description.find('\'');
  auto close = description.rfind('\'');
  return open == std::string::npos || close <= open
             ? ""
             : description.substr(open + 1, close - open - 1);
}

const char* json_type_name(const json& value) {
  if (value.is_null()) return "null";
  if (value.is_boolean()) return "boolean";
  if (value.is_number_integer()) return "integer";
  if (value.is_number()) return "number";
  if (value.is_string()) return "string";
  if (value.is_array()) return "array";
  return "object";
}

const json* value_at(const json& instance, const std::string& pointer) {
  try {
    return &instance.at(json::json_pointer(pointer));
  } catch (const json::exception&) {
    return nullptr;
  }
}

/// A sentence for people: what the rule wanted, and what the document has.
std::string describe(const std::string& keyword, const FieldRules* rules, const json* value,
                     const std::string& description) {
  if (keyword == "required") return "missing required property";
  if (!rules || !value) return description;
  if (keyword == "type" && !rules->expected_type.empty()) {
    return "expected type " + rules->expected_type + ", got " + json_type_name(*value);
  }
  if (keyword == "enum" && !rules->allowed_values.empty()) {
    return "expected one of " + rules->allowed_values + ", got " +
           value->dump(-1, ' ', false, json::error_handler_t::replace);
  }
  return description;
}

/// Throws before valijson sees the schema, so a bad annotation names its own pointer.
const json& checked_annotations(const json& schema, const std::string& origin) {
  std::string problem = acceptance_annotation_problem(schema);
  if (problem.empty()) problem = ref_cycle_problem(schema);
  if (!problem.empty()) throw ContractError(origin + ": " + problem);
  return schema;
}

SchemaIndex checked_index(const json& schema, const std::string& origin) {
  try {
    return index_schema(schema);
  } catch (const std::length_error& e) {
    throw ContractError(origin + ": " + e.what());
  }
}

std::string parent_pointer(const std::string& pointer) {
  size_t slash = pointer.rfind('/');
  return slash == std::string::npos ? "" : pointer.substr(0, slash);
}

bool iequals(const std::string& a, const std::string& b) {
  return a.size() == b.size() &&
         std::equal(a.begin(), a.end(), b.begin(), [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

/// A string that matches one of the enum's values when letter case is ignored.
bool enum_case_variant(const json& value, const std::string& allowed) {
  if (!value.is_string()) return false;
  json values = json::parse(allowed, nullptr, false);
  if (!values.is_array()) return false;
  return std::any_of(values.begin(), values.end(), [&](const json& v) {
    return v.is_string() && iequals(v.get<std::string>(), value.get<std::string>());
  });
}

}  // namespace

SchemaValidator::SchemaValidator(const json& schema, SchemaSettings settings)
    : structure_(std::make_unique<ValijsonSchema>(
          without_formats(checked_annotations(schema, settings.origin)), settings.origin)),
      index_(checked_index(schema, settings.origin)),
      settings_(std::move(settings)) {
  compiled_ = CompiledSchema::compile(schema, settings_.email_policy, compile_refusal_);
  for (const auto& [pattern, rules] : index_) {
    if (is_known_format(rules.format)) formats_.push_back({split_pointer(pattern), rules.format});
  }
}

void SchemaValidator::label_open(Violation& v, const json& instance) const {
  const json* value = v.keyword == "required" ? nullptr : value_at(instance, v.pointer);
  const FieldRules* own = exact_rules(v.pointer);
  bool item = pointer_pattern(v.pointer).ends_with("/*");
  if (value && value->is_null() && !item && !(own && own->required_by_parent)) {
    v.settled = false;
    v.open_point = "null-as-absent";
    return;
  }
  std::string owner = v.keyword == "required" ? parent_pointer(v.pointer) : v.pointer;
  const FieldRules* rules = exact_rules(owner);
  if (rules && rules->accept_only.contains(v.keyword)) {
    v.settled = false;
    v.open_point = "x-accept:" + pointer_pattern(owner) + ":" + v.keyword;
  } else if (value && v.keyword == "enum" && own &&
             enum_case_variant(*value, own->allowed_values)) {
    v.settled = false;
    v.open_point = "enum-letter-case";
  }
}

SchemaValidator::~SchemaValidator() = default;

const FieldRules* SchemaValidator::exact_rules(const std::string& pointer) const {
  auto it = index_.find(pointer_pattern(pointer));
  return it != index_.end() ? &it->second : nullptr;
}

Violation SchemaValidator::make_violation(std::string pointer, std::string keyword,
                                          std::string message) const {
  Violation v{std::move(pointer), std::move(keyword), std::move(message), "", ""};
  if (const FieldRules* rules = rules_for(index_, v.pointer)) {
    auto precise = rules->by_keyword.find(v.keyword);
    v.requirement = precise != rules->by_keyword.end() ? precise->second : rules->requirement;
    v.locator = rules->locator;
  }
  if (v.requirement.empty()) v.requirement = settings_.fallback_requirement;
  auto traced = settings_.requirement_locators.find(v.requirement);
  if (traced != settings_.requirement_locators.end() && !traced->second.empty())
    v.locator = traced->second;
  return v;
}

std::string SchemaValidator::format_problem(const std::string& format, const json& value) const {
  if (!value.is_string()) return "";  // a wrong type is reported by the type rule
  return check_format(format, value.get_ref<const std::string&>(), settings_.email_policy);
}

void SchemaValidator::check_formats(const json& node, const FormatRule& rule, size_t depth,
                                    const std::string& pointer, std::vector<Violation>& out) const {
  if (depth == rule.tokens.size()) {
    std::string why = format_problem(rule.format, node);
    if (!why.empty())
      out.push_back(make_violation(pointer, "format", "not a valid " + rule.format + ": " + why));
    return;
  }
  const std::string& token = rule.tokens[depth];
  if (token == "*" && node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i) {
      check_formats(node[i], rule, depth + 1, pointer + "/" + std::to_string(i), out);
    }
  } else if (node.is_object()) {
    auto it = node.find(token);
    if (it != node.end()) check_formats(*it, rule, depth + 1, append_pointer(pointer, token), out);
  }
}

static std::vector<RawSchemaError> leaf_causes(const std::vector<RawSchemaError>& raw) {
  return leaf_filter(
      raw, [](const RawSchemaError& e) { return is_alternatives(e.description); },
      [](const RawSchemaError& e) { return is_cascade(e.description); });
}

std::vector<Violation> SchemaValidator::validate(const json& instance) const {
  if (compiled_ && compiled_->judge(instance) == Verdict::accepted) return {};
  return reference_validate(instance);
}

std::vector<Violation> SchemaValidator::reference_validate(const json& instance) const {
  std::vector<Violation> out;
  if (!structure_->accepts(instance)) {
    for (const auto& e : leaf_causes(structure_->errors(instance))) {
      std::string keyword = keyword_of(e.description);
      std::string pointer = e.pointer;
      if (keyword == "required") pointer = append_pointer(pointer, missing_property(e.description));
      std::string message =
          describe(keyword, exact_rules(pointer), value_at(instance, pointer), e.description);
      bool repeated = std::any_of(out.begin(), out.end(), [&](const Violation& v) {
        return v.pointer == pointer && v.message == message;
      });
      if (!repeated) out.push_back(make_violation(pointer, keyword, message));
    }
  }
  for (const auto& rule : formats_) check_formats(instance, rule, 0, "", out);
  for (auto& v : out) label_open(v, instance);
  return out;
}

std::vector<Violation> SchemaValidator::settled_violations(const json& instance) const {
  std::vector<Violation> all = validate(instance);
  std::erase_if(all, [](const Violation& v) { return !v.settled; });
  return all;
}

bool SchemaValidator::accepts(const json& instance) const {
  Verdict verdict = compiled_ ? compiled_->judge(instance) : Verdict::unsure;
  return verdict == Verdict::unsure ? reference_accepts(instance) : verdict == Verdict::accepted;
}

TextValidation SchemaValidator::validate_text(std::string_view text, size_t max_depth) const {
  if (compiled_ && compiled_->judge_text(text, max_depth) == TextVerdict::accepted) return {};
  JsonParse parsed = parse_json(text, max_depth);
  if (!parsed.value) return {parsed.error, {}};
  return {std::nullopt, validate(*parsed.value)};
}

bool SchemaValidator::reference_accepts(const json& instance) const {
  if (!structure_->accepts(instance)) return false;
  std::vector<Violation> format_violations;
  for (const auto& rule : formats_) {
    check_formats(instance, rule, 0, "", format_violations);
    if (!format_violations.empty()) return false;
  }
  return true;
}

}  // namespace conform
