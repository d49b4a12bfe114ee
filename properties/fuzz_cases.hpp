#pragma once
/// Fuzz cases: valid values, mutants, probes and anonymous requests generated from the contract
/// schemas, as replay cases the engine can run. Each case can be regenerated from its seed.
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <rapidcheck.h>
#include <nlohmann/json.hpp>

#include "cases/replay_case.hpp"
#include "validate/catalog.hpp"

namespace conform {

/// One request schema to fuzz: an API, one of its channels, and the credential to send.
struct FuzzTarget {
  const ApiEntry* api = nullptr;
  std::string channel;  ///< "" when the API has no channels
  const nlohmann::json* schema = nullptr;
  const SchemaValidator* validator = nullptr;
  std::string credential;
  /// gen_valid of `schema`, built once: a case's value is `valid_values` at its seed and size.
  rc::Gen<nlohmann::json> valid_values;
};

/// What a generated case is.
enum class FuzzVariant { valid, mutant, probe, anonymous };

/// A generated case and how to make it again.
struct FuzzCase {
  ReplayCase replay;
  size_t target = 0;  ///< index into the targets
  uint64_t seed = 0;  ///< the case's own seed (derived from the run seed and its index)
  int size = 0;       ///< RapidCheck size it was generated at
  FuzzVariant variant = FuzzVariant::valid;
  size_t pick = 0;           ///< which mutant or probe of the value
  std::string mutant_kind;   ///< for a mutant: its MutationKind name
  std::string site_pattern;  ///< for a mutant or probe: its pointer with indices as `*`
  nlohmann::json body;       ///< the request body as sent
  bool settled = true;       ///< a mutant of a settled rule (false: an observed open-point probe)
  std::string constraint =
      {};  ///< for a mutant: `<site pattern> <keyword>`, for the coverage count
};

/// The request schemas of the selected APIs (all when `apis` is empty), each with its credential.
std::vector<FuzzTarget> fuzz_targets(const Catalog& catalog, const std::set<std::string>& apis,
                                     const std::map<std::string, std::string>& credentials);

/// `count` cases, spread over the targets, small ones first. The same seed gives the same cases.
std::vector<FuzzCase> plan_fuzz_cases(const std::vector<FuzzTarget>& targets, uint64_t seed,
                                      size_t count);

/// Case `index` of plan_fuzz_cases(targets, seed, count), made on its own. RapidCheck generation
/// is not thread-safe (its implicit parameters are process-wide), so callers on several threads
/// pass a `generation` mutex, held only while the valid value is generated.
FuzzCase plan_fuzz_case(const std::vector<FuzzTarget>& targets, uint64_t seed, size_t count,
                        size_t index, std::mutex* generation = nullptr);

/// The index a generated case's id carries (`<api>/fuzz-<index>-...`); nullopt for other ids.
std::optional<size_t> fuzz_case_index(const std::string& case_id);

/// The variant a generated case's id names (`<api>/fuzz-<index>-<variant>...`); nullopt for
/// other ids.
std::optional<FuzzVariant> fuzz_case_variant(const std::string& case_id);

/// The case of the same variant built on another valid value (a shrink candidate); std::nullopt
/// when the value has no site of the same kind.
std::optional<FuzzCase> rebuild_fuzz_case(const FuzzTarget& target, const FuzzCase& like,
                                          const nlohmann::json& valid_value);

/// Builds `fuzz_case.replay` from a valid value for its variant; `kind` and `site` (a mutation
/// kind or probe name, and a site pattern) restrict the sites, "" for any. `pick` chooses among
/// the fitting sites. False when the value has no fitting site.
bool build_fuzz_case(const FuzzTarget& target, FuzzCase& fuzz_case, const nlohmann::json& value,
                     const std::string& kind, const std::string& site);

/// The valid value a case was built on, regenerated from its seed and size.
nlohmann::json regenerate_value(const FuzzTarget& target, const FuzzCase& fuzz_case);

/// "valid", "mutant", "probe", "anonymous".
const char* fuzz_variant_name(FuzzVariant variant);

}  // namespace conform

namespace conform {

/// A fixture document that replays the case as a regression (valid and mutant cases only;
/// std::nullopt for probes and anonymous cases, which the fixture format cannot express).
std::optional<nlohmann::json> fixture_for(const FuzzCase& fuzz_case);

/// A file name for that fixture: a sentence naming the seed, the case and what it breaks.
std::string fixture_file_name(const FuzzCase& fuzz_case, uint64_t run_seed);

}  // namespace conform
