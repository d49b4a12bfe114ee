#pragma once
/// Schema generation: doc table + overlay → the files of `schemas/<api>/`.
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "derive/contract_gen.hpp"
#include "derive/doc_table.hpp"
#include "derive/overlay.hpp"

namespace conform::derive {

/// One derived file, relative to the schemas directory (`<api>/<file>`), in canonical form.
struct DerivedFile {
  std::string path;
  std::string text;
};

/// The draft-07 schema of the given tables (rows must have paths). Never throws.
nlohmann::ordered_json tables_schema(const DocPage& page,
                                     const std::vector<const DocSection*>& sections,
                                     const std::string& api, const std::string& title);

/// Every file of one API, and what the contract still lacks.
struct DerivedBundle {
  std::vector<DerivedFile> files;  ///< relative to the schemas directory
  ContractDerivation contract;
  std::vector<DerivedFile> fixtures;  ///< one per page sample, relative to a fixtures directory
};

/// Derives the schemas the overlay lists (or one per request/response table), contract.json
/// and doctable.json. Throws DeriveError on a broken overlay.
DerivedBundle derive_bundle(DocPage page, const Overlay& overlay);

/// Derives every file of one API: the schemas the overlay lists (or one per request/response
/// table without an overlay) and `doctable.json`. Throws DeriveError on a broken overlay.
std::vector<DerivedFile> derive_api(DocPage page, const Overlay& overlay);

}  // namespace conform::derive
