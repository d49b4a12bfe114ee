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

namespace conform {

/// Checks a phone number shaped like the pages' own (`919988221100`): an optional `+` and 6 to
/// 15 digits. Returns "" when valid, else why. An acceptance-core format: never settled.
std::string check_phone(std::string_view value);

/// Checks an absolute `https://` or `http://` URL with a host. Returns "" when valid, else why.
std::string check_url(std::string_view value);

/// Checks a MIME type (`text/html`): two tokens around one `/`. Acceptance-core only.
std::string check_mime_type(std::string_view value);

/// Checks base64 text (RFC 4648 alphabet, padded to groups of four). Acceptance-core only.
std::string check_base64(std::string_view value);

/// Checks `value` against one of conform's formats (email, date-time, phone, url, mime-type,
/// base64); "" when the
/// value keeps it or the format is unknown.
std::string check_format(const std::string& format, std::string_view value,
                         const EmailPolicy& policy);

/// True for the formats check_format knows.
bool is_known_format(const std::string& format);

}  // namespace conform
