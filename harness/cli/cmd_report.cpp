/// `conform report render|merge`: other formats from a JSON report, and joined reports.
#include <iostream>

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
  return kExitOk;
}

}  // namespace

int run_report(const std::vector<std::string>& argv) {
  Args args(argv, {{"--format", "-o"}, {"--force"}});
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
