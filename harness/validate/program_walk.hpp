#pragma once
/// Runs a SchemaProgram over a parsed instance. `View` adapts one JSON library (nlohmann or
/// simdjson; see compiled_schema.cpp) with static functions: type, text, number, integer_is_exact,
/// size, elements, members, has_duplicate_keys and equals.
///
/// An accepting walk checks everything, formats included, stops at the first failure and builds
/// nothing. A collecting walk checks the structure only (formats are the reference path's own
/// walk) and records every error as valijson would raise it, for leaf_errors() to filter as the
/// reference does. Either walk sets `unsure` where valijson's answer could differ from a plain
/// reading (integers beyond 2^53 against bounds or values, a duplicated key): the caller then
/// asks the reference path. Strings are measured as valijson measures them: up to a NUL.
#include <string>
#include <string_view>
#include <vector>

#include "core/json_pointer.hpp"
#include "validate/compiled_schema.hpp"
#include "validate/formats.hpp"
#include "validate/schema_program.hpp"

namespace conform {

/// One error as valijson raises it: a missing member sits at its object, with `member` set;
/// `alternative` marks the summary of a failed anyOf or oneOf.
struct RawError {
  std::string pointer;
  std::string keyword;
  std::string member = {};
  bool alternative = false;
};

/// The leaf causes among raw errors, by the reference's rule (schema_validator.cpp): errors at
/// an alternative's pointer give way, and its summary stays only when nothing deeper explains it.
std::vector<CompiledError> leaf_errors(const std::vector<RawError>& raw);

template <class View, bool Collect>
class ProgramWalk {
 public:
  using Value = typename View::Value;

  ProgramWalk(const SchemaProgram& program, bool& unsure, std::vector<RawError>* out = nullptr,
              std::string pointer = "")
      : program_(program), unsure_(unsure), out_(out), pointer_(std::move(pointer)) {}

  /// True when the value keeps node `index`; a collecting walk appends why not to `out`.
  bool node(int32_t index, Value value) {
    const ProgramNode& n = program_.nodes[static_cast<size_t>(index)];
    bool valid = true;
    uint8_t type = View::type(value);
    if (n.types != any_type && !(n.types & type) && !failed(valid, "type")) return false;
    if (type == type_object && n.reads_members && View::has_duplicate_keys(value)) return unsure();
    if (n.values != no_node && !in_values(n, value, type) &&
        !failed(valid, n.values_are_const ? "const" : "enum"))
      return false;
    if (type == type_string && !string_rules(n, View::text(value), valid)) return false;
    if ((type & (type_integer | type_fraction)) && !number_rules(n, value, type, valid))
      return false;
    if (type == type_array && !array_rules(n, value, valid)) return false;
    if (type == type_object && !object_rules(n, value, valid)) return false;
    if (!combinators(n, value, valid)) return false;
    return valid;
  }

 private:
  /// Notes a failed keyword at the current pointer. True when the walk goes on (collecting).
  bool failed(bool& valid, const char* keyword) {
    valid = false;
    if constexpr (Collect) out_->push_back({pointer_, keyword});
    return Collect;
  }

  /// The reference must answer; the walk stops.
  bool unsure() {
    unsure_ = true;
    return false;
  }

  /// Beyond 2^53 a double is not exact, and valijson compares some numbers exactly.
  static bool exact(Value value, uint8_t type) {
    return type != type_integer || View::integer_is_exact(value);
  }

  bool in_values(const ProgramNode& n, Value value, uint8_t type) {
    if ((type & (type_integer | type_fraction)) &&
        (n.values_hold_inexact_numbers || !exact(value, type)))
      return unsure();
    for (const auto& allowed : program_.value_sets[static_cast<size_t>(n.values)]) {
      int equal = View::equals(value, allowed);
      if (equal < 0) return unsure();
      if (equal > 0) return true;
    }
    return false;
  }

  /// Code points as valijson counts them (up to the first NUL), stopping once past `enough`.
  static size_t code_points(std::string_view text, size_t enough) {
    size_t count = 0;
    for (char c : text) {
      if (c == '\0' || count > enough) break;
      count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
    }
    return count;
  }

  bool string_rules(const ProgramNode& n, std::string_view text, bool& valid) {
    if (n.min_length > 0 || n.max_length != unbounded) {
      size_t length = code_points(text, n.max_length != unbounded ? n.max_length : n.min_length);
      if (length < n.min_length && !failed(valid, "minLength")) return false;
      if (length > n.max_length && !failed(valid, "maxLength")) return false;
    }
    if (n.pattern != no_node && !matches(n.pattern, text) && !failed(valid, "pattern"))
      return false;
    if constexpr (!Collect) {
      if (n.format != FormatCheck::none && !format_holds(n.format, text))
        return failed(valid, "format");
    }
    return true;
  }

  bool matches(int32_t pattern, std::string_view text) const {
    const std::regex& re = program_.patterns[static_cast<size_t>(pattern)];
    return std::regex_search(text.begin(), text.end(), re);
  }

  bool format_holds(FormatCheck format, std::string_view text) const {
    switch (format) {
      case FormatCheck::email:
        return check_email(text, program_.email_policy).empty();
      case FormatCheck::date_time:
        return check_date_time(text).empty();
      case FormatCheck::phone:
        return check_phone(text).empty();
      case FormatCheck::url:
        return check_url(text).empty();
      case FormatCheck::mime_type:
        return check_mime_type(text).empty();
      case FormatCheck::base64:
        return check_base64(text).empty();
      case FormatCheck::none:
        return true;
    }
    return true;
  }

  bool number_rules(const ProgramNode& n, Value value, uint8_t type, bool& valid) {
    if (!n.has_bounds) return true;
    if (!exact(value, type)) return unsure();
    double number = View::number(value);
    if (n.minimum && number < *n.minimum && !failed(valid, "minimum")) return false;
    if (n.maximum && number > *n.maximum && !failed(valid, "maximum")) return false;
    if (n.exclusive_minimum && number <= *n.exclusive_minimum && !failed(valid, "exclusiveMinimum"))
      return false;
    if (n.exclusive_maximum && number >= *n.exclusive_maximum && !failed(valid, "exclusiveMaximum"))
      return false;
    return true;
  }

  bool array_rules(const ProgramNode& n, Value value, bool& valid) {
    size_t size = View::size(value);
    if (size < n.min_items && !failed(valid, "minItems")) return false;
    if (size > n.max_items && !failed(valid, "maxItems")) return false;
    if (n.items == no_node) return true;
    return View::elements(value,
                          [&](size_t i, Value item) { return descend(n.items, item, i, valid); });
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
      // A name only `required` lists is not under `properties`: additionalProperties applies.
      if (n.additional_forbidden) return failed(valid, "additionalProperties");
      if (n.additional != no_node) return descend(n.additional, member, key, valid);
      return true;
    });
    if (!going) return false;
    if ((seen & n.required_mask) == n.required_mask) return true;
    for (const auto& slot : n.properties) {
      if (slot.bit >= 0 && !(seen & (uint64_t{1} << slot.bit)) && !missing(slot.name, valid))
        return false;
    }
    return true;
  }

  static const PropertySlot* find_slot(const ProgramNode& n, std::string_view key) {
    if (n.properties.size() <= 16) {  // most keys differ in length: a scan rejects them at once
      for (const auto& slot : n.properties) {
        if (slot.name.size() == key.size() &&
            std::char_traits<char>::compare(slot.name.data(), key.data(), key.size()) == 0) {
          return &slot;
        }
      }
      return nullptr;
    }
    auto it = std::lower_bound(
        n.properties.begin(), n.properties.end(), key,
        [](const PropertySlot& slot, std::string_view k) { return slot.name < k; });
    return it != n.properties.end() && it->name == key ? &*it : nullptr;
  }

  /// A required member that is absent: valijson raises it at the object, naming the member.
  bool missing(const std::string& name, bool& valid) {
    valid = false;
    if constexpr (Collect) out_->push_back({pointer_, "required", name});
    return Collect;
  }

  template <class Token>
  bool descend(int32_t child, Value value, Token token, bool& valid) {
    if constexpr (Collect) {
      size_t mark = pointer_.size();
      pointer_ = append_pointer(pointer_, token_text(token));
      if (!node(child, value)) valid = false;
      pointer_.resize(mark);
      return !unsure_;
    }
    if (!node(child, value)) {
      valid = false;
      return false;
    }
    return true;
  }

  static std::string token_text(size_t index) { return std::to_string(index); }
  static std::string_view token_text(std::string_view key) { return key; }

  bool combinators(const ProgramNode& n, Value value, bool& valid) {
    for (int32_t branch : n.all_of) {  // as valijson, which reports only the first failing branch
      if (node(branch, value)) continue;
      if (!failed_quietly(valid)) return false;
      break;
    }
    if (!n.any_of.empty() && !alternatives(n.any_of, value, false) && !failed_quietly(valid))
      return false;
    if (!n.one_of.empty() && !alternatives(n.one_of, value, true) && !failed_quietly(valid))
      return false;
    if (n.not_schema != no_node && holds(n.not_schema, value) && !failed(valid, "not"))
      return false;
    if (n.if_schema != no_node && !conditional(n, value) && !failed_quietly(valid)) return false;
    return !unsure_;
  }

  /// A failure whose errors the sub-walk has already recorded.
  bool failed_quietly(bool& valid) {
    valid = false;
    return Collect && !unsure_;
  }

  /// An accepting walk of the same kind, so a collecting walk decides `not` and `if` on the
  /// structure alone, as valijson (which never sees formats) does.
  bool holds(int32_t index, Value value) {
    if constexpr (Collect) {
      std::vector<RawError> ignored;
      return ProgramWalk(program_, unsure_, &ignored, pointer_).node(index, value);
    } else {
      return node(index, value);
    }
  }

  bool conditional(const ProgramNode& n, Value value) {
    int32_t branch = holds(n.if_schema, value) ? n.then_schema : n.else_schema;
    return branch == no_node || node(branch, value);
  }

  /// True when the alternatives hold. A collecting walk keeps the failing branches' errors only
  /// when none holds, and raises the summary at the node's pointer.
  bool alternatives(const std::vector<int32_t>& branches, Value value, bool exactly_one) {
    if constexpr (!Collect) {
      int holding = 0;
      for (int32_t branch : branches) {
        holding += node(branch, value);
        if (unsure_) return false;
        if (holding > (exactly_one ? 1 : 0)) return !exactly_one;
      }
      return holding == 1;
    } else {
      std::vector<RawError> failing;
      int holding = 0;
      for (int32_t branch : branches) {
        std::vector<RawError> mine;
        if (ProgramWalk(program_, unsure_, &mine, pointer_).node(branch, value))
          ++holding;
        else
          failing.insert(failing.end(), mine.begin(), mine.end());
      }
      bool holds_all = exactly_one ? holding == 1 : holding > 0;
      if (holds_all) return true;
      if (holding == 0) out_->insert(out_->end(), failing.begin(), failing.end());
      out_->push_back({pointer_, exactly_one ? "oneOf" : "anyOf", "", true});
      return false;
    }
  }

  const SchemaProgram& program_;
  bool& unsure_;
  std::vector<RawError>* out_;
  std::string pointer_;
};

}  // namespace conform
