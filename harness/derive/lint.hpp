#pragma once
/// Doc lint: defects in vendor pages, found by generic rules (no list of known defects).
#include <string>
#include <vector>

#include "derive/doc_table.hpp"

namespace conform::derive {

/// One defect: where, which kind, and what.
struct Finding {
  std::string file;
  int line = 0;
  std::string category;  ///< e.g. unknown-type, invalid-example-json
  std::string message;
};

/// Lints each page, and pages of one vendor against each other. Never throws.
std::vector<Finding> lint_pages(const std::vector<DocPage>& pages);

/// `file:line: category: message`.
std::string format_finding(const Finding& finding);

}  // namespace conform::derive
