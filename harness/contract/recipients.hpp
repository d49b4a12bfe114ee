#pragma once
/// The request fields a contract marks as recipients (`recipients` in contract.json): who a
/// message goes to, as data, for the safety guard of live runs (engine/send_guard.hpp).
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform {

/// One recipient field: a pointer into the request body (`*` for every array element) and the
/// kind of address found there.
struct RecipientField {
  std::string pointer;  ///< e.g. `/data/*/to/*/email`
  std::string kind;     ///< "email" or "phone"
  std::string locator;  ///< the page line, or ""
};

/// Reads the optional `recipients` list of a contract; throws ContractError naming `origin`
/// and the member (`/recipients/2/kind`) when an entry is malformed.
std::vector<RecipientField> parse_recipient_fields(const nlohmann::json& document,
                                                   const std::string& origin);

/// The concrete pointers (`/data/0/to/1/email`) of every recipient string `field` matches in
/// `body`: a string at the pointer is one, an array at the pointer gives one per string element.
/// A `*` over a value that is not an array matches that value itself, so a single `to` object
/// where a list belongs (`/data/0/to/email`) is still found.
std::vector<std::string> recipient_values_at(const RecipientField& field,
                                             const nlohmann::json& body);

}  // namespace conform
