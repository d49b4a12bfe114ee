/// `conform report render|merge`: other formats from a JSON report, and joined reports.
#include <charconv>
#include <iostream>
#include <map>
#include <set>

#include "cli/commands.hpp"
#include "report/html_render.hpp"
#include "report/junit_render.hpp"
#include "report/markdown_render.hpp"
#include "report/report_io.hpp"
#include "report/report_merge.hpp"
#include "report/report_schema.hpp"

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
  if (problems.size() > 5) message += "\n  ... and " + std::to_string(problems.size() - 5) + " more";
  throw ReportError(message);
}

void write_output(const std::optional<std::string>& out, const std::string& text) {
  if (!out || *out == "-") {
    std::cout << text;
    return;
  }
  write_file_atomic(*out, text);
}

std::string render_as(const std::string& format, const json& report) {
  if (format == "junit") return render_junit(report);
  if (format == "md") return render_markdown(report);
  if (format == "html") return render_html(report);
  if (format == "json") return report_text(report);
  throw UsageError("--format must be junit, md, html or json");
}

int run_render(const Args& args) {
  const auto& inputs = args.positionals();
  if (inputs.size() != 2) throw UsageError("render takes one report: render IN.json --format F -o OUT");
  auto format = args.value("--format");
  if (!format) throw UsageError("render needs --format junit|md|html|json");
  if (*format != "junit" && *format != "md" && *format != "html" && *format != "json") {
    throw UsageError("--format must be junit, md, html or json");
  }
  ReportSchema schema;
  write_output(args.value("-o"), render_as(*format, read_checked_report(schema, inputs[1])));
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
    if (absent > 0) reasons.push_back(key + ": " + std::to_string(absent) + " shard(s) missing (" + missing + ")");
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
    std::string counts;
    for (const char* name : {"FAIL", "XPASS", "ERROR", "TIMEOUT"}) {
      size_t n = summary["counts"].value(name, size_t{0});
      if (n > 0) counts += (counts.empty() ? "" : ", ") + std::to_string(n) + " " + name;
    }
    reasons.push_back(counts + " of " + std::to_string(summary.value("total", size_t{0})) + " cases");
  }
  bool stopped = false;
  for (const auto& run : merged["runs"]) {
    if (!run.contains("interrupted")) continue;
    stopped = true;
    reasons.push_back(run.value("mode", "") + " " + run.value("shard", "") + " was stopped by " +
                      run["interrupted"].value("signal", "a signal") + " before its last case");
  }
  if (!stopped && !merged.value("complete", false)) {
    reasons.push_back("a report is incomplete (rebuilt from the event stream of a run that never finished)");
  }
  check_shards(merged["runs"], reasons);
  return reasons;
}

/// --gate: 0 when the merged report passes, 1 when it fails (each reason on stderr), 2 on no case.
int gate_exit(const json& merged) {
  if (merged["summary"].value("total", size_t{0}) == 0) {
    std::cerr << "conform report merge: the gate has nothing to judge: the merged report holds no case\n";
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

int run_merge(const Args& args) {
  const auto& positionals = args.positionals();
  if (positionals.size() < 2) throw UsageError("merge needs at least one report: merge IN.json... -o OUT.json");
  if (!args.value("-o")) throw UsageError("merge needs -o OUT.json");
  ReportSchema schema;
  std::vector<MergeInput> inputs;
  for (size_t i = 1; i < positionals.size(); ++i) {
    inputs.push_back({positionals[i], read_checked_report(schema, positionals[i])});
  }
  json merged = merge_reports(inputs, args.has("--force"));
  auto problems = schema.problems(merged);
  if (!problems.empty()) throw ReportError("the merged report breaks the schema: " + problems.front());
  write_output(args.value("-o"), report_text(merged));
  std::cerr << "conform report merge: " << inputs.size() << " reports, "
            << merged["summary"]["total"] << " cases → " << *args.value("-o") << "\n";
  return args.has("--gate") ? gate_exit(merged) : kExitOk;
}

}  // namespace

int run_report(const std::vector<std::string>& argv) {
  Args args(argv, {{"--format", "-o"}, {"--force", "--gate"}});
  if (args.positionals().empty()) throw UsageError("report needs a subcommand: render or merge");
  const std::string& action = args.positionals().front();
  try {
    if (action == "render") return run_render(args);
    if (action == "merge") return run_merge(args);
  } catch (const ReportError& e) {
    std::cerr << "conform report: " << e.what() << "\n";
    return kExitUsage;
  } catch (const MergeConflict& e) {
    std::cerr << "conform report merge: refused: " << e.what() << "\n";
    return kExitUsage;
  }
  throw UsageError("unknown report subcommand '" + action + "' (render or merge)");
}

}  // namespace conform
