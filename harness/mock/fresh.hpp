#pragma once
/// Fresh values for mock responses: random ids and the current time.
#include <cstddef>
#include <string>

namespace conform {

/// `length` random lowercase hex digits (a per-thread generator; no lock).
std::string fresh_hex(size_t length);

/// A random RFC 4122 version-4 UUID, lowercase.
std::string fresh_uuid();

/// A random decimal id of `length` digits, not starting with 0.
std::string fresh_decimal(size_t length);

/// The current UTC time as RFC 3339, e.g. `2026-05-01T10:00:00Z`.
std::string now_rfc3339();

/// The current UTC time in Capillary's email style: `2026-05-01 10:00:00::+00:00`.
std::string now_capillary();

}  // namespace conform
