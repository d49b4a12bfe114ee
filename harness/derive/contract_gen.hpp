#pragma once
/// contract.json from a page: the request line, parameters, auth, statuses and requirements the
/// page states, conform's defaults (the general open points, the lenient email policy, the 4xx
/// rejection), then the overlay's `contract` patches; what neither gives is named as missing.
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "derive/doc_table.hpp"
#include "derive/overlay.hpp"

namespace conform::derive {

/// Where a top-level contract field came from.
enum class FieldOrigin { kPage, kDefault, kOverlay, kPageAndOverlay };

/// A derived contract, what the page and the overlay left unstated, and each field's origin.
struct ContractDerivation {
  nlohmann::ordered_json contract;
  std::vector<std::string> missing;  ///< e.g. "no auth scheme on the page: add one to overlay.json"
  std::map<std::string, FieldOrigin> origins;  ///< by top-level key
};

/// Derives contract.json. `schemas` are the derived schema documents by file name, in output
/// order (their `x-requirement` nodes become requirements). Throws DeriveError on a bad patch.
ContractDerivation derive_contract(
    const DocPage& page, const Overlay& overlay,
    const std::vector<std::pair<std::string, nlohmann::ordered_json>>& schemas);

/// Applies one overlay contract patch: RFC 7386, except that the lists `requirements` and
/// `open_points` (by `id`) and `path_params` and `query_params` (by `name`) merge item by item,
/// new items appended.
void apply_contract_patch(nlohmann::ordered_json& contract, const nlohmann::ordered_json& patch);

/// The open points every page leaves (conform's general register).
const nlohmann::ordered_json& general_open_points();

/// "page", "default", "overlay" or "page+overlay".
const char* origin_name(FieldOrigin origin);

}  // namespace conform::derive
