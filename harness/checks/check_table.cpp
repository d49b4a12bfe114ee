/// The one table of checks, and the helpers they share.
#include <algorithm>
#include <cctype>

#include "checks/check.hpp"
#include "contract/contract.hpp"
#include "core/json_pointer.hpp"

namespace conform {

const std::vector<Check>& check_table() {
  static const std::vector<Check> table = {
      {"not_a_server_error", "no case gets a 5xx", check_not_a_server_error},
      {"status_code_conformance", "the status is one the contract documents",
       check_status_code_conformance},
      {"documented_status", "an exact documented status (whippy's 422) is the one sent",
       check_documented_status},
      {"content_type_conformance", "a 2xx says the media type the interaction expects",
       check_content_type_conformance},
      {"response_schema_conformance", "a 2xx body keeps the response schema",
       check_response_schema_conformance},
      {"response_matchers", "the fixture's body matchers hold", check_response_matchers},
      {"positive_data_acceptance", "a valid request is accepted", check_positive_data_acceptance},
      {"negative_data_rejection", "an invalid or malformed request is rejected",
       check_negative_data_rejection},
      {"auth_required", "a request without credentials gets 401 or 403", check_auth_required},
      {"response_time", "the response arrives within --max-response-time", check_response_time},
  };
  return table;
}

std::string media_type(const std::string& content_type) {
  std::string out = content_type.substr(0, content_type.find(';'));
  auto not_space = [](unsigned char ch) { return !std::isspace(ch); };
  out.erase(out.begin(), std::find_if(out.begin(), out.end(), not_space));
  out.erase(std::find_if(out.rbegin(), out.rend(), not_space).base(), out.end());
  std::transform(out.begin(), out.end(), out.begin(),
                 [](unsigned char ch) { return std::tolower(ch); });
  return out;
}

std::string header_value(const Headers& headers, const std::string& name) {
  for (const auto& [key, value] : headers) {
    if (key.size() == name.size() &&
        std::equal(key.begin(), key.end(), name.begin(), [](unsigned char a, unsigned char b) {
          return std::tolower(a) == std::tolower(b);
        }))
      return value;
  }
  return "";
}

namespace {

/// Values at a pointer pattern whose `*` tokens match every array element.
void collect(const nlohmann::json& node, const std::vector<std::string>& tokens, size_t at,
             std::vector<const nlohmann::json*>& out) {
  if (at == tokens.size()) {
    out.push_back(&node);
    return;
  }
  const std::string& token = tokens[at];
  if (token == "*" && node.is_array()) {
    for (const auto& item : node) collect(item, tokens, at + 1, out);
  } else if (node.is_object() && node.contains(token)) {
    collect(node[token], tokens, at + 1, out);
  } else if (node.is_array() && !token.empty() &&
             std::all_of(token.begin(), token.end(),
                         [](unsigned char c) { return std::isdigit(c); }) &&
             token.size() < 9 && std::stoul(token) < node.size()) {
    collect(node[std::stoul(token)], tokens, at + 1, out);
  }
}

}  // namespace

bool body_says_rejected(const Contract& contract, const std::optional<nlohmann::json>& body) {
  if (!body) return false;
  for (const auto& form : contract.rejection.body_forms) {
    std::vector<const nlohmann::json*> found;
    if (!form.pointer.empty()) {
      collect(*body, split_pointer(form.pointer), 0, found);
      if (std::any_of(found.begin(), found.end(), [&](const auto* v) { return *v == form.equals; }))
        return true;
    } else if (!form.nonempty.empty()) {
      collect(*body, split_pointer(form.nonempty), 0, found);
      if (std::any_of(found.begin(), found.end(), [](const auto* v) {
            return (v->is_array() || v->is_object()) ? !v->empty() : !v->is_null();
          }))
        return true;
    }
  }
  return false;
}

}  // namespace conform
