#pragma once
/// How a bundle uses the page's samples: schemas for bodies without a table, the conflicts
/// between samples and tables (opened with x-accept, registered as open points), the fixtures.
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "derive/overlay.hpp"
#include "derive/samples.hpp"
#include "derive/schema_gen.hpp"

namespace conform::derive {

/// The conflicts of one sample with its schema (none when no single schema has its kind).
struct SampleCheck {
  const PageSample* sample = nullptr;
  std::string schema_file;  ///< "" when the sample has no single schema
  std::vector<SampleConflict> conflicts;
};

/// The body kind a schema file is for: request.schema.json → kRequest.
SectionKind stem_kind(const std::string& file);

/// The first sample of a kind (samples must hold one).
const PageSample* first_sample(const std::vector<PageSample>& samples, SectionKind kind);

/// Adds request/response.schema.json read from a sample for each kind with a sample but no table.
void add_sample_outputs(std::vector<OverlayOutput>& outputs, const std::vector<PageSample>& samples,
                        const std::string& api);

/// Checks every sample against the one schema of its kind and opens the conflicting rules.
std::vector<SampleCheck> check_samples(
    const DocPage& page, const std::vector<PageSample>& samples,
    std::vector<std::pair<std::string, nlohmann::ordered_json>>& schemas);

/// One open point per conflicting sample, appended to the contract's register.
void add_conflict_points(nlohmann::ordered_json& contract, const DocPage& page,
                         const std::vector<SampleCheck>& checks);

/// A fixture per sample with a single schema, as `<api>/<name>.json`.
std::vector<DerivedFile> sample_fixtures(
    const DocPage& page, const std::string& api, const std::vector<PageSample>& samples,
    const std::vector<SampleCheck>& checks,
    const std::vector<std::pair<std::string, nlohmann::ordered_json>>& schemas,
    const nlohmann::ordered_json& contract);

}  // namespace conform::derive
