#pragma once
/// Text hygiene for reports: credentials out, valid UTF-8 in, bodies capped.
#include <string>
#include <string_view>
#include <vector>

#include "core/run_types.hpp"
#include "http/redact.hpp"  // kRedacted, the one redaction marker

namespace conform {

/// True for headers that carry credentials (Authorization, X-WHIPPY-KEY, Cookie, *token*, ...).
bool is_secret_header(const std::string& name);

/// The secret strings inside the credential headers: each whole value and its token part.
std::vector<std::string> secrets_in(const Headers& headers);

/// `text` with every occurrence of every secret replaced by kRedacted.
std::string scrub(std::string text, const std::vector<std::string>& secrets);

/// A curl command line with the values of credential `-H` headers and `-u` user-info redacted.
std::string redact_curl(const std::string& curl);

/// A URL without user-info and with credential-like query values redacted.
std::string redact_target(const std::string& url);

/// The text with invalid UTF-8 sequences replaced by U+FFFD, so JSON and XML writers accept it.
std::string valid_utf8(std::string_view text);

/// At most `max_bytes` of valid UTF-8 (cut on a code point boundary); `cut` tells whether it cut.
std::string capped_utf8(std::string_view text, size_t max_bytes, bool& cut);

}  // namespace conform
