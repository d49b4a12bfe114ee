/// readme.io markdown: front matter, `#` headings, pipe tables with `*` required markers.
#include "derive/page.hpp"
#include "derive/text.hpp"
#include "derive/vocabulary.hpp"

namespace conform::derive {
namespace {

// Cells of a pipe row; `\|` stays inside a cell. Outer empty cells are dropped.
std::vector<std::string> pipe_cells(const std::string& line) {
  std::vector<std::string> cells;
  std::string current;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '\\' && i + 1 < line.size()) {
      current += line[i];
      current += line[++i];
    } else if (line[i] == '|') {
      cells.push_back(trim(current));
      current.clear();
    } else {
      current += line[i];
    }
  }
  cells.push_back(trim(current));
  if (!cells.empty() && cells.front().empty()) cells.erase(cells.begin());
  if (!cells.empty() && cells.back().empty()) cells.pop_back();
  return cells;
}

struct Columns {
  int name = -1, type = -1, description = -1;
};

Columns columns_of(const std::vector<std::string>& header) {
  Columns c;
  for (size_t i = 0; i < header.size(); ++i) {
    std::string h = lower(unescape_markdown(header[i]));
    if (c.name < 0 && (h == "parameter" || h == "name" || h == "field" || h == "parameter name" ||
                       h == "attribute" || h == "key"))
      c.name = static_cast<int>(i);
    else if (c.type < 0 && (h == "datatype" || h == "type" || h == "data type"))
      c.type = static_cast<int>(i);
    else if (c.description < 0 && h.find("description") != std::string::npos)
      c.description = static_cast<int>(i);
  }
  return c;
}

std::string cell(const std::vector<std::string>& cells, int index) {
  if (index < 0 || static_cast<size_t>(index) >= cells.size()) return "";
  return unescape_markdown(cells[static_cast<size_t>(index)]);
}

DocRow row_of(const std::vector<std::string>& cells, const Columns& c, int line, DocPage& page) {
  DocRow row;
  row.line = row.type_line = line;
  row.name = trim(cell(cells, c.name));
  while (!row.name.empty() && row.name.back() == '*') {
    row.name = trim(row.name.substr(0, row.name.size() - 1));
    row.required = true;
  }
  apply_type(row, cell(cells, c.type), page);
  row.description = cell(cells, c.description);
  if (!row.description.empty()) row.description_line = row.description_end = line;
  return row;
}

// Parses the table whose header is at index `at`; returns the index after its last row.
size_t parse_table(DocPage& page, size_t at, const DocHeading& heading) {
  Columns c = columns_of(pipe_cells(page.lines[at]));
  size_t i = at + 2;
  DocSection section;
  section.title = heading.text;
  section.line = heading.line;
  section.kind = section_kind_of(heading.text);
  section.has_type_column = c.type >= 0;
  for (; i < page.lines.size(); ++i) {
    std::string t = trim(page.lines[i]);
    if (t.empty() || t.front() != '|') break;
    if (c.name < 0) continue;
    DocRow row = row_of(pipe_cells(t), c, static_cast<int>(i) + 1, page);
    section.has_required_markers = section.has_required_markers || row.required.value_or(false);
    section.rows.push_back(std::move(row));
  }
  if (c.name < 0) return i;
  for (auto& row : section.rows) {
    if (section.has_required_markers && !row.required) row.required = false;
    apply_prose(row, page);
  }
  page.sections.push_back(std::move(section));
  return i;
}

size_t skip_front_matter(const DocPage& page) {
  if (page.lines.empty() || trim(page.lines[0]) != "---") return 0;
  for (size_t i = 1; i < page.lines.size(); ++i) {
    if (trim(page.lines[i]) == "---") return i + 1;
  }
  return 0;
}

}  // namespace

void parse_markdown(DocPage& page) {
  DocHeading heading;
  bool in_fence = false;
  for (size_t i = skip_front_matter(page); i < page.lines.size(); ++i) {
    std::string t = trim(page.lines[i]);
    if (t.rfind("```", 0) == 0) in_fence = !in_fence;
    if (in_fence || t.empty()) continue;
    if (t[0] == '#') {
      size_t title = t.find_first_not_of('#');  // npos for a line of only '#'
      heading = {static_cast<int>(i) + 1, title == std::string::npos ? "" : trim(t.substr(title))};
      page.headings.push_back(heading);
    } else if (t[0] == '|' && i + 1 < page.lines.size() &&
               trim(page.lines[i + 1]).find_first_not_of("|-: ") == std::string::npos &&
               trim(page.lines[i + 1]).find('-') != std::string::npos) {
      i = parse_table(page, i, heading) - 1;
    }
  }
  collect_fenced_examples(page);
}

}  // namespace conform::derive
