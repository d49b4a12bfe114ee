#pragma once
/// RapidCheck generators built from a contract's draft-07 schema: valid, plain, canonical values.
#include <nlohmann/json.hpp>
#include <rapidcheck.h>

#include "core/types.hpp"

namespace conform {

/// What a generator needs besides the schema node it starts from.
struct GenContext {
  const nlohmann::json* root = nullptr;  ///< the whole schema, for local `$ref`s
  EmailPolicy email_policy;
};

/// Values that keep `schema` (types, required and optional properties, enum, const, lengths,
/// item counts, local `$ref`s, anyOf/oneOf, `email` and `date-time`). Sized: small cases come
/// first; shrinking drops optional properties and extra items, and shortens strings.
rc::Gen<nlohmann::json> gen_valid(const nlohmann::json& schema, const EmailPolicy& policy);

/// Produces one valid value for a schema node; call only inside `rc::gen::exec`.
nlohmann::json generate_node(const nlohmann::json& node, const GenContext& ctx, int depth);

/// A local `$ref` target (`#/definitions/x`), or nullptr.
const nlohmann::json* resolve_ref(const nlohmann::json& root, const std::string& ref);

/// The node itself, or the target of its `$ref`.
const nlohmann::json& dereference(const nlohmann::json& node, const nlohmann::json& root);

}  // namespace conform
