#include "derive/lint.hpp"

#include <algorithm>
#include <map>
#include <set>

#include "derive/lint_rules.hpp"
#include "derive/nesting.hpp"
#include "derive/text.hpp"

namespace conform::derive {
namespace {

// The vendor of a page: the most common registrable domain among its URLs ("" when none).
std::string vendor_of(const DocPage& page) {
  std::map<std::string, int> counts;
  for (const auto& url : page.urls) {
    size_t start = url.find("://");
    if (start == std::string::npos) continue;
    std::string host = url.substr(start + 3, url.find_first_of("/:?", start + 3) - start - 3);
    auto labels = split_trim(host, '.');
    if (labels.size() < 2 || host.find("localhost") != std::string::npos) continue;
    counts[labels[labels.size() - 2] + "." + labels.back()]++;
  }
  std::string best;
  int n = 0;
  for (const auto& [domain, count] : counts) {
    if (count > n) best = domain, n = count;
  }
  return best;
}

// One vendor spelling the same field two ways across its pages (fileName / file_name).
void lint_vendor_spelling(const std::vector<DocPage>& pages, std::vector<Finding>& out) {
  for (size_t a = 0; a < pages.size(); ++a) {
    std::string vendor = vendor_of(pages[a]);
    if (vendor.empty()) continue;
    for (size_t b = a + 1; b < pages.size(); ++b) {
      if (vendor_of(pages[b]) != vendor) continue;
      for (const auto& sa : pages[a].sections)
        for (const auto& ra : sa.rows)
          for (const auto& sb : pages[b].sections)
            for (const auto& rb : sb.rows) {
              if (ra.name.empty() || ra.name == rb.name ||
                  folded_name(ra.name) != folded_name(rb.name))
                continue;
              out.push_back({pages[a].file, ra.line, "inconsistent-spelling",
                             "'" + ra.name + "' is spelled '" + rb.name +
                                 "' by the same vendor at " + locator(pages[b], rb.line)});
            }
    }
  }
}

}  // namespace

std::vector<Finding> lint_pages(const std::vector<DocPage>& input) {
  std::vector<DocPage> pages = input;
  for (auto& page : pages) infer_nesting(page);
  std::vector<Finding> out;
  for (const auto& page : pages) {
    lint_table_rows(page, out);
    lint_descriptions(page, out);
    lint_examples(page, out);
    lint_structure(page, out);
  }
  lint_vendor_spelling(pages, out);
  std::stable_sort(out.begin(), out.end(), [](const Finding& x, const Finding& y) {
    return x.file != y.file ? x.file < y.file : x.line < y.line;
  });
  out.erase(std::unique(out.begin(), out.end(),
                        [](const Finding& x, const Finding& y) {
                          return x.file == y.file && x.line == y.line && x.category == y.category &&
                                 x.message == y.message;
                        }),
            out.end());
  return out;
}

std::string format_finding(const Finding& f) {
  return f.file + ":" + std::to_string(f.line) + ": " + f.category + ": " + f.message;
}

}  // namespace conform::derive
