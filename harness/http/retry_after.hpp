#pragma once
/// The `Retry-After` header of a 429 or 503 (RFC 9110 §10.2.3): delta-seconds or an HTTP-date.
#include <ctime>
#include <optional>
#include <string>

#include "core/run_types.hpp"

namespace conform {

/// Seconds to wait for `value`: delta-seconds ("120") as is, an HTTP-date (IMF-fixdate,
/// "Wed, 21 Oct 2026 07:28:00 GMT") minus `now` (0 for a date already past); nullopt for
/// anything else.
std::optional<double> retry_after_seconds(const std::string& value, std::time_t now);

/// The Retry-After of a response (first header, name case-insensitive), as seconds from now.
std::optional<double> retry_after_of(const HttpResponse& response);

}  // namespace conform
