#include "derive/doc_table.hpp"

#include "core/enum_names.hpp"

namespace conform::derive {
const char* section_kind_name(SectionKind kind) {
  static constexpr EnumName<SectionKind> kNames[] = {{SectionKind::kRequest, "request"},
                                                     {SectionKind::kResponse, "response"},
                                                     {SectionKind::kPath, "path"},
                                                     {SectionKind::kQuery, "query"}};
  return name_of(kNames, kind, "other");
}

namespace {

nlohmann::ordered_json row_json(const DocPage& page, const DocRow& row) {
  nlohmann::ordered_json j;
  j["path"] = row.path;
  j["name"] = row.name.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(row.name);
  j["line"] = row.line;
  if (row.type_line != row.line && row.type_line > 0) j["type_line"] = row.type_line;
  if (!row.type_raw.empty()) j["type_raw"] = row.type_raw;
  j["type"] = row.type.empty() ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(row.type);
  if (!row.item_type.empty()) j["item_type"] = row.item_type;
  if (!row.format.empty()) j["format"] = row.format;
  j["required"] =
      row.required ? nlohmann::ordered_json(*row.required) : nlohmann::ordered_json(nullptr);
  if (!row.enum_values.empty() || row.enum_marked) j["enum"] = row.enum_values;
  if (row.literal) j["literal"] = true;
  if (row.default_value) j["default"] = *row.default_value;
  if (row.description_line > 0) {
    std::string where = locator(page, row.description_line);
    if (row.description_end > row.description_line)
      where += "-" + std::to_string(row.description_end);
    j["description"] = where;
  }
  return j;
}

}  // namespace

const char* shape_name(PageShape shape) {
  static constexpr EnumName<PageShape> kNames[] = {{PageShape::kMarkdown, "readme-markdown"},
                                                   {PageShape::kScraped, "scraped-body-params"},
                                                   {PageShape::kPdfText, "pdf-text-table"},
                                                   {PageShape::kZoho, "zoho-list"}};
  return name_of(kNames, shape, "unknown");
}

std::string locator(const DocPage& page, int line) {
  return page.file + ":" + std::to_string(line);
}

nlohmann::ordered_json doc_table_json(const DocPage& page) {
  nlohmann::ordered_json out;
  out["conform_doctable"] = 1;
  out["snapshot"] = page.file;
  out["shape"] = shape_name(page.shape);
  out["sections"] = nlohmann::ordered_json::array();
  for (const auto& section : page.sections) {
    nlohmann::ordered_json s;
    s["line"] = section.line;
    s["kind"] = section_kind_name(section.kind);
    if (!section.parent.empty()) s["parent"] = section.parent;
    s["has_type_column"] = section.has_type_column;
    s["rows"] = nlohmann::ordered_json::array();
    for (const auto& row : section.rows) s["rows"].push_back(row_json(page, row));
    out["sections"].push_back(s);
  }
  out["examples"] = nlohmann::ordered_json::array();
  for (const auto& example : page.examples)
    out["examples"].push_back({{"line", example.line}, {"kind", section_kind_name(example.kind)}});
  out["inferences"] = nlohmann::ordered_json::array();
  for (const auto& inference : page.inferences)
    out["inferences"].push_back({{"line", inference.line}, {"what", inference.what}});
  return out;
}

}  // namespace conform::derive
