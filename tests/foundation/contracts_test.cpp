// The contracts and fixtures keep their own formats (schemas/meta/), and every schema rule
// traces back to a requirement of its contract and a line of its page.
#include <gtest/gtest.h>

#include <fstream>

#include "core/json_pointer.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "validate/catalog.hpp"

namespace conform {
namespace {
namespace fs = std::filesystem;
using nlohmann::json;

SchemaValidator meta_validator(const std::string& name) {
  json schema = test::read_json(test::source_dir() / "schemas/meta" / name);
  return SchemaValidator(schema, SchemaSettings{{}, "meta", name});
}

std::vector<fs::path> files_under(const fs::path& root, const std::string& filename_suffix) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    std::string name = entry.path().filename().string();
    if (entry.is_regular_file() && name.ends_with(filename_suffix) &&
        entry.path().parent_path().filename() != "meta") {
      out.push_back(entry.path());
    }
  }
  return out;
}

std::string joined(const std::vector<Violation>& violations) {
  std::string out;
  for (const auto& v : violations) out += "\n  " + v.pointer + ": " + v.message;
  return out;
}

TEST(MetaSchemas, EveryContractKeepsTheContractFormat) {
  SchemaValidator meta = meta_validator("contract.schema.json");
  auto files = files_under(test::source_dir() / "schemas", "contract.json");
  EXPECT_EQ(files.size(), 5u);
  for (const auto& file : files) {
    auto violations = meta.validate(test::read_json(file));
    EXPECT_TRUE(violations.empty()) << file << joined(violations);
  }
}

TEST(MetaSchemas, EveryFixtureKeepsTheFixtureFormat) {
  SchemaValidator meta = meta_validator("fixture.schema.json");
  auto files = files_under(test::source_dir() / "fixtures", ".json");
  EXPECT_GE(files.size(), 15u);
  for (const auto& file : files) {
    auto violations = meta.validate(test::read_json(file));
    EXPECT_TRUE(violations.empty()) << file << joined(violations);
  }
}

TEST(MetaSchemas, TheContractMetaSchemaCatchesAnUntracedRequirement) {
  SchemaValidator meta = meta_validator("contract.schema.json");
  json contract = test::read_json(test::source_dir() / "schemas/bigin-mail/contract.json");
  contract["requirements"][0].erase("locator");
  contract["requirements"][0].erase("inferred");
  EXPECT_FALSE(meta.accepts(contract));
}

/// Every property node of a schema: carries x-locator and an x-requirement its contract lists.
void expect_traced(const json& node, const std::string& where, const Contract& contract) {
  if (!node.is_object()) return;
  if (node.contains("properties")) {
    for (const auto& [name, sub] : node["properties"].items()) {
      std::string here = where + "/" + escape_pointer_token(name);
      EXPECT_TRUE(sub.contains("x-locator") || sub.contains("x-inferred"))
          << here << " has no locator";
      ASSERT_TRUE(sub.contains("x-requirement")) << here << " has no x-requirement";
      EXPECT_NE(contract.find_requirement(sub["x-requirement"]), nullptr)
          << here << ": unknown requirement " << sub["x-requirement"];
      expect_traced(sub, here, contract);
    }
  }
  for (const char* key : {"items", "definitions", "anyOf", "oneOf", "allOf"}) {
    if (!node.contains(key)) continue;
    if (node[key].is_object() && std::string(key) == "items")
      expect_traced(node[key], where + "/*", contract);
    if (node[key].is_array()) {
      for (const auto& sub : node[key]) expect_traced(sub, where, contract);
    }
    if (node[key].is_object() && std::string(key) == "definitions") {
      for (const auto& [name, sub] : node[key].items()) expect_traced(sub, "#" + name, contract);
    }
  }
}

TEST(Traceability, EverySchemaPropertyNamesALocatorAndAKnownRequirement) {
  Catalog catalog = Catalog::load(embedded_schema_source());
  for (const auto& api : catalog.apis()) {
    for (const auto& [file, schema] : api.schemas) {
      SCOPED_TRACE(api.contract.id + "/" + file);
      expect_traced(schema, "", api.contract);
    }
  }
}

/// The number of lines in a vendor page snapshot, or 0 when the seeds are not beside us.
size_t snapshot_lines(const std::string& snapshot) {
  std::ifstream in(fs::path(CONFORM_SEEDS_DIR) / snapshot);
  if (!in) return 0;
  size_t lines = 0;
  for (std::string line; std::getline(in, line);) ++lines;
  return lines;
}

TEST(Traceability, EveryLocatorPointsIntoItsOwnPage) {
  if (!fs::is_directory(CONFORM_SEEDS_DIR))
    GTEST_SKIP() << "no vendor pages at " << CONFORM_SEEDS_DIR;
  Catalog catalog = Catalog::load(embedded_schema_source());
  for (const auto& api : catalog.apis()) {
    ASSERT_GT(snapshot_lines(api.contract.snapshot), 0u) << api.contract.snapshot;
    for (const auto& r : api.contract.requirements) {
      if (r.locator.empty()) continue;
      // A requirement may cite a sister page of the same vendor (capillary-email cites 001).
      auto colon = r.locator.find(':');
      size_t lines = snapshot_lines(r.locator.substr(0, colon));
      EXPECT_GT(lines, 0u) << r.id << " cites a page that does not exist: " << r.locator;
      EXPECT_LE(std::stoul(r.locator.substr(colon + 1)), lines) << r.id;
    }
  }
}

}  // namespace
}  // namespace conform
