#pragma once
/// Turns fixtures into replay cases, and adds the generated probes (channel letter case,
/// default channel, path values outside an enum, requests without credentials).
#include <map>
#include <set>
#include <string>
#include <vector>

#include "engine/replay_case.hpp"
#include "contract/source.hpp"
#include "fixture/fixture.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// What every case of a run shares.
struct CaseSettings {
  std::map<std::string, std::string> credentials;  ///< api id → auth header value
  std::set<std::string> apis;                       ///< selected api ids; empty = every API
  std::map<std::string, std::set<std::string>> inferred_statuses;  ///< api → inferred codes
};

/// The status codes each contract marks `inferred` (a code the page does not state never
/// fails the gate), read from the contract files of `source`.
std::map<std::string, std::set<std::string>> read_inferred_statuses(const SchemaSource& source);

/// Request fixtures of the selected APIs become cases (response fixtures are offline only),
/// followed by each API's probes. Throws ContractError naming the fixture file and pointer.
std::vector<ReplayCase> build_cases(const Catalog& catalog, const std::vector<Fixture>& fixtures,
                                    const CaseSettings& settings);

/// The case a fixture becomes: its request (path values, channel, credential), its intent and
/// its interaction. Throws ContractError naming the fixture file and pointer.
ReplayCase case_from_fixture(const ApiEntry& api, const Fixture& fixture, const std::string& credential);

/// A copy of a base case with a new name, intent and requirement, and the defaults they imply.
ReplayCase derive_case(const ApiEntry& api, const ReplayCase& base, const std::string& name, Intent intent,
                       const std::string& requirement);

/// The auth header value for an API: `--auth`, then `CONFORM_AUTH_<ID>`, then the placeholder.
std::string credential_for(const Contract& contract,
                           const std::map<std::string, std::string>& from_flags);

/// `bigin-mail` → `CONFORM_AUTH_BIGIN_MAIL`.
std::string credential_env_name(const std::string& api_id);

}  // namespace conform
