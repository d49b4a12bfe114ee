#pragma once
/// Interactions: what a server must do with a fixture, by default and as a fixture overrides it.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cases/replay_case.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// The expectation a case gets from its API's contract alone (docs/contract-format.md,
/// "Interactions"): 2xx + response schema + JSON for accept; the rejection semantics, or the
/// exact documented status of a named requirement, for reject; a 4xx otherwise.
Interaction default_interaction(const ApiEntry& api, const std::string& channel, Intent intent,
                                const std::vector<std::string>& requirements);

/// Applies a fixture's `interaction` object over `out`; throws ContractError naming `origin`
/// and the JSON pointer of the bad member.
void apply_interaction(const nlohmann::json& spec, const std::string& origin, const ApiEntry& api,
                       const std::vector<std::string>& requirements, Interaction& out);

/// True for "2xx"-style classes and for three-digit codes 100..599.
bool is_status_spec(const std::string& spec);

/// True when `status` is the code `spec` names, or falls in its class.
bool status_matches(const std::string& spec, int status);

}  // namespace conform
