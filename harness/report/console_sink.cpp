#include "report/console_sink.hpp"

#include <cstdio>

namespace conform {
namespace {

size_t count_of(const RunSummary& summary, Outcome outcome) {
  auto it = summary.counts.find(outcome);
  return it == summary.counts.end() ? 0 : it->second;
}

bool worth_showing(Outcome outcome) { return outcome != Outcome::pass; }

}  // namespace

std::string summary_line(const RunSummary& s) {
  return std::to_string(count_of(s, Outcome::pass)) + " passed, " + std::to_string(count_of(s, Outcome::fail)) +
         " failed, " + std::to_string(count_of(s, Outcome::observed)) + " observed, " +
         std::to_string(count_of(s, Outcome::xfail)) + " xfail, " + std::to_string(count_of(s, Outcome::xpass)) +
         " xpass, " + std::to_string(count_of(s, Outcome::error)) + " error, " +
         std::to_string(count_of(s, Outcome::timeout)) + " timeout";
}

std::string failure_line(const Failure& f) {
  std::string line = f.check + " [" + f.requirement + (f.locator.empty() ? "" : " @ " + f.locator) + "]";
  if (!f.pointer.empty()) line += " at " + f.pointer;
  line += ": expected " + (f.expected.empty() ? "(see message)" : f.expected) + ", got " +
          (f.actual.empty() ? "(nothing)" : f.actual);
  if (!f.message.empty()) line += " - " + f.message;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

ConsoleSink::ConsoleSink(std::ostream& out, std::ostream& progress, bool show_progress)
    : out_(out), progress_(progress), show_progress_(show_progress) {}

void ConsoleSink::run_started(const RunInfo& info) {
  out_ << "conform " << info.mode << " against " << info.target << (info.shard.empty() ? "" : " (shard " + info.shard + ")")
       << "\n";
}

void ConsoleSink::clear_progress() {
  if (show_progress_) progress_ << "\r\033[K" << std::flush;
}

void ConsoleSink::case_finished(const CaseResult& r) {
  ++done_;
  failing_ += fails_gate(r.outcome) ? 1 : 0;
  if (r.outcome == Outcome::observed) {
    // `x-accept:<pattern>:<keyword>` points are counted by keyword; the note names the pattern.
    std::string kind = r.observed_kind;
    if (kind.rfind("x-accept:", 0) == 0) kind = "x-accept " + kind.substr(kind.rfind(':') + 1);
    ++observed_by_kind_[kind];
  }
  if (worth_showing(r.outcome)) {
    clear_progress();
    out_ << outcome_name(r.outcome) << " " << r.id << (r.note.empty() ? "" : " (" + r.note + ")") << "\n";
    for (const auto& f : r.failures) out_ << "  " << failure_line(f) << "\n";
    if (!r.curl.empty() && r.outcome != Outcome::observed) out_ << "  reproduce: " << r.curl << "\n";
  }
  if (show_progress_) progress_ << "\r" << done_ << " cases, " << failing_ << " failing" << std::flush;
}

void ConsoleSink::run_finished(const RunSummary& summary) {
  clear_progress();
  out_ << summary_line(summary) << " (" << summary.total() << " cases in "
       << static_cast<long>(summary.wall_ms) << " ms)\n";
  if (summary.interrupted_by != 0) {
    out_ << "INTERRUPTED by " << signal_name(summary.interrupted_by) << " after " << summary.total() << " of "
         << summary.planned << " cases: nothing was sent after it, and the reports hold the cases that ran\n";
  }
  if (!observed_by_kind_.empty()) {
    out_ << "observed, by open point (the pages leave these open; they never fail):";
    for (const auto& [kind, count] : observed_by_kind_) out_ << " " << kind << " " << count << ";";
    out_ << "\n";
  }
  out_ << std::flush;
}

}  // namespace conform
