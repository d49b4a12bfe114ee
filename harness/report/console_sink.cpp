#include "report/console_sink.hpp"

#include <cstdio>

namespace conform {
namespace {

size_t count_of(const RunSummary& summary, Outcome outcome) {
  auto it = summary.counts.find(outcome);
  return it == summary.counts.end() ? 0 : it->second;
}

bool worth_showing(Outcome outcome) {
  return outcome != Outcome::pass;
}

/// ", N refused" when the server refused any case (429/503 after the retries), else "".
std::string refused_count(const RunSummary& s) {
  size_t n = count_of(s, Outcome::refused);
  return n == 0 ? "" : ", " + std::to_string(n) + " refused";
}

}  // namespace

std::string summary_line(const RunSummary& s) {
  return std::to_string(count_of(s, Outcome::pass)) + " passed, " +
         std::to_string(count_of(s, Outcome::fail)) + " failed, " +
         std::to_string(count_of(s, Outcome::observed)) + " observed, " +
         std::to_string(count_of(s, Outcome::xfail)) + " xfail, " +
         std::to_string(count_of(s, Outcome::xpass)) + " xpass, " +
         std::to_string(count_of(s, Outcome::error)) + " error, " +
         std::to_string(count_of(s, Outcome::timeout)) + " timeout" + refused_count(s) +
         (count_of(s, Outcome::skip)
              ? ", " + std::to_string(count_of(s, Outcome::skip)) + " not sent (SKIP)"
              : "");
}

std::string failure_line(const Failure& f) {
  std::string line =
      f.check + " [" + f.requirement + (f.locator.empty() ? "" : " @ " + f.locator) + "]";
  if (!f.pointer.empty()) line += " at " + f.pointer;
  line += ": expected " + (f.expected.empty() ? "(see message)" : f.expected) + ", got " +
          (f.actual.empty() ? "(nothing)" : f.actual);
  if (!f.message.empty()) line += " - " + f.message;
  for (char& c : line) {
    if (c == '\n' || c == '\r') c = ' ';
  }
  return line;
}

std::string progress_line(size_t done, size_t planned, double seconds, size_t failing) {
  std::string line = std::to_string(done) + "/" + std::to_string(planned) + " cases";
  if (seconds > 0.2 && done > 0) {
    double rate = done / seconds;
    line += ", " + std::to_string(static_cast<long>(rate)) + "/s";
    if (planned > done)
      line += ", ETA " + std::to_string(static_cast<long>((planned - done) / rate + 0.5)) + " s";
  }
  return line + ", " + std::to_string(failing) + " failing";
}

ConsoleSink::ConsoleSink(std::ostream& out, std::ostream& progress, bool show_progress)
    : out_(out), progress_(progress), show_progress_(show_progress) {}

void ConsoleSink::run_started(const RunInfo& info) {
  planned_ = info.planned_cases;
  started_ = std::chrono::steady_clock::now();
  out_ << "conform " << info.mode << " against " << info.target
       << (info.shard.empty() ? "" : " (shard " + info.shard + ")") << "\n";
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
  if (worth_showing(r.outcome) && per_case_lines_) {
    clear_progress();
    out_ << outcome_name(r.outcome) << " " << r.id << (r.note.empty() ? "" : " (" + r.note + ")")
         << "\n";
    for (const auto& f : r.failures) out_ << "  " << failure_line(f) << "\n";
    if (!r.curl.empty() && r.outcome != Outcome::observed)
      out_ << "  reproduce: " << r.curl << "\n";
    out_ << std::flush;  // a CI log (stdout to a file) shows each failure as it happens
  }
  show_progress();
}

/// At most ten times a second, and always for the last case.
void ConsoleSink::show_progress() {
  if (!show_progress_) return;
  auto now = std::chrono::steady_clock::now();
  if (done_ != planned_ && now - last_progress_ < std::chrono::milliseconds(100)) return;
  last_progress_ = now;
  double seconds = std::chrono::duration<double>(now - started_).count();
  progress_ << "\r\033[K" << progress_line(done_, planned_, seconds, failing_) << std::flush;
}

void ConsoleSink::counterexample_found(const Counterexample& c) {
  clear_progress();
  std::string where = c.pointer.empty() ? "" : " at " + c.pointer;
  std::string requirement = c.requirement.empty() ? "" : " [" + c.requirement + "]";
  std::string check = c.check == c.outcome ? "" : " " + c.check;  // an ERROR has no check
  out_ << "\n"
       << c.outcome << " " << c.api << check << where << requirement << ": " << c.cases
       << " case(s), first " << c.first_case << "\n  " << c.message << "\n  minimal body ("
       << (c.not_shrunk.empty() ? "shrunk in " + std::to_string(c.steps) + " step(s), " +
                                      std::to_string(c.sends) + " request(s)"
                                : "not shrunk: " + c.not_shrunk)
       << "): " << c.minimal_body << "\n  reproduce: " << c.curl << "\n";
  if (!c.saved_as.empty()) out_ << "  saved as " << c.saved_as << "\n";
  if (!c.not_saved.empty()) out_ << "  not saved: " << c.not_saved << "\n";
  out_ << std::flush;
}

void ConsoleSink::run_finished(const RunSummary& summary) {
  clear_progress();
  out_ << summary_line(summary) << " (" << summary.total() << " cases in "
       << static_cast<long>(summary.wall_ms) << " ms)\n";
  if (summary.interrupted_by != 0) {
    out_ << "INTERRUPTED by " << signal_name(summary.interrupted_by) << " after " << summary.total()
         << " of " << summary.planned
         << " cases: nothing was sent after it, and the reports hold the cases that ran\n";
  }
  if (summary.stopped_at_failures != 0) {
    out_ << "STOPPED at " << summary.stopped_at_failures
         << " failing cases (--max-failures), after " << summary.total() << " of "
         << summary.planned << " cases\n";
  }
  if (size_t refused = count_of(summary, Outcome::refused)) {
    out_ << "REFUSED: " << refused
         << " case(s) got no verdict: the server still answered 429/503 after the retries; "
         << (summary.refused_allowed ? "allowed by --allow-refused"
                                     : "they fail the gate (--allow-refused lets them pass)")
         << "\n";
  }
  if (!observed_by_kind_.empty()) {
    out_ << "observed, by open point (the pages leave these open; they never fail):";
    for (const auto& [kind, count] : observed_by_kind_) out_ << " " << kind << " " << count << ";";
    out_ << "\n";
  }
  out_ << std::flush;
}

}  // namespace conform
