#include "report/report_sanitize.hpp"

#include <algorithm>
#include <cctype>

#include "core/utf8.hpp"

namespace conform {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool looks_secret(const std::string& name) {
  static const char* const kWords[] = {"auth",   "key",    "token",   "secret",     "password",
                                       "passwd", "cookie", "session", "credential", "signature"};
  const std::string lowered = lower(name);
  return std::any_of(std::begin(kWords), std::end(kWords),
                     [&](const char* word) { return lowered.find(word) != std::string::npos; });
}

}  // namespace

bool is_secret_header(const std::string& name) {
  return looks_secret(name);
}

std::vector<std::string> secrets_in(const Headers& headers) {
  std::vector<std::string> secrets;
  for (const auto& [name, value] : headers) {
    if (!is_secret_header(name) || value.empty()) continue;
    secrets.push_back(value);
    auto space = value.find(' ');
    if (space == std::string::npos) continue;
    auto token_start = value.find_first_not_of(' ', space);
    if (token_start == std::string::npos) continue;
    std::string token = value.substr(token_start);
    if (token.size() >= 4) secrets.push_back(token);
  }
  // Longest first, so a whole value is replaced before its token part.
  std::sort(secrets.begin(), secrets.end(),
            [](const std::string& a, const std::string& b) { return a.size() > b.size(); });
  return secrets;
}

std::string scrub(std::string text, const std::vector<std::string>& secrets) {
  for (const auto& secret : secrets) {
    if (secret.empty()) continue;
    for (size_t at = text.find(secret); at != std::string::npos;
         at = text.find(secret, at + kRedacted.size())) {
      text.replace(at, secret.size(), kRedacted);
    }
  }
  return text;
}

std::string redact_curl(const std::string& curl) {
  std::string out = curl;
  for (size_t at = out.find("-H "); at != std::string::npos; at = out.find("-H ", at + 3)) {
    size_t open = at + 3;
    if (open >= out.size() || (out[open] != '\'' && out[open] != '"')) continue;
    size_t close = out.find(out[open], open + 1);
    size_t colon = out.find(':', open + 1);
    if (close == std::string::npos || colon == std::string::npos || colon > close) continue;
    if (!looks_secret(out.substr(open + 1, colon - open - 1))) continue;
    out.replace(colon + 1, close - colon - 1, " " + std::string(kRedacted));
  }
  for (const char* flag : {"-u ", "--user "}) {
    auto at = out.find(flag);
    if (at == std::string::npos) continue;
    size_t start = at + std::string(flag).size();
    size_t end = out.find(' ', start);
    out.replace(start, (end == std::string::npos ? out.size() : end) - start, kRedacted);
  }
  return out;
}

std::string redact_target(const std::string& url) {
  std::string out = url;
  auto scheme = out.find("://");
  size_t host_start = scheme == std::string::npos ? 0 : scheme + 3;
  size_t host_end = out.find_first_of("/?#", host_start);
  auto at = out.rfind('@', host_end == std::string::npos ? out.size() : host_end);
  if (at != std::string::npos && at >= host_start) {
    out.replace(host_start, at - host_start, kRedacted);
  }
  auto query = out.find('?');
  if (query == std::string::npos) return out;
  std::string result = out.substr(0, query + 1);
  std::string rest = out.substr(query + 1);
  size_t start = 0;
  while (start <= rest.size()) {
    size_t end = std::min(rest.find('&', start), rest.size());
    std::string pair = rest.substr(start, end - start);
    auto eq = pair.find('=');
    if (eq != std::string::npos && looks_secret(pair.substr(0, eq))) {
      pair = pair.substr(0, eq + 1) + std::string(kRedacted);
    }
    result += pair;
    if (end < rest.size()) result += '&';
    start = end + 1;
  }
  return result;
}

std::string valid_utf8(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    size_t length = utf8_sequence_length(text, i);
    if (length == 0) {
      out += "\xEF\xBF\xBD";
      ++i;
      continue;
    }
    out.append(text.substr(i, length));
    i += length;
  }
  return out;
}

std::string capped_utf8(std::string_view text, size_t max_bytes, bool& cut) {
  std::string clean = valid_utf8(text);
  cut = clean.size() > max_bytes;
  if (!cut) return clean;
  size_t end = max_bytes;
  while (end > 0 && (static_cast<unsigned char>(clean[end]) & 0xC0) == 0x80) --end;
  return clean.substr(0, end);
}

}  // namespace conform
