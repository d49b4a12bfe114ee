#pragma once
/// Validates documents against one contract schema. Two engines answer: the compiled program
/// (compiled_schema.hpp) decides accept or reject; the reference path (valijson for structure,
/// formats.hpp for formats) explains a rejection, and answers alone for a schema the compiler
/// refused.
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <optional>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/types.hpp"
#include "validate/schema_index.hpp"

namespace conform {

class ValijsonSchema;
class CompiledSchema;

/// What validating JSON text found: a parse error (line and column), or the violations.
struct TextValidation {
  std::optional<std::string> parse_error;
  std::vector<Violation> violations;
};

/// What a SchemaValidator needs besides the schema itself.
struct SchemaSettings {
  EmailPolicy email_policy;
  std::string fallback_requirement;  ///< used when no schema node names one
  std::string origin;                ///< the schema's file, for error messages
  std::map<std::string, std::string> requirement_locators =
      {};  ///< id → doc line, from the contract
};

/// A schema compiled once; `validate` is thread-safe and returns leaf causes only.
class SchemaValidator {
 public:
  /// Compiles the schema; throws ContractError naming settings.origin.
  SchemaValidator(const nlohmann::json& schema, SchemaSettings settings);
  ~SchemaValidator();

  /// Every violation, one per leaf cause, each with its pointer and requirement id. A violation
  /// of the acceptance core (`x-accept`), a null for an optional member, or an enum value in
  /// another letter case has `settled` false and names its open point.
  std::vector<Violation> validate(const nlohmann::json& instance) const;
  /// Only the violations the page settles (the must-reject region).
  std::vector<Violation> settled_violations(const nlohmann::json& instance) const;
  /// True when the document keeps the schema and its formats.
  bool accepts(const nlohmann::json& instance) const;
  /// Parses and validates text: simdjson and the program when they accept, else nlohmann (for
  /// the error's line and column) and `validate`.
  TextValidation validate_text(std::string_view text, size_t max_depth = 512) const;

  /// The compiled program, or nullptr when the compiler refused the schema.
  const CompiledSchema* compiled() const { return compiled_.get(); }
  /// Why the compiler refused the schema ("" when it did not).
  const std::string& compile_refusal() const { return compile_refusal_; }
  /// The reference path alone: valijson plus conform's formats.
  bool reference_accepts(const nlohmann::json& instance) const;
  /// The reference path alone: every leaf violation, labelled.
  std::vector<Violation> reference_validate(const nlohmann::json& instance) const;
  /// The pattern → rules index, for generators and lookups.
  const SchemaIndex& index() const { return index_; }

 private:
  struct FormatRule {
    std::vector<std::string> tokens;  ///< pattern tokens; `*` is any array index
    std::string format;
  };
  void check_formats(const nlohmann::json& node, const FormatRule& rule, size_t depth,
                     const std::string& pointer, std::vector<Violation>& out) const;
  std::string format_problem(const std::string& format, const nlohmann::json& value) const;
  const FieldRules* exact_rules(const std::string& pointer) const;
  void label_open(Violation& v, const nlohmann::json& instance) const;
  Violation make_violation(std::string pointer, std::string keyword, std::string message) const;

  std::unique_ptr<ValijsonSchema> structure_;
  std::unique_ptr<CompiledSchema> compiled_;
  std::string compile_refusal_;
  SchemaIndex index_;
  std::vector<FormatRule> formats_;
  SchemaSettings settings_;
};

}  // namespace conform
