#pragma once
/// A contract schema compiled once into a flat program (schema_program.hpp): the fast engine.
/// valijson stays the reference; SchemaValidator decides which answers (see ARCHITECTURE.md).
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/types.hpp"

namespace conform {

struct SchemaProgram;

/// One leaf error of a collecting walk: where, and which keyword failed.
struct CompiledError {
  std::string pointer;
  std::string keyword;
};

/// What the program says of a parsed document.
enum class Verdict {
  accepted,
  rejected,
  unsure,  ///< valijson could answer otherwise here (see program_walk.hpp): ask the reference
};

/// What the program says of JSON text it parsed itself (simdjson).
enum class TextVerdict {
  accepted,  ///< the text parses and keeps the schema: final
  refused,   ///< the text may be bad JSON or break the schema: ask the reference path
};

/// A compiled schema. Thread-safe: every walk keeps its state on the stack.
class CompiledSchema {
 public:
  /// The compiled schema, or nullptr with `refusal` saying which keyword or place stopped it.
  static std::unique_ptr<CompiledSchema> compile(const nlohmann::json& schema,
                                                 const EmailPolicy& policy, std::string& refusal);
  ~CompiledSchema();
  CompiledSchema(const CompiledSchema&) = delete;
  CompiledSchema& operator=(const CompiledSchema&) = delete;

  /// Whether the value keeps the schema, formats included. Stops at the first failure.
  Verdict judge(const nlohmann::json& instance) const;
  /// Every leaf error of the structure (formats left out: the reference path checks those with
  /// its own walk), as the reference reports them; nullopt where the program is unsure.
  std::optional<std::vector<CompiledError>> structural_errors(const nlohmann::json& instance) const;
  /// Parses the text with simdjson (nesting capped at `max_depth`) and runs the program over it.
  /// Only `accepted` is final: anything else goes to nlohmann, for line and column, and valijson.
  TextVerdict judge_text(std::string_view text, size_t max_depth) const;

 private:
  explicit CompiledSchema(std::unique_ptr<SchemaProgram> program);
  std::unique_ptr<SchemaProgram> program_;
};

}  // namespace conform
