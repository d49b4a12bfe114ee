#include "derive/page.hpp"

#include <cctype>
#include <filesystem>

#include "derive/text.hpp"
#include "derive/vocabulary.hpp"

namespace conform::derive {
namespace {

bool is_separator_row(const std::string& line) {
  std::string t = trim(line);
  if (t.size() < 3 || t.find('-') == std::string::npos) return false;
  return t.find_first_not_of("|-: ") == std::string::npos;
}

size_t count_markdown_tables(const std::vector<std::string>& lines) {
  size_t n = 0;
  for (size_t i = 0; i + 1 < lines.size(); ++i) {
    std::string t = trim(lines[i]);
    if (!t.empty() && t.front() == '|' && is_separator_row(lines[i + 1])) ++n;
  }
  return n;
}

bool is_zoho_row(const std::string& line) {
  std::string t = trim(line);
  for (const char* marker : {"Required", "Optional"}) {
    std::string m = marker;
    if (t.size() <= m.size() || t.compare(t.size() - m.size(), m.size(), m) != 0) continue;
    std::string head = t.substr(0, t.size() - m.size());
    size_t space = head.rfind(' ');
    if (space == std::string::npos || space == 0 || space + 1 == head.size()) return false;
    return is_identifier(head.substr(0, space)) && is_identifier(head.substr(space + 1));
  }
  return false;
}

}  // namespace

bool is_heading_like(const std::string& line) {
  std::string t = trim(line);
  if (t.empty() || !std::isupper(static_cast<unsigned char>(t[0]))) return false;
  if (t.find_first_of("{}\"\t|:;,.") != std::string::npos) return false;
  return words_of(t).size() <= 5;
}

SectionKind section_kind_of(const std::string& title) {
  std::string low = lower(title);
  if (low.find("path param") != std::string::npos) return SectionKind::kPath;
  if (low.find("query") != std::string::npos) return SectionKind::kQuery;
  if (low.find("response") != std::string::npos) return SectionKind::kResponse;
  if (low.find("body") != std::string::npos || low.find("request") != std::string::npos ||
      low.find("param") != std::string::npos)
    return SectionKind::kRequest;
  return SectionKind::kOther;
}

ShapeGuess detect_shape(const std::vector<std::string>& lines) {
  bool any_text = false;
  for (const auto& l : lines) any_text = any_text || !trim(l).empty();
  if (!any_text) return {std::nullopt, "the file is empty"};
  size_t tables = count_markdown_tables(lines), tabbed = 0, zoho = 0, scraped = 0;
  for (const auto& l : lines) {
    std::string t = trim(l);
    auto cells = split_trim(t, '\t');
    if (cells.size() == 2 && lower(cells[0]) == "parameter") ++tabbed;
    if (is_zoho_row(l)) ++zoho;
    if (t == "Body Params" || t == "Query Params" || t == "Path Params") ++scraped;
  }
  if (tables > 0) return {PageShape::kMarkdown, ""};
  if (tabbed > 0) return {PageShape::kPdfText, ""};
  if (zoho > 0) return {PageShape::kZoho, ""};
  if (scraped > 0) return {PageShape::kScraped, ""};
  return {std::nullopt,
          "no markdown pipe table (a '|' header row followed by a '|---|' row), no "
          "'Parameter<TAB>Value' header, no 'name typeRequired|Optional' line and no 'Body Params' "
          "block"};
}

PageRead read_page(const std::string& file_name, std::string_view bytes) {
  std::string base = std::filesystem::path(file_name).filename().string();
  if (auto why = binary_reason(bytes); !why.empty()) return {std::nullopt, base + ": " + why};
  DocPage page;
  page.file = base;
  page.lines = split_lines(bytes);
  ShapeGuess guess = detect_shape(page.lines);
  if (!guess.shape) return {std::nullopt, base + ": unrecognised page shape: " + guess.reason};
  page.shape = *guess.shape;
  collect_urls(page);
  switch (page.shape) {
    case PageShape::kMarkdown:
      parse_markdown(page);
      break;
    case PageShape::kScraped:
      parse_scraped(page);
      break;
    case PageShape::kPdfText:
      parse_pdf_text(page);
      break;
    case PageShape::kZoho:
      parse_zoho(page);
      break;
  }
  return {std::move(page), ""};
}

void collect_urls(DocPage& page) {
  for (const auto& line : page.lines) {
    for (size_t at = 0; (at = line.find("http", at)) != std::string::npos; ++at) {
      if (line.compare(at, 7, "http://") != 0 && line.compare(at, 8, "https://") != 0) continue;
      size_t end = line.find_first_of(" )]\"'<>`", at);
      page.urls.push_back(line.substr(at, end == std::string::npos ? std::string::npos : end - at));
    }
  }
}

SectionKind kind_above(const DocPage& page, int line) {
  for (int i = line - 1; i >= 1 && i > line - 12; --i) {
    std::string t = lower(trim(page.lines[i - 1]));
    if (t.empty() || t.rfind("```", 0) == 0) continue;
    if (t.find("request") != std::string::npos) return SectionKind::kRequest;
    if (t.find("response") != std::string::npos) return SectionKind::kResponse;
    if (t == "or") continue;
    if (t.front() == '#' || is_heading_like(page.lines[i - 1])) return SectionKind::kOther;
  }
  return SectionKind::kOther;
}

}  // namespace conform::derive

namespace conform::derive {
namespace {

struct JsonPart {
  int line = 0;
  std::string text;
  bool after_request_line = false;
};

// Drops an HTTP request line ("POST api/...") at the top of an example.
JsonPart json_part(const std::vector<std::string>& body, int first_line) {
  JsonPart part;
  size_t start = 0;
  while (start < body.size() && trim(body[start]).empty()) ++start;
  if (start < body.size()) {
    auto words = words_of(body[start]);
    static const char* kMethods[] = {"GET", "POST", "PUT", "PATCH", "DELETE"};
    for (const char* m : kMethods) {
      if (!words.empty() && words[0] == m && trim(body[start]).rfind(m, 0) == 0) {
        ++start;
        part.after_request_line = true;
        break;
      }
    }
  }
  while (start < body.size() && trim(body[start]).empty()) ++start;
  for (size_t i = start; i < body.size(); ++i) part.text += body[i] + "\n";
  part.line = first_line + static_cast<int>(start);
  return part;
}

}  // namespace

void collect_fenced_examples(DocPage& page) {
  SectionKind kind = SectionKind::kOther;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    std::string t = trim(page.lines[i]);
    if (t.rfind("```", 0) != 0) {
      bool heading = (!t.empty() && t[0] == '#') || is_heading_like(t);
      if (heading)
        kind = section_kind_of(t) == SectionKind::kResponse ? SectionKind::kResponse
               : contains_ci(t, "request")                  ? SectionKind::kRequest
                                                            : SectionKind::kOther;
      continue;
    }
    DocExample example;
    example.label = trim(t.substr(3));
    std::vector<std::string> body;
    size_t j = i + 1;
    while (j < page.lines.size() && trim(page.lines[j]).rfind("```", 0) != 0)
      body.push_back(page.lines[j++]);
    JsonPart part = json_part(body, static_cast<int>(i) + 2);
    example.kind = part.after_request_line ? SectionKind::kRequest : kind;
    example.line = part.line;
    example.text = part.text;
    if (!trim(part.text).empty()) page.examples.push_back(example);
    i = j;
  }
}

}  // namespace conform::derive
