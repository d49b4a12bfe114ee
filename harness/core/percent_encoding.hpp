#pragma once
/// Percent-encoding of URL parts and form fields (RFC 3986).
#include <string>
#include <string_view>

namespace conform {

/// Percent-encodes everything but RFC 3986 unreserved characters: a path segment, a query
/// value, or an `application/x-www-form-urlencoded` field.
std::string percent_encode(std::string_view text);

}  // namespace conform
