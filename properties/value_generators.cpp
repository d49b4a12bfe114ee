#include "properties/value_generators.hpp"

#include <algorithm>

#include "validate/schema_index.hpp"

namespace conform {
namespace {

using nlohmann::json;
constexpr int kMaxDepth = 24;

/// What the generator of one schema node needs besides the node.
struct GenContext {
  const json* root = nullptr;  ///< the whole schema, for local `$ref`s
  bool all_optional = false;   ///< include every optional member (the coverage phase's value)
  bool ignore_omit = false;    ///< include members and branches marked `x-accept: {omit}`
};

/// Generated addresses and phones carry a mark where their serial goes; `number_recipients`
/// puts the serials in once the value is whole, so no two recipients repeat.
constexpr char kSerialMark = '\x01';

rc::Gen<json> gen_node(const json& raw, const GenContext& ctx, int depth);

/// Letters, `min_length` to a size-bound maximum long; shrinks to shorter, then to "a"s.
rc::Gen<std::string> word(size_t min_length, size_t max_length) {
  min_length = std::max<size_t>(min_length, 1);
  max_length = std::max(max_length, min_length);
  return rc::gen::withSize([=](int size) {
    size_t cap = std::min(max_length, min_length + 1 + static_cast<size_t>(size) / 25);
    return rc::gen::mapcat(rc::gen::inRange(min_length, cap + 1), [](size_t length) {
      return rc::gen::container<std::string>(length,
                                             rc::gen::inRange('a', static_cast<char>('z' + 1)));
    });
  });
}

rc::Gen<json> email_address() {
  return rc::gen::map(
      word(1, 8), [](std::string local) -> json { return local + kSerialMark + "@example.com"; });
}

/// A time years ahead, so a server that refuses to schedule in the past accepts it.
rc::Gen<json> date_time() {
  return rc::gen::apply(
      [](int day, int hour) -> json {
        char text[32];
        std::snprintf(text, sizeof text, "2031-05-%02dT%02d:00:00+05:30", day, hour);
        return text;
      },
      rc::gen::inRange(1, 29), rc::gen::inRange(0, 24));
}

/// Shaped like the pages' own numbers (`919988221100`): the last two digits are the serial.
rc::Gen<json> phone_number() {
  return rc::gen::map(
      rc::gen::container<std::string>(6, rc::gen::inRange('0', static_cast<char>('9' + 1))),
      [](std::string digits) -> json { return "9199" + digits + kSerialMark; });
}

rc::Gen<json> gen_string(const json& node) {
  std::string format = node.value("format", "");
  if (format == "email") return email_address();
  if (format == "date-time") return date_time();
  if (format == "phone") return phone_number();
  if (format == "url")
    return rc::gen::map(word(1, 8), [](std::string w) -> json {
      return "https://files.example.com/" + w + ".pdf";
    });
  if (format == "mime-type") return rc::gen::element<json>("text/plain", "text/html");
  if (format == "base64") return rc::gen::element<json>("aGVsbG8=", "Y29uZm9ybQ==", "UERGLTEuNAo=");
  size_t min_length = node.value("minLength", 1);
  size_t max_length = node.value("maxLength", 12);
  return rc::gen::map(word(min_length, std::max(min_length, max_length)),
                      [](std::string w) -> json { return w; });
}

/// An optional member: present or not, each its own shrink (present shrinks to absent).
rc::Gen<json> with_optional(rc::Gen<json> object, std::string name, rc::Gen<json> value) {
  return rc::gen::apply(
      [name](json out, bool present, json member) {
        if (present) out[name] = std::move(member);
        return out;
      },
      std::move(object), rc::gen::arbitrary<bool>(), std::move(value));
}

rc::Gen<json> with_required(rc::Gen<json> object, std::string name, rc::Gen<json> value) {
  return rc::gen::apply(
      [name](json out, json member) {
        out[name] = std::move(member);
        return out;
      },
      std::move(object), std::move(value));
}

/// One shrinkable choice per member: the object is built member by member.
rc::Gen<json> gen_object(const json& node, const GenContext& ctx, int depth) {
  rc::Gen<json> out = rc::gen::just(json::object());
  if (!node.contains("properties")) return out;
  std::vector<std::string> required = node.value("required", std::vector<std::string>{});
  for (const auto& [name, sub] : node["properties"].items()) {
    bool is_required = std::find(required.begin(), required.end(), name) != required.end();
    const json& member = dereference(sub, *ctx.root);
    if (!is_required && !ctx.ignore_omit && accept_only(member, "omit")) continue;
    rc::Gen<json> value = gen_node(sub, ctx, depth + 1);
    bool include = is_required || ctx.all_optional || accept_only(member, "include");
    out = include ? with_required(std::move(out), name, std::move(value))
                  : with_optional(std::move(out), name, std::move(value));
  }
  return out;
}

/// A non-empty list (the core sends non-empty lists); the count shrinks toward its minimum.
rc::Gen<json> gen_array(const json& node, const GenContext& ctx, int depth) {
  size_t min_items = std::max<size_t>(node.value("minItems", 0), 1);
  size_t max_items = std::max(min_items, node.value("maxItems", size_t{4}));
  const json items =
      node.contains("items") && node["items"].is_object() ? node["items"] : json::object();
  rc::Gen<json> item = gen_node(items, ctx, depth + 1);
  return rc::gen::withSize([=](int size) {
    size_t cap = std::min(max_items, min_items + 1 + static_cast<size_t>(size) / 25);
    return rc::gen::mapcat(rc::gen::inRange(min_items, cap + 1), [item](size_t count) {
      return rc::gen::map(rc::gen::container<std::vector<json>>(count, item),
                          [](std::vector<json> values) -> json { return values; });
    });
  });
}

std::vector<std::string> types_of(const json& node) {
  if (!node.contains("type")) return {node.contains("properties") ? "object" : "string"};
  if (node["type"].is_string()) return {node["type"].get<std::string>()};
  std::vector<std::string> types;
  for (const auto& t : node["type"]) {
    if (t != "null") types.push_back(t);
  }
  return types.empty() ? std::vector<std::string>{"null"} : types;
}

rc::Gen<json> gen_typed(const json& node, const std::string& type, const GenContext& ctx,
                        int depth) {
  if (type == "object") return gen_object(node, ctx, depth);
  if (type == "array") return gen_array(node, ctx, depth);
  if (type == "integer")
    return rc::gen::map(rc::gen::inRange(0, 100), [](int n) -> json { return n; });
  if (type == "number")
    return rc::gen::map(rc::gen::inRange(0, 100), [](int n) -> json { return n / 4.0; });
  if (type == "boolean")
    return rc::gen::map(rc::gen::arbitrary<bool>(), [](bool b) -> json { return b; });
  if (type == "null") return rc::gen::just(json(nullptr));
  return gen_string(node);
}

/// One of several generators, by index: the index shrinks toward the first.
rc::Gen<json> one_of(std::vector<rc::Gen<json>> choices) {
  if (choices.size() == 1) return choices.front();
  size_t n = choices.size();
  return rc::gen::mapcat(rc::gen::inRange<size_t>(0, n),
                         [choices = std::move(choices)](size_t i) { return choices[i]; });
}

rc::Gen<json> gen_node(const json& raw, const GenContext& ctx, int depth) {
  const json& node = dereference(raw, *ctx.root);
  if (!node.is_object() || depth > kMaxDepth) return rc::gen::just(json("x"));
  if (node.contains("const")) return rc::gen::just(node["const"]);
  if (node.contains("enum") && node["enum"].is_array() && !node["enum"].empty()) {
    return rc::gen::elementOf(node["enum"].get<std::vector<json>>());
  }
  for (const char* alternatives : {"anyOf", "oneOf"}) {
    if (node.contains(alternatives) && node[alternatives].is_array() &&
        !node[alternatives].empty()) {
      std::vector<rc::Gen<json>> branches;
      for (const auto& b : node[alternatives]) {
        if (!accept_only(dereference(b, *ctx.root), "omit"))
          branches.push_back(gen_node(b, ctx, depth + 1));
      }
      if (branches.empty()) branches.push_back(gen_node(node[alternatives][0], ctx, depth + 1));
      return one_of(std::move(branches));
    }
  }
  std::vector<rc::Gen<json>> typed;
  for (const std::string& type : types_of(node)) typed.push_back(gen_typed(node, type, ctx, depth));
  return one_of(std::move(typed));
}

/// Puts the serials into the marked addresses and phones, in document order.
void number_recipients(json& value, size_t& serial) {
  if (value.is_string()) {
    std::string& text = value.get_ref<std::string&>();
    size_t mark = text.find(kSerialMark);
    if (mark == std::string::npos) return;
    ++serial;
    std::string digits = std::to_string(serial);
    if (text.find('@') == std::string::npos) {  // a phone: two digits
      char two[8];
      std::snprintf(two, sizeof two, "%02zu", serial % 100);
      digits = two;
    }
    text.replace(mark, 1, digits);
    return;
  }
  if (!value.is_structured()) return;  // a number or a bool iterates as itself
  for (auto& child : value) number_recipients(child, serial);
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

rc::Gen<json> generator(const json& schema, bool all_optional, bool ignore_omit) {
  auto shared = std::make_shared<const json>(schema);
  GenContext ctx{shared.get(), all_optional, ignore_omit};
  return rc::gen::map(gen_node(*shared, ctx, 0), [shared](json value) {
    size_t serial = 0;
    number_recipients(value, serial);
    return value;
  });
}

}  // namespace

rc::Gen<json> gen_valid(const json& schema) {
  return generator(schema, false, false);
}

rc::Gen<json> gen_full(const json& schema, bool ignore_omit) {
  return generator(schema, true, ignore_omit);
}

}  // namespace conform
