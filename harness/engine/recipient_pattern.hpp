#pragma once
/// The address patterns of `--allow-recipient` and the addresses a recipient value holds.
#include <string>
#include <string_view>
#include <vector>

namespace conform {

/// True when `address` matches the glob `pattern`, letters compared without case. `*` matches
/// any run (also none) and `?` exactly one character of an address: never `@`, `,`, `;`, `<`,
/// `>`, a quote, a backslash, a space or a control character, so `*@sink.example.com` cannot
/// match `victim@other.com,me@sink.example.com` or `victim@other.com@sink.example.com`.
bool matches_recipient_pattern(std::string_view address, std::string_view pattern);

/// The addresses in one recipient value: split at commas and semicolons, spaces trimmed, empty
/// parts dropped (`"a@x.com, b@y.com"` gives two).
std::vector<std::string> addresses_in(std::string_view value);

/// True when `text` is one address with nothing a pattern's `*` could not match: a sink given on
/// the command line must be one, or it could not be allowed back.
bool is_plain_address(std::string_view text);

}  // namespace conform
