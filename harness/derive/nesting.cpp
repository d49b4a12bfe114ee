#include "derive/nesting.hpp"

#include "derive/text.hpp"

namespace conform::derive {
namespace {

struct OpenLevel {
  std::string prefix;      // path that children get, e.g. `email[]`
  std::string run_prefix;  // first name part shared by the children so far
  int children = 0;
  bool closable = true;  // a table's first container stays open to the end
};

std::string first_part(const std::string& name) {
  auto parts = name_parts(name);
  return parts.empty() ? "" : parts.front();
}

// Pops levels whose run of children this row breaks.
void close_levels(std::vector<OpenLevel>& stack, const DocRow& row, DocPage& page) {
  while (!stack.empty() && stack.back().closable && stack.back().children > 0 &&
         first_part(row.name) != stack.back().run_prefix) {
    page.inferences.push_back(
        {row.line, "'" + row.name + "' closes " + stack.back().prefix + ": its name breaks the '" +
                       stack.back().run_prefix +
                       "' run of the rows above; it could also belong inside"});
    stack.pop_back();
  }
}

void place_flat_row(std::vector<OpenLevel>& stack, DocRow& row, size_t index,
                    const std::string& base, DocPage& page) {
  close_levels(stack, row, page);
  std::string parent = stack.empty() ? base : stack.back().prefix;
  row.path = join_path(parent, row.name);
  if (!stack.empty()) {
    OpenLevel& top = stack.back();
    if (top.children++ == 0) top.run_prefix = first_part(row.name);
    page.inferences.push_back({row.line, "'" + row.name + "' placed inside " + top.prefix +
                                             ": the table is flat; it could also be a sibling"});
  }
  if (is_container(row)) {
    bool root = stack.empty() && index == 0;
    stack.push_back({row.path + (row.type == "array" ? "[]" : ""), "", 0, !root});
  }
}

// `a.b.c` with `[]` after each segment that an earlier row declares an array.
std::string dotted_path(const std::vector<DocRow>& rows, const std::string& base,
                        const std::string& name) {
  std::string path = base, so_far;
  for (const auto& segment : split_trim(name, '.')) {
    so_far = join_path(so_far, segment);
    path = join_path(path, segment);
    for (const auto& row : rows) {
      if (row.name == so_far && row.type == "array") path += "[]";
    }
  }
  return path;
}

}  // namespace

bool is_container(const DocRow& row) {
  return row.type == "object" || (row.type == "array" && row.item_type == "object");
}

std::string join_path(const std::string& parent, const std::string& name) {
  if (parent.empty()) return name;
  if (name.empty()) return parent;
  return parent + "." + name;
}

void infer_nesting(DocPage& page) {
  for (auto& section : page.sections) {
    std::vector<OpenLevel> stack;
    for (size_t i = 0; i < section.rows.size(); ++i) {
      DocRow& row = section.rows[i];
      if (row.name.empty()) continue;
      if (row.name.find('.') != std::string::npos) {
        row.path = dotted_path(section.rows, section.parent, row.name);
      } else if (page.shape == PageShape::kMarkdown) {
        place_flat_row(stack, row, i, section.parent, page);
      } else {
        row.path = join_path(section.parent, row.name);
      }
    }
  }
}

}  // namespace conform::derive
