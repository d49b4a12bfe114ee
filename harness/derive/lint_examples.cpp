/// Lint rules that hold a page's examples against its own tables.
#include <algorithm>
#include <set>

#include "core/json_text.hpp"
#include "derive/lint_rules.hpp"
#include "derive/nesting.hpp"
#include "derive/text.hpp"

namespace conform::derive {
namespace {

using ojson = nlohmann::ordered_json;

std::string parent_path(const std::string& path) {
  size_t dot = path.rfind('.');
  return dot == std::string::npos ? "" : path.substr(0, dot);
}

struct ExampleContext {
  const DocPage& page;
  const DocExample& example;
  std::vector<const DocRow*> rows;  // the rows of the tables the example is held against
  int cursor = 0;                   // page line of the last key found
  std::vector<Finding>& out;
};

// The page line of the next `"key":` at or after the cursor.
int key_line(ExampleContext& ctx, const std::string& key) {
  std::string needle = "\"" + key + "\"";
  for (int l = std::max(ctx.cursor, ctx.example.line); l <= static_cast<int>(ctx.page.lines.size());
       ++l) {
    if (ctx.page.lines[static_cast<size_t>(l) - 1].find(needle) != std::string::npos)
      return ctx.cursor = l;
  }
  return ctx.cursor > 0 ? ctx.cursor : ctx.example.line;
}

const DocRow* row_at(const ExampleContext& ctx, const std::string& path) {
  for (const DocRow* row : ctx.rows)
    if (row->path == path) return row;
  return nullptr;
}

bool has_children(const ExampleContext& ctx, const std::string& prefix) {
  return std::any_of(ctx.rows.begin(), ctx.rows.end(),
                     [&](const DocRow* r) { return parent_path(r->path) == prefix; });
}

bool type_matches(const std::string& type, const ojson& v) {
  if (type == "string") return v.is_string();
  if (type == "integer") return v.is_number_integer();
  if (type == "number") return v.is_number();
  if (type == "boolean") return v.is_boolean();
  if (type == "object") return v.is_object();
  if (type == "array") return v.is_array();
  return true;
}

void add(ExampleContext& ctx, int line, const char* category, const std::string& message) {
  ctx.out.push_back({ctx.page.file, line, category, message});
}

void compare_object(ExampleContext& ctx, const ojson& object, const std::string& prefix);

void compare_value(ExampleContext& ctx, const DocRow& row, const ojson& value, int line) {
  bool comma = contains_ci(row.description, "comma") &&
               (contains_ci(row.description, "delimit") || contains_ci(row.description, "separat"));
  if (comma && value.is_array())
    add(ctx, line, "description-contradicts-example",
        "the description of '" + row.name + "' (" + locator(ctx.page, row.description_line) +
            ") asks for comma-delimited values in one string; the example sends an array");
  else if (!row.type.empty() && !type_matches(row.type, value))
    add(ctx, line, "example-type-mismatch",
        "the example gives '" + row.name + "' a " + value.type_name() + " value; the table says " +
            row.type);
  if (!row.enum_values.empty() && value.is_string() &&
      std::find(row.enum_values.begin(), row.enum_values.end(), value.get<std::string>()) ==
          row.enum_values.end())
    add(ctx, line, "example-enum-mismatch",
        "the example's '" + row.name + "' is not one of the table's values");
  if (row.required.value_or(false) && value.is_string() && value.get<std::string>().empty())
    add(ctx, line, "empty-required-value",
        "'" + row.name + "' is marked required, but the example leaves it empty");
  if (value.is_object() && has_children(ctx, row.path)) compare_object(ctx, value, row.path);
  if (value.is_array() && has_children(ctx, row.path + "[]"))
    for (const auto& element : value)
      if (element.is_object()) compare_object(ctx, element, row.path + "[]");
}

void compare_object(ExampleContext& ctx, const ojson& object, const std::string& prefix) {
  int first_line = ctx.cursor;
  for (auto it = object.begin(); it != object.end(); ++it) {
    int line = key_line(ctx, it.key());
    const DocRow* row = row_at(ctx, join_path(prefix, it.key()));
    if (row)
      compare_value(ctx, *row, it.value(), line);
    else
      add(ctx, line, "field-not-in-table",
          "the example sends '" + it.key() + "', which the parameter tables do not list");
  }
  for (const DocRow* row : ctx.rows) {
    if (parent_path(row->path) != prefix || !row->required.value_or(false) || row->name.empty())
      continue;
    if (!object.contains(row->name))
      add(ctx, std::max(first_line, ctx.example.line), "required-missing-in-example",
          "the example leaves out '" + row->name + "', which the table marks required (" +
              locator(ctx.page, row->line) + ")");
  }
}

struct Match {
  const ojson* object = nullptr;
  std::vector<const DocRow*> rows;
  size_t overlap = 0;
};

// The example object (at any depth) that shares the most names with one table's top level.
void best_match(const ojson& v, const std::vector<std::vector<const DocRow*>>& groups,
                Match& best) {
  if (v.is_object()) {
    for (const auto& group : groups) {
      size_t overlap = 0;
      for (const DocRow* r : group)
        if (r->path.find('.') == std::string::npos && !r->name.empty() && v.contains(r->name))
          ++overlap;
      if (overlap > best.overlap) best = {&v, group, overlap};
    }
  }
  if (v.is_structured())
    for (const auto& child : v) best_match(child, groups, best);
}

// One group of rows per table of the example's kind, with the tables nested under it.
std::vector<std::vector<const DocRow*>> row_groups(const DocPage& page, SectionKind kind) {
  std::vector<std::vector<const DocRow*>> groups;
  for (const auto& section : page.sections) {
    if (section.kind != kind && !(section.kind == SectionKind::kRequest && !section.parent.empty()))
      continue;
    if (section.parent.empty() || groups.empty()) groups.emplace_back();
    for (const auto& row : section.rows) groups.back().push_back(&row);
  }
  return groups;
}

std::optional<ojson> parse_example(const DocPage& page, const DocExample& example,
                                   std::vector<Finding>& out) {
  std::string t = trim(example.text);
  if (t.empty() || (t[0] != '{' && t[0] != '[' && t[0] != '"')) return std::nullopt;
  if (json_nesting_depth(example.text) > 64) {
    out.push_back(
        {page.file, example.line, "invalid-example-json", "the example nests too deeply to check"});
    return std::nullopt;
  }
  try {
    return ojson::parse(example.text);
  } catch (const ojson::parse_error& e) {
    size_t byte = std::min<size_t>(e.byte, example.text.size());
    int line = example.line +
               static_cast<int>(std::count(
                   example.text.begin(),
                   example.text.begin() + static_cast<long>(byte > 0 ? byte - 1 : 0), '\n'));
    std::string what = e.what();
    size_t colon = what.rfind(": ");
    out.push_back({page.file, line, "invalid-example-json",
                   "the example starting at line " + std::to_string(example.line) +
                       " is not valid JSON: " +
                       (colon == std::string::npos ? what : what.substr(colon + 2))});
  }
  return std::nullopt;
}

}  // namespace

void lint_examples(const DocPage& page, std::vector<Finding>& out) {
  for (const auto& example : page.examples) {
    auto parsed = parse_example(page, example, out);
    if (!parsed || example.kind == SectionKind::kOther) continue;
    Match best;
    best_match(*parsed, row_groups(page, example.kind), best);
    if (!best.object) continue;
    ExampleContext ctx{page, example, best.rows, example.line, out};
    compare_object(ctx, *best.object, "");
  }
}

}  // namespace conform::derive
