#include "derive/contract_gen.hpp"

#include <algorithm>
#include <array>
#include <set>
#include <string_view>

#include "core/enum_names.hpp"
#include "derive/canonical_json.hpp"
#include "derive/page.hpp"
#include "derive/page_facts.hpp"
#include "derive/requirement_summary.hpp"
#include "derive/text.hpp"

namespace conform::derive {
namespace {

using ojson = nlohmann::ordered_json;

constexpr std::array<std::string_view, 18> kKeyOrder = {
    "id",       "title",       "snapshot",     "method",    "path",         "locator",
    "inferred", "path_params", "query_params", "auth",      "email_policy", "request",
    "response", "channels",    "statuses",     "rejection", "requirements", "open_points"};

const char* keyed_by(const std::string& key) {
  if (key == "requirements" || key == "open_points") return "id";
  if (key == "path_params" || key == "query_params") return "name";
  return nullptr;
}

void merge_keyed(ojson& list, const ojson& patch, const char* key) {
  for (const auto& item : patch) {
    auto found = std::find_if(list.begin(), list.end(), [&](const ojson& x) {
      return x.is_object() && item.is_object() && x.contains(key) && item.contains(key) &&
             x[key] == item[key];
    });
    if (found != list.end()) {
      merge_patch(*found, item);
    } else {
      ojson fresh = ojson::object();
      merge_patch(fresh, item);
      list.push_back(fresh);
    }
  }
}

const DocRow* parameter_row(const DocPage& page, const std::string& name) {
  for (const auto& section : page.sections) {
    if (section.kind != SectionKind::kPath && section.kind != SectionKind::kQuery) continue;
    for (const auto& row : section.rows) {
      if (row.name == name) return &row;
    }
  }
  return nullptr;
}

ojson parameter(const DocPage& page, const std::string& api, const std::string& name,
                int fallback_line, const PageFacts& facts, ojson& requirements) {
  const DocRow* row = parameter_row(page, name);
  ojson p;
  p["name"] = name;
  if (row && !row->enum_values.empty()) p["enum"] = row->enum_values;
  if (row && row->default_value && row->default_value->is_string())
    p["default"] = row->default_value->get<std::string>();
  auto example = facts.path_examples.find(name);
  if (example != facts.path_examples.end()) p["example"] = example->second.value;
  p["requirement"] = api + "." + name;
  p["locator"] = locator(page, row ? row->line : fallback_line);
  requirements.push_back(
      {{"id", api + "." + name},
       {"summary", parameter_summary(name, row ? row->enum_values : std::vector<std::string>{})},
       {"locator", p["locator"]}});
  return p;
}

std::vector<std::string> path_names(const std::string& path) {
  std::vector<std::string> names;
  for (size_t at = path.find('{'); at != std::string::npos; at = path.find('{', at + 1)) {
    auto end = path.find('}', at);
    if (end == std::string::npos) break;
    names.push_back(path.substr(at + 1, end - at - 1));
  }
  return names;
}

std::string page_title(const DocPage& page, const std::string& api) {
  for (const auto& line : page.lines) {
    std::string t = line;
    while (!t.empty() && (t.front() == '#' || t.front() == ' ')) t.erase(0, 1);
    if (!t.empty() && is_heading_like(t)) return t;
  }
  return api;
}

void add_request_line(ojson& c, const DocPage& page, const PageFacts& facts) {
  if (facts.method) c["method"] = facts.method->value;
  if (facts.path) {
    c["path"] = facts.path->value;
    c["locator"] = locator(page, facts.path->line);
  }
}

void add_parameters(ojson& c, const DocPage& page, const std::string& api, const PageFacts& facts,
                    ojson& reqs) {
  c["path_params"] = ojson::array();
  c["query_params"] = ojson::array();
  if (!facts.path) return;
  for (const auto& name : path_names(facts.path->value))
    c["path_params"].push_back(parameter(page, api, name, facts.path->line, facts, reqs));
  for (const auto& name : facts.query_names)
    c["query_params"].push_back(parameter(page, api, name, facts.path->line, facts, reqs));
}

void add_auth(ojson& c, const DocPage& page, const std::string& api, const PageFacts& facts,
              ojson& reqs) {
  if (!facts.auth) return;
  const AuthFact& a = *facts.auth;
  c["auth"] = {{"header", a.header},
               {"prefixes", a.prefixes},
               {"placeholder", a.placeholder},
               {"requirement", api + ".auth"},
               {"locator", locator(page, a.line)}};
  reqs.push_back({{"id", api + ".auth"},
                  {"summary", "requests carry the " + a.header + " credential the page shows"},
                  {"locator", locator(page, a.line)}});
}

void add_bodies(ojson& c, const std::vector<std::pair<std::string, ojson>>& schemas) {
  for (const auto& entry : schemas) {
    auto parts = split_trim(entry.first, '.');
    if (parts.size() == 3)
      c[parts[0]] = entry.first;
    else if (parts.size() == 4)
      c["channels"][parts[1]][parts[0]] = entry.first;
  }
}

void add_statuses(ojson& c, const DocPage& page, const PageFacts& facts) {
  for (const auto& s : facts.statuses)
    c["statuses"].push_back(
        {{"code", s.code}, {"when", s.when}, {"locator", locator(page, s.line)}});
}

void add_rejection(ojson& c, const DocPage& page, const std::string& api, const PageFacts& facts,
                   ojson& reqs) {
  ojson r = {{"status_class", "4xx"}, {"requirement", api + ".rejection"}};
  ojson req = {{"id", api + ".rejection"},
               {"summary", "an invalid request is answered with a 4xx"}};
  auto refusal = std::find_if(facts.statuses.begin(), facts.statuses.end(),
                              [](const StatusFact& s) { return s.code / 100 == 4; });
  if (refusal != facts.statuses.end()) {
    r["locator"] = req["locator"] = locator(page, refusal->line);
  } else {
    r["inferred"] = req["inferred"] =
        "the page names no status for a refused request; conform reads a refusal as a 4xx";
  }
  c["rejection"] = r;
  reqs.push_back(req);
}

ojson default_email_policy() {
  return {{"require_domain_dot", false},
          {"allow_empty", false},
          {"inferred",
           "the page does not settle address syntax; only the lenient reading is sure never to "
           "fail a conforming server"}};
}

ojson ordered(const ojson& c) {
  ojson out = ojson::object();
  for (auto key : kKeyOrder) {
    if (c.contains(std::string(key))) out[std::string(key)] = c[std::string(key)];
  }
  for (auto it = c.begin(); it != c.end(); ++it) {
    if (!out.contains(it.key())) out[it.key()] = it.value();
  }
  return out;
}

void name_missing(const ojson& c, ContractDerivation& d) {
  if (!c.contains("method"))
    d.missing.push_back("no HTTP method on the page: add \"method\" to overlay.json");
  if (!c.contains("path"))
    d.missing.push_back("no request path on the page: add \"path\" to overlay.json");
  for (const auto& p : c.value("path_params", ojson::array())) {
    if (!p.contains("example") && !p.contains("enum"))
      d.missing.push_back("no sample value for path parameter " + p["name"].get<std::string>() +
                          ": add an \"example\" to overlay.json");
  }
  if (!c.contains("auth"))
    d.missing.push_back("no auth scheme on the page: add one to overlay.json");
  if (!c.contains("statuses"))
    d.missing.push_back("no status code on the page: add \"statuses\" to overlay.json");
  if (!c.contains("request") && !c.contains("channels"))
    d.missing.push_back(
        "no request body table or sample on the page: add an output to overlay.json");
}

}  // namespace

const char* origin_name(FieldOrigin origin) {
  static constexpr EnumName<FieldOrigin> kNames[] = {
      {FieldOrigin::kPage, "page"},
      {FieldOrigin::kDefault, "default"},
      {FieldOrigin::kOverlay, "overlay"},
      {FieldOrigin::kPageAndOverlay, "page+overlay"}};
  return name_of(kNames, origin, "page");
}

void apply_contract_patch(ojson& contract, const ojson& patch) {
  for (auto it = patch.begin(); it != patch.end(); ++it) {
    const char* key = keyed_by(it.key());
    if (it.value().is_null())
      contract.erase(it.key());
    else if (key && it.value().is_array() && contract.contains(it.key()) &&
             contract[it.key()].is_array())
      merge_keyed(contract[it.key()], it.value(), key);
    else
      merge_patch(contract[it.key()], it.value());
  }
}

ContractDerivation derive_contract(const DocPage& page, const Overlay& overlay,
                                   const std::vector<std::pair<std::string, ojson>>& schemas) {
  ContractDerivation d;
  const std::string& api = overlay.api;
  PageFacts facts = read_page_facts(page);
  ojson c = ojson::object();
  ojson reqs = schema_requirements(schemas);
  c["id"] = api;
  c["title"] = page_title(page, api);
  c["snapshot"] = page.file;
  add_request_line(c, page, facts);
  add_parameters(c, page, api, facts, reqs);
  add_auth(c, page, api, facts, reqs);
  add_bodies(c, schemas);
  add_statuses(c, page, facts);
  add_rejection(c, page, api, facts, reqs);
  for (auto it = c.begin(); it != c.end(); ++it) d.origins[it.key()] = FieldOrigin::kPage;
  d.origins["rejection"] = facts.statuses.empty() ? FieldOrigin::kDefault : FieldOrigin::kPage;
  c["email_policy"] = default_email_policy();
  d.origins["email_policy"] = FieldOrigin::kDefault;
  c["requirements"] = reqs;
  d.origins["requirements"] = FieldOrigin::kPage;
  c["open_points"] = general_open_points();
  d.origins["open_points"] = FieldOrigin::kDefault;
  for (const auto& patch : overlay.contract) {
    for (auto it = patch.begin(); it != patch.end(); ++it) {
      auto found = d.origins.find(it.key());
      bool from_page = found != d.origins.end() && found->second != FieldOrigin::kOverlay &&
                       c.contains(it.key());
      d.origins[it.key()] = from_page && found->second == FieldOrigin::kPage
                                ? FieldOrigin::kPageAndOverlay
                                : FieldOrigin::kOverlay;
    }
    try {
      apply_contract_patch(c, patch);
    } catch (const nlohmann::json::exception& e) {
      throw DeriveError(api + "/overlay.json: contract patch: " + e.what());
    }
  }
  for (auto it = d.origins.begin(); it != d.origins.end();)
    it = c.contains(it->first) ? std::next(it) : d.origins.erase(it);
  name_missing(c, d);
  d.contract = ordered(c);
  return d;
}

}  // namespace conform::derive
