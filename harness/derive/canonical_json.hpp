#pragma once
/// The one JSON text form of derived files: 2-space indent, schema keywords in a fixed order,
/// property names in document order.
#include <string>

#include <nlohmann/json.hpp>

namespace conform::derive {

/// Dumps `value` canonically, with a final newline. `schema`: order keywords; otherwise keep
/// every object's key order as given.
std::string canonical_dump(const nlohmann::ordered_json& value, bool schema = true);

/// RFC 7386 merge patch: objects merge, null removes a key, anything else replaces.
void merge_patch(nlohmann::ordered_json& target, const nlohmann::ordered_json& patch);

}  // namespace conform::derive
