#include "http/redact.hpp"

#include <algorithm>
#include <cctype>

namespace conform {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return std::tolower(c); });
  return text;
}

}  // namespace

void Redactor::add_header(const std::string& name) {
  headers_.insert(lower(name));
}

void Redactor::add_secret(const std::string& value) {
  auto keep = [&](std::string secret) {
    if (secret.size() >= 4 && std::find(secrets_.begin(), secrets_.end(), secret) == secrets_.end())
      secrets_.push_back(std::move(secret));
  };
  keep(value);
  if (size_t space = value.find(' '); space != std::string::npos) keep(value.substr(space + 1));
  // longest first, so a value is replaced whole before its token part is looked for
  std::sort(secrets_.begin(), secrets_.end(),
            [](const auto& a, const auto& b) { return a.size() > b.size(); });
}

std::string Redactor::scrub(std::string_view text) const {
  std::string out(text);
  for (const auto& secret : secrets_) {
    for (size_t at = 0; (at = out.find(secret, at)) != std::string::npos;) {
      out.replace(at, secret.size(), kRedacted);
      at += kRedacted.size();
    }
  }
  return out;
}

bool Redactor::is_credential_header(const std::string& name) const {
  return headers_.contains(lower(name));
}

void Redactor::redact(HttpRequest& request) const {
  request.path = scrub(request.path);
  request.body = scrub(request.body);
  for (auto& [name, value] : request.headers) {
    if (!is_credential_header(name)) {
      value = scrub(value);
      continue;
    }
    size_t space = value.find(' ');
    value = (space == std::string::npos ? std::string() : value.substr(0, space + 1)) +
            std::string(kRedacted);
  }
}

void Redactor::redact(Exchange& exchange) const {
  redact(exchange.request);
  exchange.transport_error = scrub(exchange.transport_error);
  if (!exchange.response) return;
  exchange.response->body = scrub(exchange.response->body);
  for (auto& [name, value] : exchange.response->headers) {
    value = is_credential_header(name) ? std::string(kRedacted) : scrub(value);
  }
}

bool looks_like_credential_header(std::string_view name) {
  std::string key = lower(std::string(name));
  for (const char* word : {"auth", "token", "key", "secret", "session", "cookie", "password",
                           "signature", "credential"}) {
    if (key.find(word) != std::string::npos) return true;
  }
  return false;
}

std::string shell_quote(std::string_view text) {
  std::string out = "'";
  for (char c : text) {
    if (c == '\'') {
      out += "'\\''";
    } else {
      out += c;
    }
  }
  return out + "'";
}

std::string curl_command(const std::string& base_url, const HttpRequest& request) {
  std::string out =
      "curl -sS -i -X " + shell_quote(request.method) + " " + shell_quote(base_url + request.path);
  for (const auto& [name, value] : request.headers) {
    std::string key = lower(name);
    if (key == "content-length" || key == "host") continue;
    out += " -H " + shell_quote(name + ": " + value);
  }
  if (!request.body.empty()) out += " --data-binary " + shell_quote(request.body);
  return out;
}

}  // namespace conform
