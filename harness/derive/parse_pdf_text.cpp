/// PDF text: `Parameter<TAB>Value` tables under a caption; `(required)`/`(optional)` end a value.
#include "derive/page.hpp"
#include "derive/text.hpp"
#include "derive/vocabulary.hpp"

namespace conform::derive {
namespace {

std::string caption_above(const DocPage& page, size_t header, int& caption_line) {
  for (size_t i = header; i-- > 0;) {
    std::string t = trim(page.lines[i]);
    if (t.empty()) continue;
    caption_line = static_cast<int>(i) + 1;
    return t;
  }
  caption_line = 0;
  return "";
}

// Removes a final "(required)" or "(optional)" and returns what it said.
std::optional<bool> take_required(std::string& value) {
  for (const auto& [marker, required] :
       {std::pair{"(required)", true}, std::pair{"(optional)", false}}) {
    std::string m = marker;
    std::string low = lower(value);
    if (low.size() >= m.size() && low.compare(low.size() - m.size(), m.size(), m) == 0) {
      value = trim(value.substr(0, value.size() - m.size()));
      return required;
    }
  }
  return std::nullopt;
}

DocRow row_of(const std::vector<std::string>& cells, int line, DocPage& page) {
  DocRow row;
  row.line = line;
  row.name = cells[0];
  std::string value = cells.size() > 1 ? cells[1] : "";
  row.required = take_required(value);
  row.description = value;
  if (!value.empty()) row.description_line = row.description_end = line;
  if (is_identifier(value) && value.find('.') == std::string::npos) {
    row.type = "string";
    row.enum_values = {value};
    row.literal = true;
    if (!row.required) row.required = true;
    row.description.clear();
    page.inferences.push_back(
        {line, "the value column holds a literal, read as a required constant"});
  }
  return row;
}

// Nests a table captioned "<Field> Parameters" under the earlier field of that name.
void nest_under_field(DocPage& page, DocSection& section, const std::string& caption) {
  auto words = words_of(caption);
  if (words.size() < 2) return;
  for (auto& earlier : page.sections) {
    for (auto& row : earlier.rows) {
      if (lower(row.name) != lower(words[0]) || !(row.type.empty() || row.type == "object"))
        continue;
      section.parent = row.path.empty() ? row.name : row.path;
      if (row.type.empty()) row.type = "object";
      page.inferences.push_back({section.line, "table nested under '" + row.name +
                                                   "', which its caption names; '" + row.name +
                                                   "' read as an object"});
      return;
    }
  }
}

void finish_section(DocPage& page, DocSection section) {
  for (auto& row : section.rows) apply_prose(row, page);
  page.sections.push_back(std::move(section));
}

}  // namespace

void parse_pdf_text(DocPage& page) {
  for (size_t i = 0; i < page.lines.size(); ++i) {
    std::string t = trim(page.lines[i]);
    if (is_heading_like(t)) page.headings.push_back({static_cast<int>(i) + 1, t});
    auto header = split_trim(t, '\t');
    if (header.size() != 2 || lower(header[0]) != "parameter") continue;
    int caption_line = 0;
    std::string caption = caption_above(page, i, caption_line);
    DocSection section;
    section.line = static_cast<int>(i) + 1;
    section.title = caption;
    section.has_type_column = false;
    bool continues = !contains_ci(caption, "parameters") && !page.sections.empty();
    if (continues) {
      section = std::move(page.sections.back());
      page.sections.pop_back();
      page.inferences.push_back(
          {static_cast<int>(i) + 1, "table read as the continuation of the table at line " +
                                        std::to_string(section.line) + ": its caption '" + caption +
                                        "' is not a parameters heading"});
    } else {
      section.kind = section_kind_of(caption);
      nest_under_field(page, section, caption);
    }
    size_t j = i + 1;
    for (; j < page.lines.size(); ++j) {
      std::string r = trim(page.lines[j]);
      if (r.empty()) break;
      auto cells = split_trim(r, '\t');
      if (cells.size() >= 2 && !cells[0].empty()) {
        section.rows.push_back(row_of(cells, static_cast<int>(j) + 1, page));
      } else if (!section.rows.empty()) {
        auto& row = section.rows.back();
        row.description += " " + r;
        row.description_end = static_cast<int>(j) + 1;
      }
    }
    finish_section(page, std::move(section));
    i = j;
  }
  collect_fenced_examples(page);
}

}  // namespace conform::derive
