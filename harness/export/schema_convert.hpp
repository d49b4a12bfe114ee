#pragma once
/// Draft-07 JSON Schema → OpenAPI 3.0 Schema Object: a pure rewrite, nothing dropped silently.
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "core/types.hpp"

namespace conform {

/// Where a converted schema's `definitions` go and how its refs are renamed.
struct SchemaConversion {
  /// Prefix of component names for this document's definitions, e.g. `capillary-email.response`.
  std::string component_prefix;
  /// components/schemas of the OpenAPI document; definitions are added here.
  nlohmann::json* components = nullptr;
  /// The API's email policy. When set, `format: email` becomes a `pattern` that accepts what
  /// conform accepts (peers read `format: email` each their own way), plus `x-format: email`.
  std::optional<EmailPolicy> email_policy;
};

/// An ECMA-262 pattern equal to conform's email check under `policy` (lengths of the whole
/// domain aside): dot-atom local part of 1-64 characters, LDH labels, a dot when required,
/// and "" when the policy allows it.
std::string email_pattern(const EmailPolicy& policy);

/// The OpenAPI component name of definition `name` under `prefix` (`prefix.name`, sanitised).
std::string component_name(const std::string& prefix, const std::string& name);

/// Converts one draft-07 schema to an OpenAPI 3.0 Schema Object:
/// `type: [T, "null"]` → `type: T, nullable: true`; several non-null types → `anyOf`;
/// `const` → a one-value `enum`; `$schema`/`$id` removed; `$comment` → `x-comment`;
/// `definitions` → `components.schemas` with `#/definitions/X` refs rewritten;
/// numeric `exclusiveMinimum/Maximum` → `minimum/maximum` + boolean; a `$ref` with siblings is
/// wrapped in `allOf`; keywords OpenAPI 3.0 lacks are kept as `x-draft07-<keyword>`.
/// `x-` annotations (locators, requirement ids) are kept as they are; see also `email_policy`.
nlohmann::json to_openapi_schema(const nlohmann::json& schema, const SchemaConversion& conversion);

}  // namespace conform
