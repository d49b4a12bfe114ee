#pragma once
/// The normalized doc table: what a vendor page states about each parameter, with line locators.
/// Descriptions are kept in memory for prose rules and lint, never written out.
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform::derive {

/// The four page shapes conform can read.
enum class PageShape { kMarkdown, kScraped, kPdfText, kZoho };

/// The name of a shape, as printed and written to doctable.json.
const char* shape_name(PageShape shape);

/// One parameter as the page states it.
struct DocRow {
  std::string name;                      ///< as written, unescaped, marker removed; "" when lost
  std::string path;                      ///< JSON path after nesting, e.g. `email[].to`
  std::string type_raw;                  ///< the type as written ("" when the page gives none)
  std::string type;                      ///< JSON type: string, integer, ... ("" when unknown)
  std::string item_type;                 ///< element type of an array ("" when not stated)
  std::string format;                    ///< e.g. date-time
  std::optional<bool> required;          ///< nullopt when the page does not say
  std::vector<std::string> enum_values;  ///< from the type column or the prose
  std::optional<nlohmann::json> default_value;
  int line = 0;              ///< the name's line (the type's line when the name is lost)
  int type_line = 0;         ///< the line that states the type
  int description_line = 0;  ///< first line of the description (0 when none)
  int description_end = 0;   ///< last line of the description
  std::string description;   ///< in memory only
  bool enum_marked = false;  ///< the page calls it an enum (values may be missing)
  int enum_list_line = 0;    ///< line of an "Allowed:" list, when the page has one
  bool literal = false;      ///< the value column holds a literal: a required constant
  std::string value_kind;    ///< "phone" or "url" read from the description ("" when none)
};

/// What a table is about.
enum class SectionKind { kRequest, kResponse, kPath, kQuery, kOther };

/// One parameter table (or list) of a page.
struct DocSection {
  std::string title;  ///< heading text, in memory only
  int line = 0;       ///< the heading's (or header row's) line
  SectionKind kind = SectionKind::kOther;
  std::string parent;  ///< path the rows nest under, when the table continues a field
  bool has_type_column = true;
  bool has_required_markers = false;
  std::vector<DocRow> rows;
};

/// A code or JSON block on the page.
struct DocExample {
  int line = 0;       ///< first line of the JSON text
  std::string label;  ///< fence label or preceding caption, in memory only
  SectionKind kind = SectionKind::kOther;
  std::string text;  ///< the JSON text (an HTTP request line is removed)
};

/// A heading-like line of a page.
struct DocHeading {
  int line = 0;
  std::string text;
};

/// A decision that could have gone another way, for doctable.json and lint.
struct Inference {
  int line = 0;
  std::string what;
};

/// A whole page, parsed.
struct DocPage {
  std::string file;  ///< base name of the page, used in locators
  PageShape shape = PageShape::kMarkdown;
  std::vector<std::string> lines;
  std::vector<DocSection> sections;
  std::vector<DocExample> examples;
  std::vector<DocHeading> headings;
  std::vector<Inference> inferences;
  std::vector<std::string> urls;  ///< URLs on the page, for grouping pages by vendor
};

/// The doc table as written to `schemas/<api>/doctable.json` (no doc sentences).
nlohmann::ordered_json doc_table_json(const DocPage& page);

/// "request", "response", "path", "query" or "other".
const char* section_kind_name(SectionKind kind);

/// `<file>:<line>`.
std::string locator(const DocPage& page, int line);

}  // namespace conform::derive
