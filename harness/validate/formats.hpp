#pragma once
/// The string formats conform enforces itself (valijson's own date-time check is too slow).
#include <string>
#include <string_view>

#include "core/types.hpp"

namespace conform {

/// Checks an email address under an API's policy. Returns "" when valid, else the reason.
std::string check_email(std::string_view value, const EmailPolicy& policy);

/// Checks an RFC 3339 date-time (`2026-05-01T10:00:00+05:30`). Returns "" when valid, else why.
std::string check_date_time(std::string_view value);

}  // namespace conform
