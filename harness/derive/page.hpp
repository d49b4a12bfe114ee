#pragma once
/// Reading a vendor page: shape detection and the four parsers.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "derive/doc_table.hpp"

namespace conform::derive {

/// The outcome of reading a page: a parsed page, or why it cannot be read (exit 2).
struct PageRead {
  std::optional<DocPage> page;
  std::string error;  ///< e.g. "unrecognised page shape: ..." when page is empty
};

/// Which shape a page has, or the reason it has none.
struct ShapeGuess {
  std::optional<PageShape> shape;
  std::string reason;  ///< what was looked for, when shape is empty
};

/// Looks for the marks of each shape. Never throws.
ShapeGuess detect_shape(const std::vector<std::string>& lines);

/// Parses a page's bytes: binary and empty files and unknown shapes give an error. Never throws.
PageRead read_page(const std::string& file_name, std::string_view bytes);

/// Parsers, one per shape; each fills sections, examples, headings and urls of `page`.
void parse_markdown(DocPage& page);
/// The scraped "Body Params" shape.
void parse_scraped(DocPage& page);
/// PDF text with `Parameter<TAB>Value` tables.
void parse_pdf_text(DocPage& page);
/// Zoho-style `name typeRequired|Optional` lists.
void parse_zoho(DocPage& page);

/// Helpers the parsers share.
/// True for a short title-like line: capitalized, few words, no final period.
bool is_heading_like(const std::string& line);
/// The kind of table a heading introduces.
SectionKind section_kind_of(const std::string& title);
/// Collects fenced ``` blocks as examples (an HTTP request line at the top is dropped).
void collect_fenced_examples(DocPage& page);
/// Collects the http(s) URLs of every line.
void collect_urls(DocPage& page);
/// The example kind implied by the text above line `line` (1-based).
SectionKind kind_above(const DocPage& page, int line);

}  // namespace conform::derive
