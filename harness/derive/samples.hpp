#pragma once
/// The page's sample requests and responses: a schema read from a sample when the page has no
/// table for that body, the places where a sample contradicts its table, and one fixture per
/// sample.
#include <optional>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "derive/doc_table.hpp"

namespace conform::derive {

/// A sample of the page that parses as JSON, with its kind and locator.
struct PageSample {
  SectionKind kind = SectionKind::kOther;  ///< kRequest or kResponse
  int line = 0;
  nlohmann::ordered_json body;
};

/// Where a sample sends a value of another type than its schema says.
struct SampleConflict {
  std::string pointer;    ///< in the sample, e.g. `/email/0/to`
  std::string schema_at;  ///< the schema node's pointer
  std::string reason;     ///< a sentence naming the page lines
};

/// The request and response samples of a page, in page order (samples that are not JSON are left
/// out).
std::vector<PageSample> page_samples(const DocPage& page);

/// A schema read from a sample (types and members, nothing required), every node `x-inferred`.
nlohmann::ordered_json sample_schema(const DocPage& page, const PageSample& sample,
                                     const std::string& api, const std::string& title);

/// The places where `sample` contradicts `schema` by type (objects, arrays, scalars). Never throws.
std::vector<SampleConflict> sample_conflicts(const DocPage& page, const PageSample& sample,
                                             const nlohmann::ordered_json& schema);

/// Marks each conflict's schema node `x-accept: {type}`: the table's type stays the acceptance
/// core, the sample's form becomes an open point.
void open_conflicts(nlohmann::ordered_json& schema, const std::vector<SampleConflict>& conflicts);

/// The fixture of one sample: `valid`, or `open` at the conflicts' pointers.
nlohmann::ordered_json sample_fixture(const PageSample& sample, const std::string& locator,
                                      const std::string& requirement,
                                      const nlohmann::ordered_json& path_params,
                                      const std::vector<SampleConflict>& conflicts);

/// The fixture's file name: `the-request-sample-at-line-53-is-accepted.json`.
std::string sample_fixture_name(const PageSample& sample, bool open);

}  // namespace conform::derive
