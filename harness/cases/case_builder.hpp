#pragma once
/// Turns fixtures into replay cases, and adds the generated probes (channel letter case,
/// default channel, path values outside an enum, requests without credentials).
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "cases/replay_case.hpp"
#include "contract/source.hpp"
#include "fixture/fixture.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// A valid request body for one channel of an API ("" when it has none); std::nullopt when
/// none can be made. The probes of an API without a valid request fixture are built on it.
using BodyGenerator =
    std::function<std::optional<nlohmann::json>(const ApiEntry&, const std::string& channel)>;

/// What every case of a run shares.
struct CaseSettings {
  std::map<std::string, std::string> credentials;  ///< api id → auth header value
  std::set<std::string> apis;                      ///< selected api ids; empty = every API
  BodyGenerator generated_body = {};               ///< unset: an API without fixtures gets no probe
};

/// Request fixtures of the selected APIs become cases (response fixtures are offline only),
/// followed by each API's probes, built on its first valid fixture, or else on a generated body.
/// Throws ContractError naming the fixture file and pointer.
std::vector<ReplayCase> build_cases(const Catalog& catalog, const std::vector<Fixture>& fixtures,
                                    const CaseSettings& settings);

/// The case a fixture becomes: its request (path values, channel, credential), its intent and
/// its interaction. Throws ContractError naming the fixture file and pointer.
ReplayCase case_from_fixture(const ApiEntry& api, const Fixture& fixture,
                             const std::string& credential);

/// A request body generated from a schema, and what it is meant to be.
struct GeneratedRequest {
  std::string channel;  ///< a channel key ("" when the API has none); also sent in the query
  nlohmann::json body;
  Intent intent = Intent::accept;
  std::vector<std::string> requirements;  ///< empty: `<api>.response`
  std::vector<std::string> errors_at;     ///< for a negative case: the pointers it breaks
};

/// The case a generated body becomes (fuzz cases, and the body an API's probes are built on when
/// it has no valid fixture): the documented path with its example values, the default
/// interaction. Its name and origin say "generated"; callers rename it.
ReplayCase case_from_body(const ApiEntry& api, const GeneratedRequest& generated,
                          const std::string& credential);

/// The channel as a request's query spells it: the key, when the API has a channel parameter.
std::optional<std::string> query_channel_of(const Contract& contract, const std::string& channel);

/// A copy of a base case with a new name, intent and requirement, and the defaults they imply.
ReplayCase derive_case(const ApiEntry& api, const ReplayCase& base, const std::string& name,
                       Intent intent, const std::string& requirement);

/// The auth header value for an API: `--auth`, then `CONFORM_AUTH_<ID>`, then the placeholder;
/// a bare token from either gets the scheme word (credential_in_scheme).
std::string credential_for(const Contract& contract,
                           const std::map<std::string, std::string>& from_flags);

/// The scheme words of an auth scheme, without their trailing space (`Zoho-oauthtoken`; none
/// for a bare key such as whippy's).
std::vector<std::string> scheme_words(const AuthScheme& auth);

/// `value` with the scheme word in front when it is a bare token (one word, not the scheme word
/// itself) and the contract names exactly one scheme: `1000.ab` → `Zoho-oauthtoken 1000.ab`.
/// A value with a space already carries a scheme word and is kept; so is every value for an API
/// with no scheme word (whippy) or with two to choose from (Capillary's Basic or Bearer).
std::string credential_in_scheme(const AuthScheme& auth, const std::string& value);

/// "open point <id>: <sentence>" for a register entry or an `x-accept:<pattern>:<keyword>` rule
/// (its reason), or the id alone when neither knows it.
std::string describe_open_point(const ApiEntry& api, const std::string& open_point_id);

/// Makes `c` an observed probe of an open point: only a 5xx can fail it, and the outcome names
/// the point and where in the request it sits.
void observe_open_point(const ApiEntry& api, ReplayCase& c, const std::string& open_point_id,
                        const std::string& where);

/// `bigin-mail` → `CONFORM_AUTH_BIGIN_MAIL`.
std::string credential_env_name(const std::string& api_id);

}  // namespace conform
