/// A scraped "Body Params" page: per field an optional name line, a type line, markers
/// (`required`, `enum`, `Defaults to X`, `Allowed:`) and description paragraphs.
#include "derive/page.hpp"
#include "derive/text.hpp"
#include "derive/vocabulary.hpp"

namespace conform::derive {
namespace {

// A type line; `enum` is a marker under one, not a type of its own.
bool is_type_line(const std::string& t) {
  return lower(t) != "enum" && (type_meaning(t).known || lower(t).rfind("array of ", 0) == 0);
}

bool is_marker(const std::string& t) {
  std::string low = lower(t);
  return low == "required" || low == "optional" || low == "enum" ||
         low.rfind("defaults to ", 0) == 0 || low == "allowed:";
}

bool is_params_heading(const std::string& t) {
  return t.size() > 7 && t.compare(t.size() - 7, 7, " Params") == 0 && is_heading_like(t);
}

bool is_name_line(const std::vector<std::string>& lines, size_t i) {
  std::string t = trim(lines[i]);
  if (!is_identifier(t) || is_type_line(t) || is_marker(t) || i + 1 >= lines.size()) return false;
  std::string next = trim(lines[i + 1]);
  return is_type_line(next) || (is_identifier(next) && !is_marker(next));
}

struct ScrapeState {
  DocSection section;
  std::string facts;  // marker text folded into the description for prose rules
  std::string pending_name;
  int pending_line = 0;
  bool in_markers = false;  // between a type line and the first blank line
};

void finish_row(ScrapeState& s, DocPage& page) {
  if (s.section.rows.empty()) return;
  DocRow& row = s.section.rows.back();
  std::string description = row.description;
  row.description = trim(s.facts + " " + description);
  apply_prose(row, page);
  row.description = description.empty() ? row.description : description;
  s.facts.clear();
}

void start_row(ScrapeState& s, DocPage& page, const std::string& type, int line) {
  finish_row(s, page);
  DocRow row;
  row.type_line = line;
  row.name = s.pending_name;
  row.line = s.pending_name.empty() ? line : s.pending_line;
  apply_type(row, type, page);
  s.section.rows.push_back(std::move(row));
  s.pending_name.clear();
  s.in_markers = true;
}

void take_marker(ScrapeState& s, const std::string& t, int line) {
  DocRow& row = s.section.rows.back();
  std::string low = lower(t);
  if (low == "required")
    row.required = true, s.section.has_required_markers = true;
  else if (low == "optional")
    row.required = false;
  else if (low == "enum")
    row.enum_marked = true;
  else if (low == "allowed:")
    row.enum_list_line = line, s.in_markers = true;
  else
    s.facts += t + ". ";
}

void take_line(ScrapeState& s, DocPage& page, size_t i) {
  std::string t = trim(page.lines[i]);
  int line = static_cast<int>(i) + 1;
  bool has_row = !s.section.rows.empty();
  if (has_row && s.section.rows.back().enum_list_line > 0 && s.in_markers && !is_type_line(t)) {
    s.section.rows.back().enum_values.push_back(t);
  } else if (is_name_line(page.lines, i)) {
    if (has_row && t == s.section.rows.back().name) {
      page.inferences.push_back(
          {line,
           "'" + t +
               "' read as the trailing label of the field above, not the name of the next one"});
    } else {
      s.pending_name = t, s.pending_line = line;
    }
  } else if (is_type_line(t)) {
    start_row(s, page, t, line);
  } else if (has_row && is_marker(t)) {
    take_marker(s, t, line);
  } else if (has_row) {
    DocRow& row = s.section.rows.back();
    if (row.description_line == 0) row.description_line = line;
    row.description_end = line;
    row.description += (row.description.empty() ? "" : " ") + t;
  }
}

void close_section(ScrapeState& s, DocPage& page) {
  finish_row(s, page);
  if (s.section.has_required_markers)
    for (auto& row : s.section.rows) row.required = row.required.value_or(false);
  if (!s.section.rows.empty()) page.sections.push_back(std::move(s.section));
  s = ScrapeState{};
}

}  // namespace

void parse_scraped(DocPage& page) {
  ScrapeState s;
  bool active = false;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    std::string t = trim(page.lines[i]);
    int line = static_cast<int>(i) + 1;
    if (is_heading_like(t)) page.headings.push_back({line, t});
    if (is_params_heading(t) || t == "Responses") {
      bool sub_heading = active && s.section.rows.empty() && t != "Responses";
      if (active && !sub_heading) close_section(s, page);
      active = t != "Responses";
      if (!sub_heading)
        s.section.kind = section_kind_of(t.substr(0, t.find(' ')) == "Body" ? "body" : t);
      s.section.title = t, s.section.line = line;
      continue;
    }
    if (!active) continue;
    if (t.empty()) {
      s.in_markers = false;
      continue;
    }
    take_line(s, page, i);
  }
  if (active) close_section(s, page);
}

}  // namespace conform::derive
