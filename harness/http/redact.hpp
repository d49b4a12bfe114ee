#pragma once
/// Keeping credentials out of every output, and reproducing a request as a curl command.
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "core/run_types.hpp"

namespace conform {

/// What replaces a secret in every output: the console, curl lines, cassettes and reports.
/// The one definition; report/report_sanitize.hpp uses it too.
inline constexpr std::string_view kRedacted = "[REDACTED]";

/// Removes credentials from exchanges before anything is printed or written.
class Redactor {
 public:
  /// Treats this header as a credential (case-insensitive); Authorization, Cookie and
  /// Proxy-Authorization always are.
  void add_header(const std::string& name);
  /// Scrubs this value wherever it appears; the part after a scheme word (`Basic xyz` → `xyz`)
  /// is scrubbed too. Values shorter than 4 characters are ignored.
  void add_secret(const std::string& value);
  /// The text with every secret replaced by kRedacted.
  std::string scrub(std::string_view text) const;
  /// Credential headers keep their scheme word only (`Basic [REDACTED]`); every other
  /// header, the path and both bodies are scrubbed.
  void redact(Exchange& exchange) const;
  /// The same for a request alone.
  void redact(HttpRequest& request) const;

 private:
  bool is_credential_header(const std::string& name) const;
  std::set<std::string> headers_ = {"authorization", "cookie", "proxy-authorization"};
  std::vector<std::string> secrets_;
};

/// Whether a header name looks like it carries a credential (auth, token, key, secret, session,
/// cookie, password, signature, credential, any letter case): `-H` headers so named are
/// redacted like the API's auth header.
bool looks_like_credential_header(std::string_view name);

/// Quotes text for a POSIX shell: `it's` → `'it'\''s'`.
std::string shell_quote(std::string_view text);

/// A ready-to-paste curl command for an (already redacted) request sent to `base_url`.
std::string curl_command(const std::string& base_url, const HttpRequest& request);

}  // namespace conform
