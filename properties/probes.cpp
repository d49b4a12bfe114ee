// Probes: unusual-but-valid variants (mutators.hpp). No page settles how a server treats them,
// so their outcomes are observations.
#include <algorithm>
#include <functional>

#include "core/json_pointer.hpp"
#include "properties/mutators.hpp"
#include "properties/value_generators.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// The first location (depth first) whose value satisfies `wanted`; "" pointer and false if none.
bool find_first(const json& value, const std::string& pointer,
                const std::function<bool(const std::string&, const json&)>& wanted,
                std::string& found) {
  if (wanted(pointer, value)) {
    found = pointer;
    return true;
  }
  if (value.is_object()) {
    for (const auto& [name, sub] : value.items()) {
      if (find_first(sub, append_pointer(pointer, name), wanted, found)) return true;
    }
  }
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i) {
      if (find_first(value[i], pointer + "/" + std::to_string(i), wanted, found)) return true;
    }
  }
  return false;
}

/// Free text: a string whose schema has no enum, const or format.
bool is_free_text(const json& schema, const std::string& pointer, const json& value) {
  if (!value.is_string() || pointer.empty()) return false;
  const json* node = &schema;
  for (const auto& token : split_pointer(pointer)) {
    node = &dereference(*node, schema);
    bool index = !token.empty() && std::all_of(token.begin(), token.end(), ::isdigit);
    if (index && node->contains("items")) {
      node = &(*node)["items"];
    } else if (node->contains("properties") && (*node)["properties"].contains(token)) {
      node = &(*node)["properties"][token];
    } else {
      return false;
    }
  }
  node = &dereference(*node, schema);
  return !node->contains("enum") && !node->contains("const") && !node->contains("format");
}

/// Every location (depth first) whose value satisfies `wanted`.
void find_all(const json& value, const std::string& pointer,
              const std::function<bool(const std::string&, const json&)>& wanted,
              std::vector<std::string>& found) {
  if (wanted(pointer, value)) found.push_back(pointer);
  if (value.is_object()) {
    for (const auto& [name, sub] : value.items())
      find_all(sub, append_pointer(pointer, name), wanted, found);
  }
  if (value.is_array()) {
    for (size_t i = 0; i < value.size(); ++i)
      find_all(value[i], pointer + "/" + std::to_string(i), wanted, found);
  }
}

/// A long and a non-ASCII probe on every free-text string, and a CRLF probe on every subject.
void add_text_sites(const json& schema, const json& value, std::vector<ProbeSite>& out) {
  std::vector<std::string> texts;
  find_all(
      value, "", [&](const std::string& p, const json& v) { return is_free_text(schema, p, v); },
      texts);
  for (const auto& at : texts) {
    out.push_back({"long_string", at});
    out.push_back({"unicode_text", at});
    if (at.size() >= 8 && at.substr(at.size() - 8) == "/subject")
      out.push_back({"crlf_in_header_field", at});
  }
}

void add_array_site(const json& value, std::vector<ProbeSite>& out) {
  std::string at;
  auto non_empty_array = [](const std::string&, const json& v) {
    return v.is_array() && !v.empty();
  };
  if (find_first(value, "", non_empty_array, at)) out.push_back({"huge_array", at});
}

json probe_value(const std::string& name, const json& current) {
  if (name == "long_string") return std::string(10000, 'x');
  if (name == "unicode_text") return "Zo\u00eb \U0001F600 \u0645\u0631\u062D\u0628\u0627 \u202Eabc";
  if (name == "crlf_in_header_field") return "Hello\r\nBcc: someone@example.com";
  json huge = current;
  while (huge.size() < 1000) huge.push_back(current[0]);
  return huge;
}

}  // namespace

const char* probe_open_point(const std::string& probe_name) {
  static const std::pair<const char*, const char*> table[] = {
      {"unknown_field", "unknown-fields"},   {"long_string", "long-strings"},
      {"unicode_text", "unicode-text"},      {"huge_array", "large-lists"},
      {"crlf_in_header_field", "crlf-text"},
  };
  for (const auto& [name, open_point] : table) {
    if (probe_name == name) return open_point;
  }
  return "long-strings";
}

std::vector<ProbeSite> probe_sites_of(const json& schema, const json& value) {
  std::vector<ProbeSite> out;
  if (value.is_object()) out.push_back({"unknown_field", "/conform_unknown_field"});
  add_text_sites(schema, value, out);
  add_array_site(value, out);
  return out;
}

Probe make_probe(const json& value, const ProbeSite& site) {
  json body = value;
  if (site.name == "unknown_field") {
    body["conform_unknown_field"] = "probe";
  } else {
    json& at = body.at(json::json_pointer(site.pointer));
    at = probe_value(site.name, at);
  }
  return {std::move(body), site.name, site.pointer};
}

std::vector<Probe> probes_of(const json& schema, const json& value) {
  std::vector<Probe> out;
  for (const auto& site : probe_sites_of(schema, value)) out.push_back(make_probe(value, site));
  return out;
}

}  // namespace conform
