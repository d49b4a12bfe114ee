#include "derive/contract_gen.hpp"

namespace conform::derive {

// The open points every page leaves, whatever its vendor: conform's general register.
const nlohmann::ordered_json& general_open_points() {
  static const nlohmann::ordered_json points = nlohmann::ordered_json::parse(R"json(
[
  {
    "id": "acceptance-core",
    "where": "every rule a schema marks x-accept",
    "permitted": [
      "accept a value outside the acceptance core",
      "reject it with a 4xx"
    ],
    "sentence": "Positive cases keep the acceptance core (identifying members, non-empty lists, value kinds); a value outside it is neither settled valid nor settled invalid."
  },
  {
    "id": "address-syntax",
    "where": "address fields the page calls an email ID or an address",
    "permitted": [
      "accept any address text",
      "reject an address of another syntax with a 4xx"
    ],
    "sentence": "The page names address fields without a syntax, so a server may check addresses loosely or strictly."
  },
  {
    "id": "null-as-absent",
    "where": "any optional member",
    "permitted": [
      "treat null as absent and accept",
      "reject with a 4xx"
    ],
    "sentence": "No page says how a null for an optional member is read, so a server may take it as absent or refuse it."
  },
  {
    "id": "enum-letter-case",
    "where": "enum values and enum path parameters",
    "permitted": [
      "accept another letter case",
      "reject with a 4xx"
    ],
    "sentence": "The pages list enum values in one spelling without saying whether letter case matters."
  },
  {
    "id": "unknown-fields",
    "where": "any object member the page does not list",
    "permitted": [
      "ignore it and accept",
      "reject with a 4xx"
    ],
    "sentence": "No page closes its objects, and none says that unknown members are refused."
  },
  {
    "id": "empty-values",
    "where": "empty strings, lists and objects where the page sets no minimum",
    "permitted": [
      "accept",
      "reject with a 4xx"
    ],
    "sentence": "The pages give no minimum length or size, so an empty value may be accepted or refused."
  },
  {
    "id": "long-strings",
    "where": "any free-text string",
    "permitted": [
      "accept",
      "reject with a 4xx"
    ],
    "sentence": "No page gives a maximum length, so a very long string may be accepted or refused, but never with a 5xx."
  },
  {
    "id": "unicode-text",
    "where": "any free-text string",
    "permitted": [
      "accept",
      "reject with a 4xx"
    ],
    "sentence": "No page restricts the characters of its text fields; refusing them is allowed, failing on them with a 5xx is not."
  },
  {
    "id": "large-lists",
    "where": "any list",
    "permitted": [
      "accept",
      "reject with a 4xx"
    ],
    "sentence": "No page gives a maximum number of items, so a very long list may be accepted or refused, but never with a 5xx."
  },
  {
    "id": "crlf-text",
    "where": "header-like text fields such as a subject",
    "permitted": [
      "accept the text without injecting a header",
      "reject with a 4xx"
    ],
    "sentence": "No page says whether line breaks are allowed in a subject; refusing them is allowed, failing with a 5xx is not."
  },
  {
    "id": "past-schedule",
    "where": "scheduling date-times",
    "permitted": [
      "accept and send now or later",
      "reject with a 4xx"
    ],
    "sentence": "The pages require an ISO date-time but do not say whether a time in the past is refused; cases move scheduling times into the future."
  },
  {
    "id": "response-extra-fields",
    "where": "success bodies",
    "permitted": [
      "extra members",
      "only the documented members"
    ],
    "sentence": "No response table closes its objects, so a success body may carry members the page does not list."
  },
  {
    "id": "auth-status",
    "where": "a request without credentials",
    "permitted": [
      "401",
      "403",
      "another 4xx (observed)"
    ],
    "sentence": "No page names the status that refuses a missing credential."
  }
]
)json");
  return points;
}

}  // namespace conform::derive
