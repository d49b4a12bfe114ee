/// Lint rules over a page's structure: misspelled labels and cut-off sections.
#include <cctype>
#include <map>

#include "derive/lint_rules.hpp"
#include "derive/text.hpp"

namespace conform::derive {
namespace {

// How often each word (lower case) occurs on the page.
std::map<std::string, int> word_counts(const DocPage& page) {
  std::map<std::string, int> counts;
  for (const auto& line : page.lines)
    for (const auto& w : words_of(line)) counts[lower(w)]++;
  return counts;
}

// A capitalized word of a heading or label that occurs once, one letter away from a word the
// page uses several times ("Zato" among many "Zalo").
void lint_label_typos(const DocPage& page, std::vector<Finding>& out) {
  auto counts = word_counts(page);
  std::vector<DocHeading> labels = page.headings;
  for (const auto& example : page.examples)
    if (!example.label.empty()) labels.push_back({example.line - 1, example.label});
  for (const auto& label : labels) {
    for (const auto& word : words_of(label.text)) {
      if (word.size() < 4 || !std::isupper(static_cast<unsigned char>(word[0])) ||
          counts[lower(word)] != 1)
        continue;
      for (const auto& [other, n] : counts) {
        if (n < 2 || other.size() != word.size() || edit_distance(lower(word), other) != 1)
          continue;
        out.push_back({page.file, label.line, "label-typo",
                       "'" + word + "' occurs only here; the page uses '" + other + "' " +
                           std::to_string(n) + " times"});
      }
    }
  }
}

bool has_status_code(const std::string& line) {
  for (const auto& w : words_of(line)) {
    if (w.size() == 3 && std::isdigit(static_cast<unsigned char>(w[0])) && w[0] >= '1' &&
        w[0] <= '5' && std::isdigit(static_cast<unsigned char>(w[1])) &&
        std::isdigit(static_cast<unsigned char>(w[2])))
      return true;
  }
  return false;
}

// A heading that promises error codes followed by none, or a code fence left open.
void lint_truncation(const DocPage& page, std::vector<Finding>& out) {
  for (size_t h = 0; h < page.headings.size(); ++h) {
    const auto& heading = page.headings[h];
    auto words = words_of(lower(heading.text));
    bool promises = false;
    for (const auto& w : words)
      promises = promises || w == "error" || w == "errors" || w == "codes";
    if (!promises) continue;
    int end = h + 1 < page.headings.size() ? page.headings[h + 1].line
                                           : static_cast<int>(page.lines.size()) + 1;
    bool listed = false;
    for (int l = heading.line + 1; l < end; ++l)
      listed = listed || has_status_code(page.lines[static_cast<size_t>(l) - 1]);
    if (!listed)
      out.push_back({page.file, heading.line, "truncated-section",
                     "the section '" + heading.text + "' promises error codes but lists none" +
                         (h + 1 == page.headings.size() ? "; the page ends there, cut off" : "")});
  }
  int fences = 0, last = 0;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (trim(page.lines[i]).rfind("```", 0) == 0) ++fences, last = static_cast<int>(i) + 1;
  }
  if (fences % 2 == 1)
    out.push_back(
        {page.file, last, "truncated-section", "a code block opened here is never closed"});
}

}  // namespace

void lint_structure(const DocPage& page, std::vector<Finding>& out) {
  lint_label_typos(page, out);
  lint_truncation(page, out);
}

}  // namespace conform::derive
