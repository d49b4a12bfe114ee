#pragma once
/// Cross-references inside one contract bundle, checked as it loads: every requirement id a
/// schema node (`x-requirement`, `x-requirements`) or contract.json (a parameter, the auth
/// scheme, a status, the rejection) names must be in the contract's `requirements`.
#include <string>

#include "contract/source.hpp"

namespace conform {

/// Throws ContractError "FILE: /pointer: names requirement 'id', which contract.json does not
/// list" for the first id the bundle names but does not list.
void check_requirement_references(const ApiBundle& bundle, const SchemaSource& source);

}  // namespace conform
