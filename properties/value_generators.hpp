#pragma once
/// RapidCheck generators built from a contract's draft-07 schema: valid, plain, canonical values.
#include <rapidcheck.h>
#include <nlohmann/json.hpp>

namespace conform {

/// Values that keep `schema` (types, required and optional properties, enum, const, lengths,
/// item counts, local `$ref`s, anyOf/oneOf, `email` and `date-time`). Sized: small cases come
/// first; shrinking drops optional properties and extra items, and shortens strings.
///
/// Values come from the acceptance core: every `x-accept` rule holds, lists have items,
/// date-times lie in the future, and members or branches marked `x-accept: {omit}` are left out.
rc::Gen<nlohmann::json> gen_valid(const nlohmann::json& schema);

/// The same, with every optional member present (the coverage phase starts from it). With
/// `ignore_omit`, members the acceptance core leaves out are present too, so that mutants can
/// break their settled rules (such a value is for mutants and probes, not for valid cases).
rc::Gen<nlohmann::json> gen_full(const nlohmann::json& schema, bool ignore_omit = false);

/// True when a schema node carries `x-accept` with this key (a keyword or a hint).
bool accept_only(const nlohmann::json& node, const char* key);

/// Why a value is outside the acceptance core beyond what validation sees ("" when inside):
/// an empty list, or a member marked `x-accept: {include}` missing from its object. Shrinking
/// keeps candidates inside the core, so a minimal case is one a conforming server must accept.
std::string acceptance_core_problem(const nlohmann::json& schema, const nlohmann::json& value);

/// A local `$ref` target (`#/definitions/x`), or nullptr.
const nlohmann::json* resolve_ref(const nlohmann::json& root, const std::string& ref);

/// The node itself, or the target of its `$ref`.
const nlohmann::json& dereference(const nlohmann::json& node, const nlohmann::json& root);

}  // namespace conform
