#include "derive/sample_bundle.hpp"

#include "derive/canonical_json.hpp"
#include "derive/requirement_summary.hpp"

namespace conform::derive {
namespace {

using ojson = nlohmann::ordered_json;
using Schemas = std::vector<std::pair<std::string, ojson>>;

const char* stem_of(SectionKind kind) {
  return kind == SectionKind::kRequest ? "request" : "response";
}

// The one schema file for a kind, "" when there is none or more than one.
std::string single_schema(const Schemas& schemas, SectionKind kind) {
  std::string found;
  for (const auto& entry : schemas) {
    if (stem_kind(entry.first) != kind) continue;
    if (!found.empty()) return "";
    found = entry.first;
  }
  return found;
}

ojson fixture_path_params(const ojson& contract) {
  ojson out = ojson::object();
  for (const auto& p : contract.value("path_params", ojson::array())) {
    std::string value = "1";
    if (p.contains("example"))
      value = p["example"].get<std::string>();
    else if (p.contains("enum") && !p["enum"].empty())
      value = p["enum"][0].get<std::string>();
    out[p["name"].get<std::string>()] = value;
  }
  return out;
}

std::string requirement_for(const Schemas& schemas, const std::string& file,
                            const ojson& contract) {
  for (const auto& entry : schemas) {
    if (entry.first != file) continue;
    auto reqs = schema_requirements({entry});
    if (!reqs.empty()) return reqs[0]["id"].get<std::string>();
  }
  return contract["requirements"][0]["id"].get<std::string>();
}

}  // namespace

SectionKind stem_kind(const std::string& file) {
  return file.rfind("request", 0) == 0 ? SectionKind::kRequest : SectionKind::kResponse;
}

const PageSample* first_sample(const std::vector<PageSample>& samples, SectionKind kind) {
  for (const auto& s : samples) {
    if (s.kind == kind) return &s;
  }
  return nullptr;
}

void add_sample_outputs(std::vector<OverlayOutput>& outputs, const std::vector<PageSample>& samples,
                        const std::string& api) {
  for (SectionKind kind : {SectionKind::kRequest, SectionKind::kResponse}) {
    bool has = false;
    for (const auto& o : outputs) has = has || stem_kind(o.file) == kind;
    if (has || (!first_sample(samples, kind) && kind == SectionKind::kRequest)) continue;
    std::string stem = stem_of(kind);
    outputs.push_back({stem + ".schema.json", 0, "", api + " " + stem + " body"});
  }
}

std::vector<SampleCheck> check_samples(const DocPage& page, const std::vector<PageSample>& samples,
                                       Schemas& schemas) {
  std::vector<SampleCheck> checks;
  for (const auto& sample : samples) {
    SampleCheck check{&sample, single_schema(schemas, sample.kind), {}};
    for (auto& entry : schemas) {
      if (entry.first != check.schema_file) continue;
      check.conflicts = sample_conflicts(page, sample, entry.second);
      open_conflicts(entry.second, check.conflicts);
    }
    checks.push_back(std::move(check));
  }
  return checks;
}

void add_conflict_points(ojson& contract, const DocPage& page,
                         const std::vector<SampleCheck>& checks) {
  for (const auto& check : checks) {
    if (check.conflicts.empty()) continue;
    std::string where;
    for (const auto& c : check.conflicts) where += (where.empty() ? "" : ", ") + c.pointer;
    contract["open_points"].push_back(
        {{"id", "sample-contradicts-table-" + std::to_string(check.sample->line)},
         {"where", std::string(stem_of(check.sample->kind)) + " members " + where},
         {"permitted", {"the table's type", "the sample's type"}},
         {"sentence", "The page's sample and its table disagree on a value's type (" +
                          check.conflicts.front().reason + "), so either reading keeps the page."},
         {"locator", locator(page, check.sample->line)}});
  }
}

std::vector<DerivedFile> sample_fixtures(const DocPage& page, const std::string& api,
                                         const std::vector<PageSample>& samples,
                                         const std::vector<SampleCheck>& checks,
                                         const Schemas& schemas, const ojson& contract) {
  (void)samples;
  std::vector<DerivedFile> out;
  if (!contract.contains("requirements") || contract["requirements"].empty()) return out;
  for (const auto& check : checks) {
    if (check.schema_file.empty()) continue;
    ojson fixture = sample_fixture(*check.sample, locator(page, check.sample->line),
                                   requirement_for(schemas, check.schema_file, contract),
                                   fixture_path_params(contract), check.conflicts);
    out.push_back({api + "/" + sample_fixture_name(*check.sample, !check.conflicts.empty()),
                   canonical_dump(fixture, false)});
  }
  return out;
}

}  // namespace conform::derive
