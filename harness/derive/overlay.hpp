#pragma once
/// The per-API overlay (`schemas/<api>/overlay.json`): only what the page does not state, each
/// entry with a reason. Names for rows whose name is lost, which tables become which files
/// (and under which root), and merge patches on the generated schemas.
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "derive/doc_table.hpp"

namespace conform::derive {

/// A broken overlay or an impossible derivation: exit 2.
class DeriveError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// A name the page lost, given to the row at `line`.
struct OverlayName {
  int line = 0;
  std::string name;
};

/// One generated schema file: the table it comes from (0: none, the patches build it).
struct OverlayOutput {
  std::string file;
  int section = 0;
  std::string root;  ///< path prefix the table's rows nest under, e.g. `data[]`
  std::string title;
};

/// A merge patch applied at each pointer of one generated file.
struct OverlayPatch {
  std::string file;
  std::vector<std::string> pointers;
  nlohmann::ordered_json merge;
};

/// A parsed overlay.
struct Overlay {
  std::string api;
  std::string snapshot;
  std::vector<OverlayName> names;
  std::vector<OverlayOutput> outputs;
  std::vector<OverlayPatch> patches;
  /// Patches on the derived contract.json (any member, known or new), applied in order.
  std::vector<nlohmann::ordered_json> contract;
};

/// Parses an overlay document; throws DeriveError when an entry lacks a reason or a field.
Overlay parse_overlay(const nlohmann::ordered_json& j, const std::string& origin);

/// Gives lost names to rows and roots to sections, before nesting.
void apply_overlay_to_page(DocPage& page, const Overlay& overlay);

/// Applies the overlay's patches for `file` to `schema`; throws DeriveError on a bad pointer.
void apply_patches(nlohmann::ordered_json& schema, const Overlay& overlay, const std::string& file);

}  // namespace conform::derive
