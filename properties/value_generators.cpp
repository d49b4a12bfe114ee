#include "properties/value_generators.hpp"

#include <algorithm>

#include "validate/schema_index.hpp"

namespace conform {
namespace {

using nlohmann::json;
constexpr int kMaxDepth = 24;

int current_size() {
  return *rc::gen::withSize([](int size) { return rc::gen::just(size); });
}

size_t count_between(size_t low, size_t high) {
  size_t cap = std::min(high, low + 1 + static_cast<size_t>(current_size()) / 25);
  return *rc::gen::inRange(low, cap + 1);
}

std::string word(size_t min_length, size_t max_length) {
  size_t length = count_between(std::max<size_t>(min_length, 1), std::max<size_t>(max_length, 1));
  return *rc::gen::container<std::string>(length,
                                          rc::gen::inRange('a', static_cast<char>('z' + 1)));
}

/// Distinct within one value (the serial), so no recipient repeats and reply-to differs from to.
std::string email_address(const GenContext& ctx) {
  return word(1, 8) + std::to_string(++ctx.serial) + "@example.com";
}

/// A time years ahead, so a server that refuses to schedule in the past accepts it.
std::string date_time() {
  int day = *rc::gen::inRange(1, 29);
  int hour = *rc::gen::inRange(0, 24);
  char text[32];
  std::snprintf(text, sizeof text, "2031-05-%02dT%02d:00:00+05:30", day, hour);
  return text;
}

/// Shaped like the pages' own numbers (`919988221100`).
std::string phone_number(const GenContext& ctx) {
  char serial[8];
  std::snprintf(serial, sizeof serial, "%02zu", ++ctx.serial % 100);
  return "9199" +
         *rc::gen::container<std::string>(6, rc::gen::inRange('0', static_cast<char>('9' + 1))) +
         serial;
}

json generate_string(const json& node, const GenContext& ctx) {
  std::string format = node.value("format", "");
  if (format == "email") return email_address(ctx);
  if (format == "date-time") return date_time();
  if (format == "phone") return phone_number(ctx);
  if (format == "url") return "https://files.example.com/" + word(1, 8) + ".pdf";
  if (format == "mime-type") return *rc::gen::element<std::string>("text/plain", "text/html");
  if (format == "base64")
    return *rc::gen::element<std::string>("aGVsbG8=", "Y29uZm9ybQ==", "UERGLTEuNAo=");
  size_t min_length = node.value("minLength", 1);
  size_t max_length = node.value("maxLength", 12);
  return word(min_length, std::max(min_length, max_length));
}

json generate_object(const json& node, const GenContext& ctx, int depth) {
  json out = json::object();
  std::vector<std::string> required = node.value("required", std::vector<std::string>{});
  if (!node.contains("properties")) return out;
  for (const auto& [name, sub] : node["properties"].items()) {
    bool is_required = std::find(required.begin(), required.end(), name) != required.end();
    const json& member = dereference(sub, *ctx.root);
    if (!is_required && !ctx.ignore_omit && accept_only(member, "omit")) continue;
    bool include = is_required || ctx.all_optional || accept_only(member, "include");
    if (include || *rc::gen::arbitrary<bool>()) out[name] = generate_node(sub, ctx, depth + 1);
  }
  return out;
}

json generate_array(const json& node, const GenContext& ctx, int depth) {
  size_t min_items =
      std::max<size_t>(node.value("minItems", 0), 1);  // the core sends non-empty lists
  size_t max_items = node.value("maxItems", 4);
  size_t count = count_between(min_items, std::max(min_items, max_items));
  json out = json::array();
  const json items =
      node.contains("items") && node["items"].is_object() ? node["items"] : json::object();
  for (size_t i = 0; i < count; ++i) out.push_back(generate_node(items, ctx, depth + 1));
  return out;
}

std::string pick_type(const json& node) {
  if (!node.contains("type")) return node.contains("properties") ? "object" : "string";
  if (node["type"].is_string()) return node["type"];
  std::vector<std::string> types;
  for (const auto& t : node["type"]) {
    if (t != "null") types.push_back(t);
  }
  return types.empty() ? "null" : *rc::gen::elementOf(types);
}

json generate_typed(const json& node, const std::string& type, const GenContext& ctx, int depth) {
  if (type == "object") return generate_object(node, ctx, depth);
  if (type == "array") return generate_array(node, ctx, depth);
  if (type == "integer") return *rc::gen::inRange(0, 100);
  if (type == "number") return *rc::gen::inRange(0, 100) / 4.0;
  if (type == "boolean") return *rc::gen::arbitrary<bool>();
  if (type == "null") return nullptr;
  return generate_string(node, ctx);
}

}  // namespace

const json* resolve_ref(const json& root, const std::string& ref) {
  return resolve_local_ref(root, ref);
}

const json& dereference(const json& node, const json& root) {
  if (node.is_object() && node.contains("$ref") && node["$ref"].is_string()) {
    if (const json* target = resolve_ref(root, node["$ref"])) return *target;
  }
  return node;
}

json generate_node(const json& raw, const GenContext& ctx, int depth) {
  const json& node = dereference(raw, *ctx.root);
  if (!node.is_object() || depth > kMaxDepth) return "x";
  if (node.contains("const")) return node["const"];
  if (node.contains("enum") && node["enum"].is_array() && !node["enum"].empty()) {
    return *rc::gen::elementOf(node["enum"].get<std::vector<json>>());
  }
  for (const char* alternatives : {"anyOf", "oneOf"}) {
    if (node.contains(alternatives) && node[alternatives].is_array() &&
        !node[alternatives].empty()) {
      std::vector<const json*> branches;
      for (const auto& b : node[alternatives]) {
        if (!accept_only(dereference(b, *ctx.root), "omit")) branches.push_back(&b);
      }
      if (branches.empty()) branches.push_back(&node[alternatives][0]);
      size_t branch = *rc::gen::inRange<size_t>(0, branches.size());
      return generate_node(*branches[branch], ctx, depth + 1);
    }
  }
  return generate_typed(node, pick_type(node), ctx, depth);
}

bool accept_only(const json& node, const char* key) {
  auto accept = node.find("x-accept");
  return accept != node.end() && accept->is_object() && accept->contains(key);
}

namespace {

std::string core_problem(const json& root, const json& raw, const json& value,
                         const std::string& at, int depth) {
  const json& node = dereference(raw, root);
  if (!node.is_object() || depth > kMaxDepth) return "";
  if (value.is_array()) {
    if (value.empty()) return at + ": an empty list";
    const json items = node.value("items", json::object());
    for (size_t i = 0; i < value.size(); ++i) {
      std::string p = core_problem(root, items, value[i], at + "/" + std::to_string(i), depth + 1);
      if (!p.empty()) return p;
    }
  }
  if (!value.is_object() || !node.contains("properties")) return "";
  for (const auto& [name, sub] : node["properties"].items()) {
    if (!value.contains(name)) {
      if (accept_only(dereference(sub, root), "include"))
        return at + "/" + name + ": missing, and the core sends it";
      continue;
    }
    std::string p = core_problem(root, sub, value[name], at + "/" + name, depth + 1);
    if (!p.empty()) return p;
  }
  return "";
}

}  // namespace

std::string acceptance_core_problem(const json& schema, const json& value) {
  return core_problem(schema, schema, value, "", 0);
}

namespace {

rc::Gen<json> generator(const json& schema, const EmailPolicy& policy, bool all_optional,
                        bool ignore_omit) {
  auto shared = std::make_shared<const json>(schema);
  return rc::gen::exec([shared, policy, all_optional, ignore_omit] {
    GenContext ctx{shared.get(), policy, all_optional, ignore_omit};
    return generate_node(*shared, ctx, 0);
  });
}

}  // namespace

rc::Gen<json> gen_valid(const json& schema, const EmailPolicy& policy) {
  return generator(schema, policy, false, false);
}

rc::Gen<json> gen_full(const json& schema, const EmailPolicy& policy, bool ignore_omit) {
  return generator(schema, policy, true, ignore_omit);
}

}  // namespace conform
