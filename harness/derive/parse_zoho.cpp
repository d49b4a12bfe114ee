/// Zoho-style lists: `name typeRequired|Optional`, then description lines; small value tables.
#include "derive/page.hpp"
#include "derive/text.hpp"
#include "derive/vocabulary.hpp"

namespace conform::derive {
namespace {

struct ZohoHead {
  std::string name, type;
  bool required = false;
};

std::optional<ZohoHead> zoho_head(const std::string& line) {
  std::string t = trim(line);
  for (const auto& [marker, required] :
       {std::pair{"Required", true}, std::pair{"Optional", false}}) {
    std::string m = marker;
    if (t.size() <= m.size() || t.compare(t.size() - m.size(), m.size(), m) != 0) continue;
    std::string head = t.substr(0, t.size() - m.size());
    size_t space = head.rfind(' ');
    if (space == std::string::npos || space == 0) return std::nullopt;
    ZohoHead h{head.substr(0, space), head.substr(space + 1), required};
    if (!is_identifier(h.name) || h.type.empty() || !is_identifier(h.type)) return std::nullopt;
    return h;
  }
  return std::nullopt;
}

// A value table under a row ("Label | Value |" then "---|---|"): its value column becomes the enum.
void take_value_table(DocRow& row, const std::vector<std::string>& lines, size_t& i) {
  auto header = split_trim(lines[i], '|');
  size_t column = 0;
  for (size_t c = 0; c < header.size(); ++c) {
    if (contains_ci(header[c], "name") || contains_ci(header[c], "value")) column = c;
  }
  i += 2;
  for (; i < lines.size() && lines[i].find('|') != std::string::npos; ++i) {
    auto cells = split_trim(lines[i], '|');
    if (column < cells.size() && !cells[column].empty()) row.enum_values.push_back(cells[column]);
  }
  --i;
}

bool starts_value_table(const std::vector<std::string>& lines, size_t i) {
  return lines[i].find('|') != std::string::npos && i + 1 < lines.size() &&
         trim(lines[i + 1]).rfind("---", 0) == 0;
}

void close_section(DocPage& page, DocSection& section) {
  for (auto& row : section.rows) apply_prose(row, page);
  if (!section.rows.empty()) page.sections.push_back(std::move(section));
  section = DocSection{};
}

// True right after a row head, and while its description stops mid-sentence: the next line
// belongs to the description even when it looks like a heading.
bool continues_sentence(const DocSection& section, bool active) {
  if (!active || section.rows.empty()) return false;
  const std::string& d = section.rows.back().description;
  return d.empty() || std::string(".:!?)").find(d.back()) == std::string::npos;
}

// Collects `Copied{ ... }` and bare `{ ... }` blocks that balance.
void collect_json_blocks(DocPage& page);

}  // namespace

void parse_zoho(DocPage& page) {
  DocSection section;
  bool active = false;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    std::string t = trim(page.lines[i]);
    int line = static_cast<int>(i) + 1;
    auto head = zoho_head(t);
    if (!head && is_heading_like(t) && !continues_sentence(section, active)) {
      page.headings.push_back({line, t});
      if (active) close_section(page, section);
      active = contains_ci(t, "parameters");
      section.title = t, section.line = line, section.kind = section_kind_of(t);
      continue;
    }
    if (!active || t.empty()) continue;
    if (head) {
      DocRow row;
      row.name = head->name, row.line = row.type_line = line, row.required = head->required;
      apply_type(row, head->type, page);
      section.rows.push_back(std::move(row));
      section.has_required_markers = true;
    } else if (!section.rows.empty() && starts_value_table(page.lines, i)) {
      take_value_table(section.rows.back(), page.lines, i);
    } else if (!section.rows.empty()) {
      DocRow& row = section.rows.back();
      if (row.description_line == 0) row.description_line = line;
      row.description_end = line;
      row.description += (row.description.empty() ? "" : " ") + t;
    }
  }
  if (active) close_section(page, section);
  collect_json_blocks(page);
}

namespace {

void collect_json_blocks(DocPage& page) {
  for (size_t i = 0; i < page.lines.size(); ++i) {
    std::string t = trim(page.lines[i]);
    size_t brace = t.rfind("Copied", 0) == 0 ? 6 : 0;
    std::string rest = trim(t.substr(brace));
    if (rest != "{" && rest != "[" && rest.rfind("{\"", 0) != 0 && rest.rfind("[{", 0) != 0)
      continue;
    DocExample example;
    example.line = static_cast<int>(i) + 1;
    example.kind = kind_above(page, example.line);
    int depth = 0;
    bool in_string = false;
    size_t j = i;
    for (; j < page.lines.size(); ++j) {
      std::string text = j == i ? t.substr(brace) : page.lines[j];
      example.text += text + "\n";
      for (size_t k = 0; k < text.size(); ++k) {
        char c = text[k];
        if (in_string) {
          if (c == '\\')
            ++k;
          else if (c == '"')
            in_string = false;
        } else if (c == '"')
          in_string = true;
        else if (c == '{' || c == '[')
          ++depth;
        else if (c == '}' || c == ']')
          --depth;
      }
      if (depth <= 0) break;
    }
    page.examples.push_back(std::move(example));
    i = j;
  }
}

}  // namespace
}  // namespace conform::derive
