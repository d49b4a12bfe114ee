#pragma once
/// Nesting from flat tables: gives every row its JSON path and records each choice.
#include "derive/doc_table.hpp"

namespace conform::derive {

/// Sets `row.path` for every named row. Dotted names are explicit paths; in markdown tables a
/// container row (obj, array-obj) opens a level for the rows below it. Each placement that
/// could have gone another way is appended to `page.inferences`.
void infer_nesting(DocPage& page);

/// True for a row whose children the flat table lists below it.
bool is_container(const DocRow& row);

/// `parent` + `.` + `name` (no dot when parent is empty).
std::string join_path(const std::string& parent, const std::string& name);

}  // namespace conform::derive
