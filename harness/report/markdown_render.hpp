#pragma once
/// Markdown for pull-request comments and CI step summaries: a status table per API, then the
/// failures with check, requirement, locator, pointer, expected vs actual and a curl to rerun.
#include <string>

#include <nlohmann/json.hpp>

namespace conform {

/// At most this many failing cases are written out in full; the rest are counted.
inline constexpr size_t kMarkdownFailureLimit = 40;

/// The Markdown summary of a JSON report.
std::string render_markdown(const nlohmann::json& report);

/// Text made safe for a Markdown table cell: `|`, `<`, `>`, `&`, backticks escaped, newlines <br>.
std::string markdown_cell(const std::string& text);

}  // namespace conform
