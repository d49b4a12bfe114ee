#include "http/retry_after.hpp"

#include <algorithm>
#include <cctype>
#include <cstring>

namespace conform {
namespace {

std::string trimmed(const std::string& text) {
  size_t first = text.find_first_not_of(" \t");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

bool same_name(const std::string& a, const char* b) {
  return a.size() == std::strlen(b) &&
         std::equal(a.begin(), a.end(), b, [](unsigned char x, unsigned char y) {
           return std::tolower(x) == std::tolower(y);
         });
}

/// IMF-fixdate, RFC 850 and asctime, the three forms RFC 9110 §5.6.7 says a recipient accepts.
std::optional<std::time_t> http_date(const std::string& text) {
  for (const char* form :
       {"%a, %d %b %Y %H:%M:%S GMT", "%A, %d-%b-%y %H:%M:%S GMT", "%a %b %e %H:%M:%S %Y"}) {
    std::tm tm{};
    const char* end = strptime(text.c_str(), form, &tm);
    if (end && *end == '\0') return timegm(&tm);
  }
  return std::nullopt;
}

}  // namespace

std::optional<double> retry_after_seconds(const std::string& value, std::time_t now) {
  std::string text = trimmed(value);
  if (text.empty()) return std::nullopt;
  if (std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); })) {
    return text.size() > 9 ? 1e9 : std::stod(text);  // a huge delay is over any cap anyway
  }
  std::optional<std::time_t> when = http_date(text);
  if (!when) return std::nullopt;
  return *when > now ? static_cast<double>(*when - now) : 0.0;
}

std::optional<double> retry_after_of(const HttpResponse& response) {
  for (const auto& [name, value] : response.headers) {
    if (same_name(name, "Retry-After")) return retry_after_seconds(value, std::time(nullptr));
  }
  return std::nullopt;
}

}  // namespace conform
