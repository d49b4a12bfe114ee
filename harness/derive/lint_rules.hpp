#pragma once
/// The doc lint's rules, one family per function; each appends findings for one page.
#include <vector>

#include "derive/doc_table.hpp"
#include "derive/lint.hpp"

namespace conform::derive {

/// Unknown or misspelled types, rows without a name, enums without values.
void lint_table_rows(const DocPage& page, std::vector<Finding>& out);

/// Descriptions that name a field by another spelling, or describe a different field.
void lint_descriptions(const DocPage& page, std::vector<Finding>& out);

/// Examples: not valid JSON; fields absent from the tables (and required ones absent from the
/// example); values of the wrong type; required values left empty; comma-delimited prose
/// against an array.
void lint_examples(const DocPage& page, std::vector<Finding>& out);

/// Labels misspelling a word used elsewhere on the page; sections cut off.
void lint_structure(const DocPage& page, std::vector<Finding>& out);

}  // namespace conform::derive
