/// `conform report render|merge`: other formats from a JSON report, and joined reports.
#include <charconv>
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "core/outcome_table.hpp"
#include "report/html_render.hpp"
#include "report/junit_render.hpp"
#include "report/markdown_render.hpp"
#include "report/report_io.hpp"
#include "report/report_merge.hpp"
#include "report/report_model.hpp"
#include "report/report_schema.hpp"
#include "report/report_set.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// Reads a report (JSON or NDJSON) and checks it against the report schema.
json read_checked_report(const ReportSchema& schema, const std::string& file) {
  json report = read_report_file(file);
  auto problems = schema.problems(report);
  if (problems.empty()) return report;
  std::string message = file + ": not a conform report (version 1):";
  for (size_t i = 0; i < problems.size() && i < 5; ++i) message += "\n  " + problems[i];
  if (problems.size() > 5)
    message += "\n  ... and " + std::to_string(problems.size() - 5) + " more";
  throw ReportError(message);
}

void write_output(const std::optional<std::string>& out, const std::string& text) {
  if (!out || *out == "-") {
    std::cout << text;
    return;
  }
  write_file_atomic(*out, text);
}

/// The flags of `conform report render` and `conform report merge`.
struct ReportFlags {
  std::string input;                ///< render's one report
  std::vector<std::string> inputs;  ///< merge's reports
  std::string format;
  std::optional<std::string> out;
  bool force = false;
  bool gate = false;
};

int run_render(const ReportFlags& flags) {
  ReportSchema schema;
  write_output(flags.out, report_renderer(flags.format)(read_checked_report(schema, flags.input)));
  return kExitOk;
}

/// What came of one sharded run (its mode, target and N): the parts K and the seeds.
struct ShardParts {
  unsigned total = 0;
  std::set<unsigned> parts;
  std::set<std::string> seeds;
};

/// Reads "K/N" into part and total; false when it is not 1 <= K <= N.
bool parse_shard(const std::string& text, unsigned& part, unsigned& total) {
  auto slash = text.find('/');
  if (slash == std::string::npos) return false;
  const char* begin = text.data();
  const char* end = begin + text.size();
  auto first = std::from_chars(begin, begin + slash, part);
  auto second = std::from_chars(begin + slash + 1, end, total);
  return first.ec == std::errc() && first.ptr == begin + slash && second.ec == std::errc() &&
         second.ptr == end && part >= 1 && part <= total;
}

/// The shards of each run must all be there, each once, with one seed; otherwise a reason.
void check_shards(const json& runs, std::vector<std::string>& reasons) {
  std::map<std::string, ShardParts> runs_by_key;
  for (const auto& run : runs) {
    const std::string shard = run.value("shard", "");
    if (shard.empty()) continue;
    unsigned part = 0, total = 0;
    if (!parse_shard(shard, part, total)) {
      reasons.push_back("a run names shard '" + shard + "', which is no part K of N");
      continue;
    }
    std::string key = run.value("mode", "") + " against " + run.value("target", "") + " in " +
                      std::to_string(total) + " shards";
    ShardParts& found = runs_by_key[key];
    found.total = total;
    found.parts.insert(part);
    found.seeds.insert(run.value("seed", json()).dump());
  }
  for (const auto& [key, found] : runs_by_key) {
    const size_t absent = found.total - found.parts.size();
    std::string missing;
    for (unsigned k = 1, listed = 0; k <= found.total && listed < 10; ++k) {
      if (found.parts.count(k)) continue;
      missing += (listed++ ? ", " : "") + std::to_string(k) + "/" + std::to_string(found.total);
    }
    if (absent > 10) missing += ", ...";
    if (absent > 0)
      reasons.push_back(key + ": " + std::to_string(absent) + " shard(s) missing (" + missing +
                        ")");
    std::string seeds;
    for (const auto& seed : found.seeds) seeds += (seeds.empty() ? "" : ", ") + seed;
    if (found.seeds.size() > 1) {
      reasons.push_back(key + ": the shards ran with different seeds (" + seeds +
                        "), so they are parts of different runs");
    }
  }
}

/// Why a merged report fails the gate, one sentence each; none when it passes. A case that fails
/// it, a run a signal stopped, a report rebuilt from a killed run's stream, and a sharded run
/// that is not all there (a missing shard, or two seeds) each fail it: such a merge is not the
/// whole run it stands for.
std::vector<std::string> gate_failures(const json& merged) {
  std::vector<std::string> reasons;
  const json& summary = merged["summary"];
  if (!summary.value("passed", false)) {
    std::map<std::string, size_t> failing;  // by outcome; an allowed REFUSED case is not here
    for (const auto& entry : merged["cases"]) {
      if (case_fails_gate(entry)) ++failing[entry.value("outcome", "ERROR")];
    }
    std::string counts;
    for (const std::string& name : gate_failing_outcome_names()) {
      if (size_t n = failing[name]; n > 0)
        counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + name;
    }
    reasons.push_back(counts + " of " + std::to_string(summary.value("total", size_t{0})) +
                      " cases");
  }
  bool stopped = false;
  for (const auto& run : merged["runs"]) {
    if (!run.contains("interrupted")) continue;
    stopped = true;
    reasons.push_back(run.value("mode", "") + " " + run.value("shard", "") + " was stopped by " +
                      run["interrupted"].value("signal", "a signal") + " before its last case");
  }
  if (!stopped && !merged.value("complete", false)) {
    reasons.push_back(
        "a report is incomplete (rebuilt from the event stream of a run that never finished)");
  }
  check_shards(merged["runs"], reasons);
  return reasons;
}

/// --gate: 0 when the merged report passes, 1 when it fails (each reason on stderr), 2 on no case.
int gate_exit(const json& merged) {
  if (merged["summary"].value("total", size_t{0}) == 0) {
    std::cerr
        << "conform report merge: the gate has nothing to judge: the merged report holds no case\n";
    return kExitUsage;
  }
  auto reasons = gate_failures(merged);
  if (reasons.empty()) {
    std::cerr << "conform report merge: the gate passes\n";
    return kExitOk;
  }
  std::cerr << "conform report merge: the gate fails:\n";
  for (const auto& reason : reasons) std::cerr << "  " << reason << "\n";
  return kExitFailed;
}

int run_merge(const ReportFlags& flags) {
  ReportSchema schema;
  std::vector<MergeInput> inputs;
  for (const auto& file : flags.inputs) inputs.push_back({file, read_checked_report(schema, file)});
  json merged = merge_reports(inputs, flags.force);
  auto problems = schema.problems(merged);
  if (!problems.empty())
    throw ReportError("the merged report breaks the schema: " + problems.front());
  write_output(flags.out, report_text(merged));
  std::cerr << "conform report merge: " << inputs.size() << " reports, "
            << merged["summary"]["total"] << " cases → " << *flags.out << "\n";
  return flags.gate ? gate_exit(merged) : kExitOk;
}

const char* const kReportDescription =
    "render writes another format from a JSON report (version 1, checked against\n"
    "schemas/meta/report.schema.json). IN may also be the PATH.ndjson event stream that\n"
    "--report json:PATH writes while a run goes: a killed run still renders.\n"
    "merge joins the reports of shards, or of runs against several targets (the HTML then\n"
    "shows a target x requirement matrix). It refuses reports whose contract hashes differ,\n"
    "or that hold the same case for the same target twice, unless --force is given.\n";

const char* const kReportExitCodes =
    "exit codes: 0 written (with --gate: and it passes), 1 with --gate: the merged report fails\n"
    "            the gate (it is still written), 2 usage error, unreadable or invalid report,\n"
    "            merge refused, or --gate on no case\n";

CLI::App* declare_render(CLI::App& report, ReportFlags& flags) {
  CLI::App* render = report.add_subcommand(
      "render", "write another format from a JSON report (or its NDJSON stream)");
  render->allow_extras();
  render->description(render->get_description() + "\n\n" + kReportDescription);
  render->footer(kReportExitCodes);
  std::vector<std::string> formats = report_formats();
  render
      ->add_option("--format", flags.format,
                   "junit (one testsuite per API), md (PR summary), html (self-contained\n"
                   "matrix), or json (a JSON report, e.g. rebuilt from an NDJSON stream)")
      ->type_name(CLI::detail::join(formats, "|"))
      ->check(one_word_of(formats))
      ->required();
  render->add_option("-o", flags.out, "output file, written atomically (default: standard output)")
      ->type_name("OUT");
  render->add_option("IN.json", flags.input, "the report to render")->required();
  return render;
}

CLI::App* declare_merge(CLI::App& report, ReportFlags& flags) {
  CLI::App* merge =
      report.add_subcommand("merge", "join the reports of shards or of several targets");
  merge->allow_extras();
  merge->description(merge->get_description() + "\n\n" + kReportDescription);
  merge->footer(kReportExitCodes);
  merge->add_option("-o", flags.out, "output file, written atomically")
      ->type_name("OUT.json")
      ->required();
  merge->add_flag("--force", flags.force,
                  "merge despite differing contract hashes; a later duplicate case wins");
  merge->add_flag(
      "--gate", flags.gate,
      "the CI merge job's verdict: exit 1 unless the merged report passes the gate:\n"
      "no case FAIL, XPASS, ERROR, TIMEOUT or REFUSED, no run stopped by a signal or left\n"
      "incomplete, and every sharded run (mode, target, N) has each shard K of N,\n"
      "all with one seed; each reason is printed. A merge with no case is exit 2");
  merge->add_option("IN.json", flags.inputs, "the reports to join")->required();
  return merge;
}

/// Runs the chosen one of render and merge; a report that cannot be read or merged is exit 2.
int run_report(const CLI::App& report, const CLI::App& render, const CLI::App& merge,
               const ReportFlags& flags) {
  std::vector<std::string> left = report.remaining();
  if (!left.empty() && left.front()[0] != '-')
    throw UsageError("unknown report subcommand '" + left.front() + "' (render or merge)");
  refuse_leftovers(report);
  if (!render.parsed() && !merge.parsed())
    throw UsageError("report needs a subcommand: render or merge");
  refuse_leftovers(render.parsed() ? render : merge);
  try {
    return render.parsed() ? run_render(flags) : run_merge(flags);
  } catch (const ReportError& e) {
    std::cerr << "conform report: " << e.what() << "\n";
  } catch (const MergeConflict& e) {
    std::cerr << "conform report merge: refused: " << e.what() << "\n";
  }
  return kExitUsage;
}

}  // namespace

CommandRun declare_report(CLI::App& app) {
  auto flags = std::make_shared<ReportFlags>();
  app.description(kReportDescription);
  app.footer(kReportExitCodes);
  CLI::App* render = declare_render(app, *flags);
  CLI::App* merge = declare_merge(app, *flags);
  return [&app, render, merge, flags] { return run_report(app, *render, *merge, *flags); };
}

}  // namespace conform
