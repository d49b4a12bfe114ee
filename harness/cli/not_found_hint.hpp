#pragma once
/// A hint for the commonest wrong target: when every valid request of an API got 404, the
/// target's path prefix is likely wrong, not the server's contract.
#include <iosfwd>
#include <map>
#include <set>
#include <string>

#include "engine/event_sink.hpp"

namespace conform {

/// Watches the valid requests of each API; at the end, prints a hint for an API whose every
/// valid request got 404.
class NotFoundHintSink : public EventSink {
 public:
  /// `valid_case_ids`: the ids of the cases sent to be accepted.
  NotFoundHintSink(std::set<std::string> valid_case_ids, std::string target, std::ostream& err);
  void run_started(const RunInfo&) override {}
  void case_finished(const CaseResult& result) override;
  void run_finished(const RunSummary& summary) override;

 private:
  struct Tally {
    size_t valid = 0;
    size_t not_found = 0;
  };
  std::set<std::string> valid_case_ids_;
  std::string target_;
  std::ostream& err_;
  std::map<std::string, Tally> by_api_;
};

}  // namespace conform
