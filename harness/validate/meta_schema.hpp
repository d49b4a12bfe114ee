#pragma once
/// conform's own file formats (`schemas/meta/*.schema.json`, embedded in the binary), checked
/// as each contract, overlay and fixture is loaded: a fault names the file, the JSON pointer and
/// what is wrong, in one sentence.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/contract.hpp"
#include "core/types.hpp"

namespace conform {

class SchemaValidator;

/// Which of conform's file formats a document claims to keep.
enum class MetaKind { contract, fixture, overlay };

/// One meta-schema, compiled once per loader; thread-safe to use.
class MetaSchema {
 public:
  /// Compiles the embedded `meta/<kind>.schema.json`; throws ContractError if it is missing.
  explicit MetaSchema(MetaKind kind);
  ~MetaSchema();
  MetaSchema(MetaSchema&&) noexcept;
  MetaSchema& operator=(MetaSchema&&) noexcept;

  /// Every way `document` breaks the format (empty when it keeps it).
  std::vector<Violation> problems(const nlohmann::json& document) const;
  /// Throws ContractError "FILE: /pointer: sentence" for the first problem (and counts the rest).
  void check(const nlohmann::json& document, const std::string& file) const;

 private:
  MetaKind kind_;
  std::unique_ptr<SchemaValidator> validator_;
};

/// The embedded meta-schema's path for a kind: `meta/contract.schema.json`.
std::string meta_schema_path(MetaKind kind);

/// One problem as a sentence: `/auth/prefixes: expected type array, got string (a contract:
/// meta/contract.schema.json, docs/contract-format.md)`.
std::string meta_problem_sentence(MetaKind kind, const Violation& problem);

}  // namespace conform
