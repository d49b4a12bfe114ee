#include "mock/schema_walk.hpp"

#include <algorithm>

#include "core/json_pointer.hpp"
#include "validate/schema_index.hpp"

namespace conform {
namespace {

using nlohmann::json;

constexpr int kMaxRefHops = 16;

const json* dereference(const json* node, const json& root) {
  for (int hop = 0; node && hop < kMaxRefHops; ++hop) {
    if (!node->is_object()) return nullptr;
    auto ref = node->find("$ref");
    if (ref == node->end() || !ref->is_string()) return node;
    node = resolve_local_ref(root, ref->get<std::string>());
  }
  return node && node->is_object() ? node : nullptr;
}

bool type_matches(const json& node, const json& value) {
  auto type = node.find("type");
  if (type == node.end()) return false;
  auto names = [&](const std::string& t) {
    if (t == "number") return value.is_number();
    if (t == "integer") return value.is_number_integer() || value.is_number_unsigned();
    return t == value.type_name();
  };
  if (type->is_string()) return names(type->get<std::string>());
  if (!type->is_array()) return false;
  return std::any_of(type->begin(), type->end(),
                     [&](const json& t) { return t.is_string() && names(t.get<std::string>()); });
}

/// The anyOf/oneOf branch whose type admits the value; else the first untyped one; else none.
const json* branch_for(const json& node, const json& value, const json& root) {
  const json* untyped = nullptr;
  for (const char* alternatives : {"anyOf", "oneOf"}) {
    auto list = node.find(alternatives);
    if (list == node.end() || !list->is_array()) continue;
    for (const auto& raw : *list) {
      const json* branch = dereference(&raw, root);
      if (!branch) continue;
      if (type_matches(*branch, value)) return branch;
      if (!untyped && !branch->contains("type")) untyped = branch;
    }
  }
  return untyped;
}

SchemaView view_of(const json* raw, const json& value, const json& root) {
  SchemaView view;
  view.node = dereference(raw, root);
  if (view.node) view.branch = branch_for(*view.node, value, root);
  return view;
}

bool listed(const json* required, std::string_view name) {
  if (!required || !required->is_array()) return false;
  return std::any_of(required->begin(), required->end(),
                     [&](const json& r) { return r.is_string() && r.get<std::string>() == name; });
}

/// What the walk carries along.
struct Walk {
  const json& root;
  const std::function<void(const SchemaSite&)>& visit;
  int max_depth;
};

void walk_value(const Walk& w, const json& value, const std::string& pointer,
                const SchemaView& view, int depth);

void walk_object(const Walk& w, const json& value, const std::string& pointer,
                 const SchemaView& view, int depth) {
  const json* properties = view.find("properties");
  if (properties && !properties->is_object()) properties = nullptr;
  const json* required = view.find("required");
  for (const auto& [name, child] : value.items()) {
    const json* raw = nullptr;
    if (properties) {
      auto it = properties->find(name);
      if (it != properties->end()) raw = &*it;
    }
    SchemaView child_view = view_of(raw, child, w.root);
    std::string child_pointer = append_pointer(pointer, name);
    w.visit({child, child_pointer, child_view, &view, name, true, listed(required, name)});
    walk_value(w, child, child_pointer, child_view, depth + 1);
  }
}

void walk_array(const Walk& w, const json& value, const std::string& pointer,
                const SchemaView& view, int depth) {
  const json* items = view.find("items");
  for (size_t i = 0; i < value.size(); ++i) {
    const json* raw = nullptr;
    if (items && items->is_object()) raw = items;
    if (items && items->is_array() && i < items->size()) raw = &(*items)[i];
    SchemaView item_view = view_of(raw, value[i], w.root);
    std::string item_pointer = pointer + "/" + std::to_string(i);
    w.visit({value[i], item_pointer, item_view, &view, "", false, false});
    walk_value(w, value[i], item_pointer, item_view, depth + 1);
  }
}

void walk_value(const Walk& w, const json& value, const std::string& pointer,
                const SchemaView& view, int depth) {
  if (depth >= w.max_depth) return;
  if (value.is_object()) walk_object(w, value, pointer, view, depth);
  if (value.is_array()) walk_array(w, value, pointer, view, depth);
}

}  // namespace

const json* SchemaView::find(const char* keyword) const {
  for (const json* n : {branch, node}) {
    if (!n) continue;
    auto it = n->find(keyword);
    if (it != n->end()) return &*it;
  }
  return nullptr;
}

std::string SchemaView::format() const {
  const json* f = find("format");
  return f && f->is_string() ? f->get<std::string>() : std::string();
}

bool SchemaView::has_type(const char* type_name) const {
  const json* type = find("type");
  if (!type) return false;
  if (type->is_string()) return *type == type_name;
  return type->is_array() && std::find(type->begin(), type->end(), type_name) != type->end();
}

void walk_with_schema(const json& schema, const json& body,
                      const std::function<void(const SchemaSite&)>& visit, int max_depth) {
  Walk w{schema, visit, max_depth};
  SchemaView root = view_of(&schema, body, schema);
  const std::string pointer;
  visit({body, pointer, root, nullptr, "", false, false});
  walk_value(w, body, pointer, root, 0);
}

void erase_member(json& body, const std::string& pointer) {
  size_t slash = pointer.rfind('/');
  if (slash == std::string::npos) return;
  json& parent = body.at(json::json_pointer(pointer.substr(0, slash)));
  if (parent.is_object()) parent.erase(split_pointer(pointer).back());
}

}  // namespace conform
