#pragma once
/// Runs a SchemaProgram over a parsed instance. `View` adapts one JSON library (nlohmann or
/// simdjson; see compiled_schema.cpp) with static functions: type, text, number, size,
/// elements, members and equals. Accepting walks stop at the first failure and build nothing;
/// collecting walks record every leaf error as conform's reference path reports it.
#include <string>
#include <string_view>
#include <vector>

#include "core/json_pointer.hpp"
#include "validate/compiled_schema.hpp"
#include "validate/formats.hpp"
#include "validate/schema_program.hpp"

namespace conform {

template <class View, bool Collect>
class ProgramWalk {
 public:
  using Value = typename View::Value;

  explicit ProgramWalk(const SchemaProgram& program, std::vector<CompiledError>* out = nullptr)
      : program_(program), out_(out) {}

  /// True when the value keeps node `index`; a collecting walk appends why not to `out`.
  bool node(int32_t index, Value value) {
    const ProgramNode& n = program_.nodes[static_cast<size_t>(index)];
    size_t first_error = Collect ? out_->size() : 0;
    bool valid = true;
    if (n.never && !failed(valid, "schema")) return false;
    uint8_t type = View::type(value);
    if (n.types != any_type && !(n.types & type) && !failed(valid, "type")) return false;
    if (n.values != no_node && !in_values(n, value) && !failed(valid, n.values_are_const ? "const" : "enum")) return false;
    if (type == type_string && !string_rules(n, View::text(value), valid)) return false;
    if ((type & (type_integer | type_fraction)) && !number_rules(n, View::number(value), valid)) return false;
    if (type == type_array && !array_rules(n, value, valid)) return false;
    if (type == type_object && !object_rules(n, value, valid)) return false;
    if (!combinators(n, value, valid, first_error)) return false;
    return valid;
  }

 private:
  /// Notes a failed keyword at the current pointer. True when the walk goes on (collecting).
  bool failed(bool& valid, const char* keyword) {
    valid = false;
    if constexpr (Collect) out_->push_back({pointer_, keyword});
    return Collect;
  }

  bool in_values(const ProgramNode& n, Value value) const {
    for (const auto& allowed : program_.value_sets[static_cast<size_t>(n.values)]) {
      if (View::equals(value, allowed)) return true;
    }
    return false;
  }

  static size_t code_points(std::string_view text) {
    size_t count = 0;
    for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    return count;
  }

  bool string_rules(const ProgramNode& n, std::string_view text, bool& valid) {
    if (n.min_length > 0 || n.max_length != unbounded) {
      size_t length = code_points(text);
      if (length < n.min_length && !failed(valid, "minLength")) return false;
      if (length > n.max_length && !failed(valid, "maxLength")) return false;
    }
    if (n.pattern != no_node && !matches(n.pattern, text) && !failed(valid, "pattern")) return false;
    if (n.format != FormatCheck::none && !format_holds(n.format, text) && !failed(valid, "format")) return false;
    return true;
  }

  bool matches(int32_t pattern, std::string_view text) const {
    const std::regex& re = program_.patterns[static_cast<size_t>(pattern)];
    return std::regex_search(text.begin(), text.end(), re);
  }

  bool format_holds(FormatCheck format, std::string_view text) const {
    switch (format) {
      case FormatCheck::email: return check_email(text, program_.email_policy).empty();
      case FormatCheck::date_time: return check_date_time(text).empty();
      case FormatCheck::phone: return check_phone(text).empty();
      case FormatCheck::url: return check_url(text).empty();
      case FormatCheck::mime_type: return check_mime_type(text).empty();
      case FormatCheck::base64: return check_base64(text).empty();
      case FormatCheck::none: return true;
    }
    return true;
  }

  bool number_rules(const ProgramNode& n, double number, bool& valid) {
    if (n.minimum && number < *n.minimum && !failed(valid, "minimum")) return false;
    if (n.maximum && number > *n.maximum && !failed(valid, "maximum")) return false;
    if (n.exclusive_minimum && number <= *n.exclusive_minimum && !failed(valid, "exclusiveMinimum")) return false;
    if (n.exclusive_maximum && number >= *n.exclusive_maximum && !failed(valid, "exclusiveMaximum")) return false;
    return true;
  }

  bool array_rules(const ProgramNode& n, Value value, bool& valid) {
    size_t size = View::size(value);
    if (size < n.min_items && !failed(valid, "minItems")) return false;
    if (size > n.max_items && !failed(valid, "maxItems")) return false;
    if (n.items == no_node) return true;
    return View::elements(value, [&](size_t i, Value item) {
      return descend(n.items, item, i, valid);
    });
  }

  bool object_rules(const ProgramNode& n, Value value, bool& valid) {
    if (n.min_properties > 0 || n.max_properties != unbounded) {
      size_t size = View::size(value);
      if (size < n.min_properties && !failed(valid, "minProperties")) return false;
      if (size > n.max_properties && !failed(valid, "maxProperties")) return false;
    }
    if (!n.has_object_rules) return true;
    uint64_t seen = 0;
    bool going = View::members(value, [&](std::string_view key, Value member) {
      const PropertySlot* slot = find_slot(n, key);
      if (slot && slot->bit >= 0) seen |= uint64_t{1} << slot->bit;
      if (slot && slot->node != no_node) return descend(slot->node, member, key, valid);
      if (!slot && n.additional_forbidden) return failed(valid, "additionalProperties");
      if (!slot && n.additional != no_node) return descend(n.additional, member, key, valid);
      return true;
    });
    if (!going) return false;
    if ((seen & n.required_mask) == n.required_mask) return true;
    for (const auto& slot : n.properties) {
      if (slot.bit >= 0 && !(seen & (uint64_t{1} << slot.bit)) && !missing(slot.name, valid)) return false;
    }
    return true;
  }

  static const PropertySlot* find_slot(const ProgramNode& n, std::string_view key) {
    auto it = std::lower_bound(n.properties.begin(), n.properties.end(), key,
                               [](const PropertySlot& slot, std::string_view k) { return slot.name < k; });
    return it != n.properties.end() && it->name == key ? &*it : nullptr;
  }

  /// A required member that is absent: reported at the member's own pointer.
  bool missing(const std::string& name, bool& valid) {
    if constexpr (Collect) {
      size_t mark = pointer_.size();
      pointer_ = append_pointer(pointer_, name);
      failed(valid, "required");
      pointer_.resize(mark);
      return true;
    }
    return failed(valid, "required");
  }

  template <class Token>
  bool descend(int32_t child, Value value, Token token, bool& valid) {
    if constexpr (Collect) {
      size_t mark = pointer_.size();
      pointer_ = append_pointer(pointer_, token_text(token));
      if (!node(child, value)) valid = false;
      pointer_.resize(mark);
      return true;
    }
    if (!node(child, value)) return failed(valid, "");
    return true;
  }

  static std::string token_text(size_t index) { return std::to_string(index); }
  static std::string_view token_text(std::string_view key) { return key; }

  bool combinators(const ProgramNode& n, Value value, bool& valid, size_t first_error) {
    for (int32_t branch : n.all_of) {  // as valijson, which reports only the first failing branch
      if (node(branch, value)) continue;
      if (!failed_quietly(valid)) return false;
      break;
    }
    const char* alternative = nullptr;
    if (!n.any_of.empty() && !alternatives(n.any_of, value, false)) alternative = "anyOf";
    if (!n.one_of.empty() && !alternatives(n.one_of, value, true)) alternative = "oneOf";
    if (alternative && !failed_quietly(valid)) return false;
    if (n.not_schema != no_node && accepts(n.not_schema, value) && !failed(valid, "not")) return false;
    if (n.if_schema != no_node && !conditional(n, value) && !failed_quietly(valid)) return false;
    if constexpr (Collect) {
      if (alternative) summarise_alternatives(first_error, alternative);
    }
    return true;
  }

  /// A failure whose errors the sub-walk has already recorded.
  bool failed_quietly(bool& valid) {
    valid = false;
    return Collect;
  }

  bool accepts(int32_t index, Value value) const {
    return ProgramWalk<View, false>(program_).node(index, value);
  }

  bool conditional(const ProgramNode& n, Value value) {
    int32_t branch = accepts(n.if_schema, value) ? n.then_schema : n.else_schema;
    return branch == no_node || node(branch, value);
  }

  /// True when the alternatives hold. A collecting walk keeps the failing branches' errors only
  /// when none holds: then the branches' own type mismatches are dropped by summarise.
  bool alternatives(const std::vector<int32_t>& branches, Value value, bool exactly_one) {
    if constexpr (!Collect) {
      int holding = 0;
      for (int32_t branch : branches) {
        holding += node(branch, value);
        if (holding > (exactly_one ? 1 : 0)) return !exactly_one;
      }
      return holding == 1;
    } else {
      std::vector<CompiledError> failing;
      int holding = 0;
      for (int32_t branch : branches) {
        std::vector<CompiledError> mine;
        if (ProgramWalk(program_, &mine, pointer_).node(branch, value)) ++holding;
        else failing.insert(failing.end(), mine.begin(), mine.end());
      }
      if (holding == 0) out_->insert(out_->end(), failing.begin(), failing.end());
      return exactly_one ? holding == 1 : holding > 0;
    }
  }

  /// As the reference's leaf causes: errors at the alternative's own pointer go, and the
  /// summary stays only when nothing deeper explains the failure.
  void summarise_alternatives(size_t first_error, const char* keyword) {
    auto first = out_->begin() + static_cast<std::ptrdiff_t>(first_error);
    out_->erase(std::remove_if(first, out_->end(), [&](const CompiledError& e) { return e.pointer == pointer_; }),
                out_->end());
    if (out_->size() == first_error) out_->push_back({pointer_, keyword});
  }

  ProgramWalk(const SchemaProgram& program, std::vector<CompiledError>* out, std::string pointer)
      : program_(program), out_(out), pointer_(std::move(pointer)) {}

  const SchemaProgram& program_;
  std::vector<CompiledError>* out_;
  std::string pointer_;
};

}  // namespace conform
