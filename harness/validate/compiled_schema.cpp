#include "validate/compiled_schema.hpp"

#include <simdjson.h>

#include <algorithm>
#include <array>

#include "validate/leaf_filter.hpp"
#include "validate/program_walk.hpp"
#include "validate/schema_compiler.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// nlohmann values, as ProgramWalk reads them.
struct NlohmannView {
  using Value = const json*;

  static uint8_t type(Value v) {
    switch (v->type()) {
      case json::value_t::null:
        return type_null;
      case json::value_t::boolean:
        return type_boolean;
      case json::value_t::number_integer:
      case json::value_t::number_unsigned:
        return type_integer;
      case json::value_t::number_float:
        return type_fraction;
      case json::value_t::string:
        return type_string;
      case json::value_t::array:
        return type_array;
      case json::value_t::object:
        return type_object;
      default:
        return 0;
    }
  }
  static std::string_view text(Value v) { return v->get_ref<const std::string&>(); }
  static double number(Value v) { return v->get<double>(); }
  static bool integer_is_exact(Value v) {
    if (v->is_number_unsigned()) return v->get<uint64_t>() <= (uint64_t{1} << 53);
    int64_t i = v->get<int64_t>();
    return i <= (int64_t{1} << 53) && i >= -(int64_t{1} << 53);
  }
  static bool has_duplicate_keys(Value) { return false; }  // nlohmann keeps one copy of a key
  static size_t size(Value v) { return v->size(); }
  template <class F>
  static bool elements(Value v, F&& f) {
    for (size_t i = 0; i < v->size(); ++i) {
      if (!f(i, &(*v)[i])) return false;
    }
    return true;
  }
  template <class F>
  static bool members(Value v, F&& f) {
    for (auto it = v->begin(); it != v->end(); ++it) {
      if (!f(std::string_view(it.key()), &it.value())) return false;
    }
    return true;
  }
  /// 1 when equal, 0 when not; -1 (unsure) for a list or object holding an integer beyond
  /// 2^53, which valijson may compare as a double. nlohmann holds one copy of each key.
  static int equals(Value v, const json& expected) {
    if (v->is_structured() && is_inexact_integer(*v)) return -1;
    return *v == expected ? 1 : 0;
  }
};

/// simdjson DOM values, as ProgramWalk reads them. A duplicated key is walked each time it
/// appears, so the program accepts only when every copy is valid, whichever copy nlohmann keeps.
struct SimdjsonView {
  using Value = simdjson::dom::element;
  using Kind = simdjson::dom::element_type;

  static uint8_t type(Value v) {
    switch (v.type()) {
      case Kind::NULL_VALUE:
        return type_null;
      case Kind::BOOL:
        return type_boolean;
      case Kind::INT64:
      case Kind::UINT64:
        return type_integer;
      case Kind::DOUBLE:
        return type_fraction;
      case Kind::STRING:
        return type_string;
      case Kind::ARRAY:
        return type_array;
      case Kind::OBJECT:
        return type_object;
    }
    return 0;
  }
  static std::string_view text(Value v) { return v.get_string().value_unsafe(); }
  static double number(Value v) {
    switch (v.type()) {
      case Kind::INT64:
        return static_cast<double>(v.get_int64().value_unsafe());
      case Kind::UINT64:
        return static_cast<double>(v.get_uint64().value_unsafe());
      default:
        return v.get_double().value_unsafe();
    }
  }
  static bool integer_is_exact(Value v) {
    if (v.type() == Kind::UINT64) return v.get_uint64().value_unsafe() <= (uint64_t{1} << 53);
    int64_t i = v.get_int64().value_unsafe();
    return i <= (int64_t{1} << 53) && i >= -(int64_t{1} << 53);
  }
  /// nlohmann keeps the last copy of a duplicated key and simdjson keeps all of them, so an
  /// object with one is left to nlohmann and the reference.
  static bool has_duplicate_keys(Value v) {
    simdjson::dom::object fields = v.get_object().value_unsafe();
    constexpr size_t small = 16;
    std::array<std::string_view, small> first;  // a small object is compared pairwise, on the stack
    std::vector<std::string_view> all;
    size_t n = 0;
    for (simdjson::dom::key_value_pair field : fields) {
      if (n < small) {
        for (size_t i = 0; i < n; ++i) {
          if (first[i] == field.key) return true;
        }
        first[n] = field.key;
      } else {
        if (all.empty()) all.assign(first.begin(), first.end());
        all.push_back(field.key);
      }
      ++n;
    }
    if (all.empty()) return false;
    std::sort(all.begin(), all.end());
    return std::adjacent_find(all.begin(), all.end()) != all.end();
  }
  static size_t size(Value v) {
    if (v.type() == Kind::ARRAY) {
      simdjson::dom::array items = v.get_array().value_unsafe();
      return count(items);
    }
    simdjson::dom::object fields = v.get_object().value_unsafe();
    return count(fields);
  }
  template <class Range>
  static size_t count(Range range) {
    size_t n = 0;
    for (auto it = range.begin(); it != range.end(); ++it) ++n;
    return n;
  }
  template <class F>
  static bool elements(Value v, F&& f) {
    size_t i = 0;
    simdjson::dom::array items = v.get_array().value_unsafe();  // a copy: the result is a temporary
    for (simdjson::dom::element item : items) {
      if (!f(i++, item)) return false;
    }
    return true;
  }
  template <class F>
  static bool members(Value v, F&& f) {
    simdjson::dom::object fields = v.get_object().value_unsafe();
    for (simdjson::dom::key_value_pair field : fields) {
      if (!f(field.key, field.value)) return false;
    }
    return true;
  }
  /// 1 when equal, 0 when not, -1 when an object holds a duplicated key (nlohmann's copy decides).
  static int equals(Value v, const json& expected) {
    switch (v.type()) {
      case Kind::NULL_VALUE:
        return expected.is_null();
      case Kind::BOOL:
        return expected.is_boolean() && expected.get<bool>() == v.get_bool().value_unsafe();
      case Kind::INT64:
        if (!integer_is_exact(v)) return -1;  // nested: in_values answers for a top-level one
        return expected == json(v.get_int64().value_unsafe());
      case Kind::UINT64:
        if (!integer_is_exact(v)) return -1;
        return expected == json(v.get_uint64().value_unsafe());
      case Kind::DOUBLE:
        return expected == json(v.get_double().value_unsafe());
      case Kind::STRING:
        return expected.is_string() && expected.get_ref<const std::string&>() == text(v);
      case Kind::ARRAY: {
        simdjson::dom::array items = v.get_array().value_unsafe();
        return equal_arrays(items, expected);
      }
      case Kind::OBJECT:
        return has_duplicate_keys(v) ? -1 : equal_objects(v, expected);
    }
    return 0;
  }
  static int equal_arrays(simdjson::dom::array items, const json& expected) {
    if (!expected.is_array() || count(items) != expected.size()) return 0;
    size_t i = 0;
    for (simdjson::dom::element item : items) {
      int equal = equals(item, expected[i++]);
      if (equal != 1) return equal;
    }
    return 1;
  }
  static int equal_objects(Value v, const json& expected) {
    simdjson::dom::object fields = v.get_object().value_unsafe();
    if (!expected.is_object() || count(fields) != expected.size()) return 0;
    for (simdjson::dom::key_value_pair field : fields) {
      auto it = expected.find(std::string(field.key));
      if (it == expected.end()) return 0;
      int equal = equals(field.value, *it);
      if (equal != 1) return equal;
    }
    return 1;
  }
};

/// One simdjson parser per thread, reused: it keeps its buffers between documents.
simdjson::dom::parser& thread_parser(size_t max_depth) {
  thread_local simdjson::dom::parser parser;
  thread_local size_t depth = 0;
  if (depth != max_depth) {
    if (parser.allocate(64 * 1024, max_depth) != simdjson::SUCCESS) return parser;
    depth = max_depth;
  }
  return parser;
}

}  // namespace

std::vector<CompiledError> leaf_errors(const std::vector<RawError>& raw) {
  std::vector<RawError> leaves = leaf_filter(
      raw, [](const RawError& e) { return e.alternative; }, [](const RawError&) { return false; });
  std::vector<CompiledError> out;
  for (const auto& e : leaves) {
    out.push_back({e.member.empty() && e.keyword != "required"
                       ? e.pointer
                       : append_pointer(e.pointer, e.member),
                   e.keyword});
  }
  return out;
}

CompiledSchema::CompiledSchema(std::unique_ptr<SchemaProgram> program)
    : program_(std::move(program)) {}

CompiledSchema::~CompiledSchema() = default;

std::unique_ptr<CompiledSchema> CompiledSchema::compile(const json& schema,
                                                        const EmailPolicy& policy,
                                                        std::string& refusal) {
  CompileOutcome outcome = compile_schema(schema, policy);
  refusal = outcome.refusal;
  if (!outcome.program) return nullptr;
  return std::unique_ptr<CompiledSchema>(
      new CompiledSchema(std::make_unique<SchemaProgram>(std::move(*outcome.program))));
}

Verdict CompiledSchema::judge(const json& instance) const {
  bool unsure = false;
  bool keeps = ProgramWalk<NlohmannView, false>(*program_, unsure).node(0, &instance);
  if (unsure) return Verdict::unsure;
  return keeps ? Verdict::accepted : Verdict::rejected;
}

std::optional<std::vector<CompiledError>> CompiledSchema::structural_errors(
    const json& instance) const {
  bool unsure = false;
  std::vector<RawError> raw;
  ProgramWalk<NlohmannView, true>(*program_, unsure, &raw).node(0, &instance);
  if (unsure) return std::nullopt;
  return leaf_errors(raw);
}

TextVerdict CompiledSchema::judge_text(std::string_view text, size_t max_depth) const {
  simdjson::dom::parser& parser = thread_parser(max_depth);
  if (parser.max_depth() != max_depth) return TextVerdict::refused;
  simdjson::dom::element root;
  if (parser.parse(text.data(), text.size(), true).get(root) != simdjson::SUCCESS)
    return TextVerdict::refused;
  bool unsure = false;
  bool keeps = ProgramWalk<SimdjsonView, false>(*program_, unsure).node(0, root);
  return keeps && !unsure ? TextVerdict::accepted : TextVerdict::refused;
}

}  // namespace conform
