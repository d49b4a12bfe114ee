/// The variants that reject more than the schemas do, each at an open point: empty lists,
/// unknown members, strict addresses, past schedules, empty strings and long strings.
#include <cctype>
#include <chrono>
#include <optional>

#include "mock/pipeline.hpp"
#include "mock/schema_walk.hpp"
#include "validate/formats.hpp"

namespace conform {
namespace {

using nlohmann::json;
using std::chrono::system_clock;

constexpr size_t kLongString = 1000;  ///< code points; reject-long-strings rejects longer strings

/// Which of the walk's checks are on, and where the violations go.
struct RejectionWalk {
  const MockApi& api;
  const SchemaValidator* validator;
  const VariantSet& on;
  std::vector<Violation>& out;
  std::chrono::sys_seconds now;
};

Violation variant_violation(const RejectionWalk& w, Variant variant, const std::string& pointer,
                            const char* keyword, const std::string& message) {
  const VariantSpec& spec = variant_spec(variant);
  Violation v{pointer, keyword, message + " (variant " + spec.name + ")", "", ""};
  if (w.validator) {
    if (const FieldRules* rules = rules_for(w.validator->index(), pointer)) {
      auto precise = rules->by_keyword.find(keyword);
      v.requirement = precise != rules->by_keyword.end() ? precise->second : rules->requirement;
      v.locator = rules->locator;
    }
  }
  const Rejection& rejection = w.api.entry->contract.rejection;
  if (v.requirement.empty()) v.requirement = rejection.requirement;
  if (v.locator.empty()) v.locator = rejection.locator;
  v.settled = false;
  v.open_point = spec.open_point;
  return v;
}

/// Why an address fails the strict reading, or "".
std::string strict_address_problem(std::string_view address) {
  for (char c : address) {
    if (std::isspace(static_cast<unsigned char>(c))) return "an address has no whitespace";
  }
  size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) return "an address is local-part@domain";
  std::string_view domain = address.substr(at + 1);
  size_t dot = domain.rfind('.');
  if (dot == std::string_view::npos) return "the domain has no dot";
  if (domain.front() == '.' || domain.find("..") != std::string_view::npos) {
    return "the domain has an empty label";
  }
  std::string_view label = domain.substr(dot + 1);
  bool letters = !label.empty();
  for (char c : label) letters = letters && std::isalpha(static_cast<unsigned char>(c));
  if (!letters || label.size() < 2) return "the last domain label is not two or more letters";
  return "";
}

int digits(std::string_view text, size_t at, size_t count) {
  int value = 0;
  for (size_t i = at; i < at + count && i < text.size(); ++i) value = value * 10 + (text[i] - '0');
  return value;
}

/// An RFC 3339 date-time that check_date_time accepts, as UTC seconds (fractions dropped; seconds,
/// not system_clock's nanoseconds, so that years after 2262 do not overflow).
std::optional<std::chrono::sys_seconds> rfc3339_time(std::string_view t) {
  if (t.size() < 20) return std::nullopt;
  using namespace std::chrono;
  year_month_day date{year{digits(t, 0, 4)}, month{static_cast<unsigned>(digits(t, 5, 2))},
                      day{static_cast<unsigned>(digits(t, 8, 2))}};
  if (!date.ok()) return std::nullopt;
  sys_seconds local = sys_days{date} + hours{digits(t, 11, 2)} + minutes{digits(t, 14, 2)} +
                      seconds{digits(t, 17, 2)};
  size_t zone = 19;
  if (t[zone] == '.') {
    ++zone;
    while (zone < t.size() && std::isdigit(static_cast<unsigned char>(t[zone]))) ++zone;
  }
  if (zone >= t.size()) return std::nullopt;
  if (t[zone] == 'Z' || t[zone] == 'z') return local;
  if (zone + 6 > t.size()) return std::nullopt;
  auto offset = hours{digits(t, zone + 1, 2)} + minutes{digits(t, zone + 4, 2)};
  return t[zone] == '-' ? local + offset : local - offset;
}

bool in_the_past(const RejectionWalk& w, const json& value) {
  if (!value.is_string()) return false;
  const auto& text = value.get_ref<const std::string&>();
  if (!check_date_time(text).empty()) return false;  // malformed: the format rule reports it
  auto when = rfc3339_time(text);
  return when && *when < w.now;
}

bool allowed_empty_address(const RejectionWalk& w, const SchemaSite& site) {
  return site.schema.format() == "email" && w.api.entry->contract.email_policy.allow_empty &&
         site.value == "";
}

bool undeclared_member(const SchemaSite& site) {
  if (!site.is_member || !site.parent) return false;
  const json* properties = site.parent->find("properties");
  return properties && properties->is_object() && !properties->contains(site.member);
}

void check_strings(RejectionWalk& w, const SchemaSite& site) {
  const std::string& id = w.api.entry->contract.id;
  if (w.on.on(Variant::reject_long_strings, id) && code_point_count(site.member) > kLongString) {
    w.out.push_back(variant_violation(w, Variant::reject_long_strings, site.pointer, "maxLength",
                                      "a member name longer than 1000 code points"));
  }
  if (!site.value.is_string()) return;
  const auto& text = site.value.get_ref<const std::string&>();
  if (w.on.on(Variant::reject_long_strings, id) && code_point_count(text) > kLongString) {
    w.out.push_back(variant_violation(w, Variant::reject_long_strings, site.pointer, "maxLength",
                                      "a string longer than 1000 code points"));
  }
  if (w.on.on(Variant::reject_empty_strings, id) && text.empty() && site.is_member &&
      !site.required && site.schema.has_type("string") && !allowed_empty_address(w, site)) {
    w.out.push_back(variant_violation(w, Variant::reject_empty_strings, site.pointer, "minLength",
                                      "an empty string for an optional member"));
  }
  if (w.on.on(Variant::strict_address, id) && site.schema.format() == "email" &&
      !allowed_empty_address(w, site)) {
    std::string why = strict_address_problem(text);
    if (!why.empty()) {
      w.out.push_back(variant_violation(w, Variant::strict_address, site.pointer, "format",
                                        "not a strict address: " + why));
    }
  }
  if (w.on.on(Variant::reject_past_schedule, id) && site.schema.format() == "date-time" &&
      in_the_past(w, site.value)) {
    w.out.push_back(variant_violation(w, Variant::reject_past_schedule, site.pointer, "format",
                                      "a scheduled time in the past"));
  }
}

void check_site(RejectionWalk& w, const SchemaSite& site) {
  const std::string& id = w.api.entry->contract.id;
  if (w.on.on(Variant::reject_empty_lists, id) && site.value.is_array() && site.value.empty()) {
    w.out.push_back(variant_violation(w, Variant::reject_empty_lists, site.pointer, "minItems",
                                      "an empty list"));
  }
  if (w.on.on(Variant::reject_unknown_fields, id) && undeclared_member(site)) {
    w.out.push_back(variant_violation(w, Variant::reject_unknown_fields, site.pointer,
                                      "additionalProperties",
                                      "member '" + std::string(site.member) + "' is not declared"));
  }
  check_strings(w, site);
}

bool any_rejecting_variant(const VariantSet& set, const std::string& id) {
  for (Variant v : {Variant::reject_empty_lists, Variant::reject_unknown_fields,
                    Variant::strict_address, Variant::reject_past_schedule,
                    Variant::reject_empty_strings, Variant::reject_long_strings}) {
    if (set.on(v, id)) return true;
  }
  return false;
}

}  // namespace

size_t code_point_count(std::string_view text) {
  size_t count = 0;
  for (char c : text) count += (static_cast<unsigned char>(c) & 0xC0) != 0x80;
  return count;
}

std::vector<Violation> variant_violations(const MockContext& ctx, const MockApi& api,
                                          const std::string& channel, const json& body) {
  std::vector<Violation> out;
  const json* schema = request_schema(api, channel);
  if (!schema || !any_rejecting_variant(ctx.variants, api.entry->contract.id)) return out;
  RejectionWalk w{api, api.entry->validator(PayloadKind::request, channel), ctx.variants, out,
                  std::chrono::floor<std::chrono::seconds>(system_clock::now())};
  walk_with_schema(*schema, body, [&](const SchemaSite& site) { check_site(w, site); });
  return out;
}

}  // namespace conform
