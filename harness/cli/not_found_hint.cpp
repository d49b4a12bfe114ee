#include "cli/not_found_hint.hpp"

#include <ostream>

namespace conform {

NotFoundHintSink::NotFoundHintSink(std::set<std::string> valid_case_ids, std::string target,
                                   std::ostream& err)
    : valid_case_ids_(std::move(valid_case_ids)), target_(std::move(target)), err_(err) {}

void NotFoundHintSink::case_finished(const CaseResult& result) {
  if (!valid_case_ids_.contains(result.id) || !result.exchange || !result.exchange->response)
    return;
  Tally& tally = by_api_[result.api];
  ++tally.valid;
  if (result.exchange->response->status == 404) ++tally.not_found;
}

void NotFoundHintSink::run_finished(const RunSummary&) {
  for (const auto& [api, tally] : by_api_) {
    if (tally.valid == 0 || tally.not_found != tally.valid) continue;
    err_ << "hint: every valid request of " << api << " (" << tally.valid << ") got 404 from "
         << target_ << ": is the target's path prefix right?\n";
  }
}

}  // namespace conform
