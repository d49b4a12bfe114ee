#pragma once
/// `conform report merge`: joins the reports of shards, or of runs against several targets.
#include <stdexcept>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform {

/// Reports that must not be merged (different contract hashes, the same case twice, another
/// report version); the CLI exits 2.
class MergeConflict : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// One input of a merge: the report and where it came from (for messages).
struct MergeInput {
  std::string origin;
  nlohmann::json report;
};

/// The merged report: runs, requirements and cases joined, summary recomputed. Throws
/// MergeConflict when two inputs hash an API's contract differently or hold the same case for
/// the same target; `force` merges anyway (a later duplicate case replaces the earlier one).
nlohmann::json merge_reports(const std::vector<MergeInput>& inputs, bool force);

}  // namespace conform
