#pragma once
/// A replay case: one request to send and what a conforming server must do with it.
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/run_types.hpp"

namespace conform {

/// What the server is asked to do with the request.
enum class Intent {
  accept,          ///< a valid request: it must be accepted
  reject,          ///< an invalid request: it must be rejected
  malformed,       ///< the body is not JSON: it must be rejected with a 4xx
  unauthenticated  ///< no credentials: it must get 401 or 403
};

/// A body matcher: the value at `pointer` equals `equals`, or has as many elements as the
/// request array at `same_length_as`.
struct Matcher {
  std::string pointer;
  std::optional<nlohmann::json> equals;
  std::string same_length_as;  ///< a pointer into the request body
};

/// The resolved expectation for one case (defaults filled in from the contract).
struct Interaction {
  std::string status;              ///< "2xx", "4xx" or an exact code such as "422"
  std::string status_requirement;  ///< requirement an exact status belongs to
  std::string status_locator;
  bool body_forms = false;   ///< a 2xx whose body matches a rejection body form is a rejection
  std::string content_type;  ///< expected media type; "" = not checked
  bool response_schema = false;
  bool response_documented = true;  ///< false: the page gives no response shape (OBSERVED only)
  std::vector<Matcher> matchers;
};

/// One case of a replay run.
struct ReplayCase {
  std::string id;  ///< `<api>/<name>`, stable across runs
  std::string api;
  std::string name;     ///< fixture file stem or probe name
  std::string channel;  ///< resolved channel key ("" when the API has none)
  Intent intent = Intent::accept;
  std::vector<std::string> requirements;
  std::string primary_requirement;  ///< the id acceptance/rejection failures are filed under
  std::string primary_locator;
  std::vector<std::string> errors_at;  ///< pointers of the invalid fields (negative cases)
  std::string xfail;                   ///< non-empty: a known deviation, with its reason
  bool observe_only = false;           ///< a probe no page settles: only a 5xx may fail it
  std::string open_point;     ///< for an observe-only case: the open point it probes, and why
  std::string open_point_id;  ///< its id in the register (`null-as-absent`, `x-accept:...`)
  std::vector<std::string> probed_at = {};  ///< pointers an observed probe or open mutant changed
  std::vector<std::string> rewrites;  ///< what was changed before sending (scheduling times moved)
  std::string origin;                 ///< the fixture file, or "generated"
  HttpRequest request;                ///< path relative to the target's prefix; real credentials
  std::optional<nlohmann::json> request_body;  ///< parsed body, for matchers
  Interaction interaction;
};

/// "accept", "reject", "malformed", "unauthenticated".
const char* intent_name(Intent intent);

/// What a case of this intent must get, for people: "must be rejected", "no credentials: must
/// get 401 or 403" (`--list-cases`).
const char* intent_expectation(Intent intent);

/// What this case must get, for people: intent_expectation, or for an observe-only case
/// "observed: either answer passes, only a 5xx fails" (the page leaves it open).
const char* case_expectation(const ReplayCase& c);

}  // namespace conform
