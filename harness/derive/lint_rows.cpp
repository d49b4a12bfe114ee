/// Lint rules over the tables, the descriptions and the page structure.
#include <map>
#include <set>

#include "core/json_text.hpp"
#include "derive/lint_rules.hpp"
#include "derive/nesting.hpp"
#include "derive/text.hpp"
#include "derive/vocabulary.hpp"

namespace conform::derive {
namespace {

std::set<std::string> lower_words(const std::string& text) {
  std::set<std::string> out;
  for (const auto& w : words_of(text)) out.insert(lower(w));
  return out;
}

std::string parent_of(const std::string& path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? "" : path.substr(0, dot);
}

std::string leaf_of(const std::string& path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? path : path.substr(dot + 1);
}

// Keys of request-example objects that also hold `name`.
void example_siblings(const nlohmann::json& v, const std::string& name,
                      std::set<std::string>& out) {
  if (v.is_object()) {
    if (v.contains(name))
      for (auto it = v.begin(); it != v.end(); ++it) out.insert(it.key());
    for (const auto& child : v) example_siblings(child, name, out);
  } else if (v.is_array()) {
    for (const auto& child : v) example_siblings(child, name, out);
  }
}

// The page's request examples that are valid JSON, parsed once.
std::vector<nlohmann::json> request_examples(const DocPage& page) {
  std::vector<nlohmann::json> out;
  for (const auto& example : page.examples) {
    if (example.kind != SectionKind::kRequest || json_nesting_depth(example.text) > 64) continue;
    auto parsed = nlohmann::json::parse(example.text, nullptr, false);
    if (!parsed.is_discarded()) out.push_back(std::move(parsed));
  }
  return out;
}

std::set<std::string> siblings_of(const std::vector<nlohmann::json>& examples,
                                  const DocSection& section, const DocRow& row) {
  std::set<std::string> out;
  for (const auto& other : section.rows) {
    if (!other.path.empty() && parent_of(other.path) == parent_of(row.path)) out.insert(other.name);
  }
  for (const auto& example : examples) example_siblings(example, row.name, out);
  out.erase(row.name);
  return out;
}

// A description that names another field by all of its parts and never names its own.
void lint_describes_other(const DocPage& page, const std::vector<nlohmann::json>& examples,
                          const DocSection& section, const DocRow& row, std::vector<Finding>& out) {
  auto words = lower_words(row.description);
  for (const auto& part : name_parts(row.name)) {
    if (words.count(part)) return;
  }
  for (const auto& other : siblings_of(examples, section, row)) {
    auto parts = name_parts(other);
    if (parts.size() < 2) continue;
    bool all = true;
    for (const auto& part : parts) all = all && words.count(part);
    if (all)
      out.push_back({page.file, row.description_line, "description-mismatch",
                     "the description of '" + row.name +
                         "' never names it and reads like the description of '" + other + "'"});
  }
}

// A description that names a field of the page by another spelling (fileData for file_data).
void lint_stale_reference(const DocPage& page, const DocRow& row,
                          const std::set<std::string>& names, std::vector<Finding>& out) {
  for (const auto& word : words_of(row.description)) {
    if (name_parts(word).size() < 2 || names.count(word)) continue;
    for (const auto& name : names) {
      if (folded_name(name) == folded_name(word))
        out.push_back({page.file, row.description_line, "description-mismatch",
                       "the description of '" + row.name + "' names '" + word +
                           "', but the table spells it '" + name + "'"});
    }
  }
}

}  // namespace

void lint_table_rows(const DocPage& page, std::vector<Finding>& out) {
  for (const auto& section : page.sections) {
    for (const auto& row : section.rows) {
      std::string subject = row.name.empty() ? "a parameter" : "'" + row.name + "'";
      if (!row.type_raw.empty() && !type_meaning(row.type_raw).known) {
        std::string closest = closest_type(row.type_raw);
        out.push_back({page.file, row.type_line, "unknown-type",
                       subject + " has the unknown type '" + row.type_raw + "'" +
                           (closest.empty() ? "" : "; did you mean '" + closest + "'?")});
      }
      if (row.name.empty())
        out.push_back({page.file, row.line, "missing-name",
                       "a parameter of type '" + row.type_raw + "' has no name"});
      if (section.has_type_column && row.type_raw.empty())
        out.push_back({page.file, row.line, "missing-type", subject + " has no type"});
      if (row.enum_marked && row.enum_values.empty())
        out.push_back({page.file, row.enum_list_line > 0 ? row.enum_list_line : row.line,
                       "enum-without-values",
                       subject + " is an enum but the page lists no values"});
    }
  }
}

void lint_descriptions(const DocPage& page, std::vector<Finding>& out) {
  std::set<std::string> names;
  for (const auto& section : page.sections)
    for (const auto& row : section.rows)
      if (!row.name.empty()) names.insert(leaf_of(row.name));
  auto examples = request_examples(page);
  for (const auto& section : page.sections) {
    for (const auto& row : section.rows) {
      if (row.name.empty() || row.description.empty()) continue;
      lint_stale_reference(page, row, names, out);
      lint_describes_other(page, examples, section, row, out);
    }
  }
}

}  // namespace conform::derive
