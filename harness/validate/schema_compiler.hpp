#pragma once
/// Compiles a draft-07 contract schema into a SchemaProgram, or says why it will not.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "validate/schema_program.hpp"

namespace conform {

/// A program, or the refusal that sends the whole schema to valijson instead.
struct CompileOutcome {
  std::optional<SchemaProgram> program;
  std::string refusal;  ///< "<schema pointer>: <why>" when program is empty
};

/// Compiles the keyword subset conform's contracts use: type, enum, const, string, number,
/// array and object bounds, pattern, properties, required, additionalProperties, items (one
/// schema), allOf/anyOf/oneOf/not, if/then/else, local `$ref` and conform's formats.
/// Any other keyword, or a format where valijson's path and the program could disagree, is
/// refused: the schema is then never half compiled.
CompileOutcome compile_schema(const nlohmann::json& schema, const EmailPolicy& policy);

/// An integer beyond 2^53, anywhere in the value: a double does not hold it exactly, and
/// valijson compares some numbers as doubles.
bool is_inexact_integer(const nlohmann::json& value);

}  // namespace conform
