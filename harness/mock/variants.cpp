#include "mock/variants.hpp"

#include <stdexcept>
#include <string_view>

namespace conform {

const std::vector<VariantSpec>& variant_table() {
  static const std::vector<VariantSpec> table = {
      {Variant::null_as_absent, "null-as-absent", "null-as-absent", "*",
       "an explicit null for an optional member is treated as absent (removed before validation)"},
      {Variant::lenient_open, "lenient-open", "acceptance-core", "*",
       "a request whose violations are all open (acceptance-core rules) is accepted; only settled "
       "rules reject"},
      {Variant::reject_empty_lists, "reject-empty-lists", "empty-values", "*",
       "an empty JSON array anywhere in the request body gets the API's 4xx"},
      {Variant::reject_unknown_fields, "reject-unknown-fields", "unknown-fields", "*",
       "a member the schema object's properties do not declare gets the API's 4xx"},
      {Variant::strict_address, "strict-address", "address-syntax",
       "bigin-mail,capillary-email,capillary-message,whippy-email",
       "an email-format value needs a dotted domain, no whitespace and a final label of two or "
       "more letters, else 4xx (not genesys, whose samples use dotless domains; \"\" stays allowed "
       "where the contract allows empty)"},
      {Variant::loose_address, "loose-address", "address-syntax", "*",
       "format violations on email fields are ignored, except those a documented exact status "
       "names (whippy's sender_email 422 stays)"},
      {Variant::capillary_reject_in_body, "capillary-reject-in-body", "rejection-form",
       "capillary-email,capillary-message",
       "an invalid or non-JSON body gets HTTP 200 whose body says rejected (status.success false, "
       "item errors)"},
      {Variant::extra_response_fields, "extra-response-fields", "response-extra-fields", "*",
       "every object of a success body gets an extra member conform_extra {trace}"},
      {Variant::status_201, "status-201", "success-status",
       "bigin-mail,capillary-email,genesys-email,whippy-email",
       "success is answered 201 where the contract's success code is a class or inferred"},
      {Variant::status_202, "status-202", "success-status",
       "bigin-mail,capillary-email,genesys-email,whippy-email",
       "success is answered 202 where the contract's success code is a class or inferred"},
      {Variant::reject_past_schedule, "reject-past-schedule", "past-schedule", "*",
       "a valid RFC 3339 date-time earlier than now gets the API's 4xx"},
      {Variant::reject_empty_strings, "reject-empty-strings", "empty-values", "*",
       "\"\" for an optional string member gets the API's 4xx (not at email fields whose contract "
       "allows empty)"},
      {Variant::reject_long_strings, "reject-long-strings", "long-strings", "*",
       "any string longer than 1000 code points gets the API's 4xx"},
      {Variant::case_insensitive_enums, "case-insensitive-enums", "enum-letter-case", "*",
       "enum values in the body and enum path parameters match ignoring letter case"},
      {Variant::partial_results, "partial-results", "partial-results",
       "bigin-mail,capillary-message",
       "with two or more items of which only some are invalid, each item gets its own result "
       "(bigin 207, capillary 200 with item errors)"},
      {Variant::numeric_ids, "numeric-ids", "response-field-types", "capillary-email",
       "the success body's response.email ids are JSON integers instead of strings"},
  };
  return table;
}

const VariantSpec* find_variant(const std::string& name) {
  for (const auto& spec : variant_table()) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

const VariantSpec& variant_spec(Variant variant) {
  return variant_table().at(static_cast<size_t>(variant));
}

std::string variant_names() {
  std::string out;
  for (const auto& spec : variant_table())
    out += (out.empty() ? "" : ", ") + std::string(spec.name);
  return out;
}

bool variant_covers(const VariantSpec& spec, const std::string& api_id) {
  std::string_view apis = spec.apis;
  if (apis == "*") return true;
  while (!apis.empty()) {
    size_t comma = apis.find(',');
    if (apis.substr(0, comma) == api_id) return true;
    if (comma == std::string_view::npos) break;
    apis.remove_prefix(comma + 1);
  }
  return false;
}

VariantSet VariantSet::from_names(const std::vector<std::string>& names) {
  VariantSet set;
  for (const auto& name : names) {
    const VariantSpec* spec = find_variant(name);
    if (!spec) {
      throw std::invalid_argument("unknown variant '" + name +
                                  "'; the variants are: " + variant_names());
    }
    set.add(spec->variant);
  }
  return set;
}

}  // namespace conform
