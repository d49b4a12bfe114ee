#pragma once
/// Paths of an endpoint: building them from parameters, and matching them back.
#include <map>
#include <optional>
#include <string>
#include <string_view>

#include "contract/contract.hpp"
#include "core/percent_encoding.hpp"  // percent_encode, for path values

namespace conform {

/// Path parameter name → value.
using PathValues = std::map<std::string, std::string>;

/// Fills the path template; a missing value takes the parameter's example. Values are
/// percent-encoded. Does not add the query.
std::string build_path(const Contract& contract, const PathValues& values);

/// Matches a request path (no query) against the template after `prefix`; returns the
/// decoded parameter values, or std::nullopt when the path is not this endpoint's.
std::optional<PathValues> match_path(const Contract& contract, std::string_view path,
                                     std::string_view prefix = "");

/// Decodes %XX escapes; std::nullopt on a malformed escape.
std::optional<std::string> percent_decode(std::string_view text);

}  // namespace conform
