#include "cli/config_values.hpp"

#include <cctype>

#include "http/redact.hpp"

namespace conform {
namespace {

bool is_name_char(unsigned char c, bool first) {
  return std::isalpha(c) || c == '_' || (!first && std::isdigit(c));
}

bool has_reference(const std::string& text) {
  return text.find("${") != std::string::npos;
}

const std::string kWriteAReference =
    "write ${VARIABLE} and set the variable in the environment (a file ends up in version "
    "control and CI logs)";

/// A setting whose whole value is a secret: its name says secret, password or passphrase, or
/// token where it is not a URL or an interval (`oauth-token-url` is an address).
bool names_a_secret(const std::string& key) {
  for (const char* word : {"secret", "password", "passphrase"}) {
    if (key.find(word) != std::string::npos) return true;
  }
  return key.find("token") != std::string::npos && key.find("url") == std::string::npos &&
         key.find("interval") == std::string::npos;
}

}  // namespace

std::string substitute_environment(const std::string& text,
                                   const std::function<const char*(const char*)>& lookup,
                                   std::string& error) {
  std::string out;
  size_t at = 0;
  while (at < text.size()) {
    size_t open = text.find("${", at);
    if (open == std::string::npos) break;
    out += text.substr(at, open - at);
    size_t close = text.find('}', open);
    std::string name = close == std::string::npos ? "" : text.substr(open + 2, close - open - 2);
    bool valid = !name.empty();
    for (size_t i = 0; i < name.size(); ++i)
      valid = valid && is_name_char(static_cast<unsigned char>(name[i]), i == 0);
    if (!valid) {
      error = "'" +
              text.substr(open, close == std::string::npos ? std::string::npos : close - open + 1) +
              "' is not a ${NAME} reference (NAME: letters, digits and _)";
      return "";
    }
    const char* value = lookup(name.c_str());
    if (!value || !*value) {
      error = "${" + name + "} is not set in the environment";
      return "";
    }
    out += value;
    at = close + 1;
  }
  return out + (at < text.size() ? text.substr(at) : "");
}

std::string literal_secret(const std::string& key, const std::string& value) {
  if (key == "auth") {
    size_t eq = value.find('=');
    std::string secret = eq == std::string::npos ? value : value.substr(eq + 1);
    if (!has_reference(secret)) {
      return "the credential of " + value.substr(0, eq) + " is written in the file; " +
             kWriteAReference;
    }
  } else if (key == "header") {
    size_t colon = value.find(':');
    std::string name = value.substr(0, colon);
    if (looks_like_credential_header(name) &&
        !has_reference(value.substr(colon == std::string::npos ? 0 : colon))) {
      return "the header " + name +
             " looks like a credential and its value is written in the file; " + kWriteAReference;
    }
  } else if (key == "proxy") {
    size_t at = value.rfind('@');
    size_t scheme = value.find("://");
    std::string userinfo =
        at == std::string::npos ? "" : value.substr(scheme == std::string::npos ? 0 : scheme + 3);
    if (userinfo.find(':') < userinfo.find('@') &&
        !has_reference(userinfo.substr(0, userinfo.find('@')))) {
      return "the proxy password is written in the file; " + kWriteAReference;
    }
  } else if (names_a_secret(key) && !has_reference(value)) {
    return "'" + key + "' holds a secret written in the file; " + kWriteAReference;
  }
  return "";
}

}  // namespace conform
