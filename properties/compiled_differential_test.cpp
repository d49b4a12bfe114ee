// The compiled validator against its oracle. For every schema of every contract, over generated
// valid values (acceptance core and complete), every mutant and probe of each, and the fixture
// corpus: the compiled program and the reference path (valijson plus conform's formats) agree
// on accept or reject and on the set of failing pointers, and the byte path (simdjson) never
// accepts what the reference rejects. CONFORM_DIFFERENTIAL_CASES sets the instances per API
// (10,000 by default).
#include <gtest/gtest.h>
#include <rapidcheck.h>

#include <cstdlib>
#include <fstream>
#include <set>

#include "contract/contract.hpp"
#include "core/json_text.hpp"
#include "fixture/fixture.hpp"
#include "fixture/fixture_check.hpp"
#include "properties/mutators.hpp"
#include "properties/value_generators.hpp"
#include "validate/catalog.hpp"
#include "validate/compiled_schema.hpp"

namespace conform {
namespace {

using nlohmann::json;

const Catalog& catalog() {
  static const Catalog loaded = Catalog::load(embedded_schema_source());
  return loaded;
}

/// One schema of an API with its validator.
struct Target {
  std::string label;
  const json* schema;
  const SchemaValidator* validator;
};

std::vector<Target> targets_of(const ApiEntry& api) {
  std::vector<Target> out;
  for (const auto& [channel, files] : api.contract.channels) {
    std::string label = api.contract.id + (channel.empty() ? "" : "/" + channel);
    out.push_back({label + " request", &api.schemas.at(files.request),
                   api.validator(PayloadKind::request, channel)});
    out.push_back({label + " response", &api.schemas.at(files.response),
                   api.validator(PayloadKind::response, channel)});
  }
  return out;
}

std::set<std::string> pointers(const std::vector<CompiledError>& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.pointer);
  return out;
}

std::set<std::string> pointers(const std::vector<Violation>& violations) {
  std::set<std::string> out;
  for (const auto& v : violations) out.insert(v.pointer);
  return out;
}

std::string listed(const std::set<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += " " + (item.empty() ? std::string("\"\"") : item);
  return out.empty() ? " (none)" : out;
}

std::set<std::string> structural_pointers(const std::vector<Violation>& violations) {
  std::set<std::string> out;
  for (const auto& v : violations) {
    if (v.keyword != "format") out.insert(v.pointer);
  }
  return out;
}

/// "" when both engines give the same answer for the value, else what differs. Accept or reject
/// covers the inlined formats; the failing pointers are compared for the structure, since the
/// reference finds format errors with its own walk in both engines' place.
std::string disagreement(const SchemaValidator& validator, const json& value) {
  const CompiledSchema& compiled = *validator.compiled();
  bool reference = validator.reference_accepts(value);
  Verdict verdict = compiled.judge(value);
  bool bytes = compiled.judge_text(value.dump(), 512) == TextVerdict::accepted;
  if (bytes && !reference) return "byte path accepts what the reference rejects";
  if (verdict == Verdict::unsure) return "";
  if ((verdict == Verdict::accepted) != reference) {
    return std::string("accept/reject: compiled ") + (reference ? "rejects" : "accepts") +
           ", reference " + (reference ? "accepts" : "rejects");
  }
  std::optional<std::vector<CompiledError>> structural = compiled.structural_errors(value);
  if (!structural) return "";
  std::set<std::string> ours = pointers(*structural);
  std::set<std::string> theirs = structural_pointers(validator.reference_validate(value));
  if (ours != theirs)
    return "failing pointers: compiled" + listed(ours) + ", reference" + listed(theirs);
  if (reference && !ours.empty())
    return "the collecting walk fails what the accepting walk accepts";
  return "";
}

size_t cases_per_api() {
  const char* env = std::getenv("CONFORM_DIFFERENTIAL_CASES");
  return env ? std::strtoull(env, nullptr, 10) : 10000;
}

/// Counts instances by kind and fails with the first disagreement of each target.
struct Tally {
  size_t valid = 0, mutants = 0, probes = 0, rejected = 0;
  size_t total() const { return valid + mutants + probes; }
};

void check(const Target& target, const json& value, const std::string& what, size_t& counter,
           Tally& tally) {
  ++counter;
  bool accepted = target.validator->reference_accepts(value);
  tally.rejected += !accepted;
  // The byte path is only worth having if it answers every accepted document itself.
  if (accepted &&
      target.validator->compiled()->judge_text(value.dump(), 512) != TextVerdict::accepted) {
    ADD_FAILURE() << target.label << ", " << what << ": the byte path refused an accepted document";
  }
  std::string why = disagreement(*target.validator, value);
  if (!why.empty())
    ADD_FAILURE() << target.label << ", " << what << ": " << why << "\nvalue: " << value.dump();
}

/// A generated value and every mutant and probe of it.
void check_family(const Target& target, const EmailPolicy& policy, const json& value, size_t seed,
                  Tally& tally) {
  std::string origin = "seed " + std::to_string(seed);
  check(target, value, origin + " valid value", tally.valid, tally);
  for (const auto& m : mutants_of(*target.schema, value, policy)) {
    check(target, m.body,
          origin + " mutant " + std::string(mutation_kind_name(m.kind)) + " at " + m.pointer,
          tally.mutants, tally);
  }
  for (const auto& p : probes_of(*target.schema, value)) {
    check(target, p.body, origin + " probe " + p.name + " at " + p.pointer, tally.probes, tally);
  }
}

json generated(const Target& target, size_t seed) {
  rc::Random random(seed * 0x9E3779B97F4A7C15ull + 17);
  int size = static_cast<int>(seed % 50);
  switch (seed % 3) {
    case 0:
      return gen_valid(*target.schema)(random, size).value();
    case 1:
      return gen_full(*target.schema)(random, size).value();
    default:
      return gen_full(*target.schema, true)(random, size).value();
  }
}

class CompiledDifferential : public ::testing::TestWithParam<std::string> {};

TEST_P(CompiledDifferential, TheProgramAndValijsonAgreeOnEveryGeneratedValueMutantAndProbe) {
  const ApiEntry& api = *catalog().find(GetParam());
  std::vector<Target> targets = targets_of(api);
  for (const auto& target : targets) {
    ASSERT_NE(target.validator->compiled(), nullptr)
        << target.label << ": " << target.validator->compile_refusal();
  }
  Tally tally;
  size_t wanted = cases_per_api();
  for (size_t seed = 1; tally.total() < wanted && !HasFailure(); ++seed) {
    const Target& target = targets[seed % targets.size()];
    check_family(target, api.contract.email_policy, generated(target, seed), seed, tally);
  }
  EXPECT_GE(tally.total(), wanted);
  EXPECT_GT(tally.rejected, tally.total() / 4) << "too few rejected instances to compare errors";
  RecordProperty("instances", std::to_string(tally.total()));
  std::cout << "[          ] " << api.contract.id << ": " << tally.valid << " valid values, "
            << tally.mutants << " mutants, " << tally.probes << " probes (" << tally.rejected
            << " rejected by both)\n";
}

INSTANTIATE_TEST_SUITE_P(EveryApi, CompiledDifferential,
                         ::testing::Values("bigin-mail", "capillary-email", "capillary-message",
                                           "genesys-email", "whippy-email"),
                         [](const auto& info) {
                           std::string name = info.param;
                           std::erase(name, '-');
                           return name;
                         });

TEST(CompiledDifferentialCorpus, TheProgramAndValijsonAgreeOnEveryFixture) {
  size_t checked = 0;
  for (const auto& fixture : load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures")) {
    const ApiEntry* api = catalog().find(fixture.api);
    ASSERT_NE(api, nullptr) << fixture.path;
    std::optional<std::string> channel = resolve_channel(api->contract, fixture.channel);
    const SchemaValidator* validator = channel ? api->validator(fixture.kind, *channel) : nullptr;
    if (!validator || !fixture.body) continue;
    ++checked;
    std::string why = disagreement(*validator, *fixture.body);
    EXPECT_EQ(why, "") << fixture.path;
  }
  EXPECT_GE(checked, 60u);  // every fixture with a JSON body (64 today)
}

}  // namespace
}  // namespace conform

namespace conform {
namespace {

/// A document of one of conform's own formats, with every mutant of it.
size_t check_meta_family(const SchemaValidator& meta, const json& schema, const json& document,
                         const std::string& origin) {
  size_t checked = 1;
  EXPECT_EQ(disagreement(meta, document), "") << origin;
  for (const auto& m : mutants_of(schema, document, EmailPolicy{})) {
    ++checked;
    EXPECT_EQ(disagreement(meta, m.body), "")
        << origin << ", mutant " << mutation_kind_name(m.kind) << " at " << m.pointer;
  }
  return checked;
}

json read_json_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  return json::parse(in);
}

TEST(CompiledDifferentialCorpus, TheMetaSchemasAgreeOnEveryContractAndFixtureAndTheirMutants) {
  std::filesystem::path root = CONFORM_SOURCE_DIR;
  json contract_schema = read_json_file(root / "schemas/meta/contract.schema.json");
  json fixture_schema = read_json_file(root / "schemas/meta/fixture.schema.json");
  SchemaValidator contract_meta(contract_schema,
                                SchemaSettings{{}, "meta", "contract.schema.json"});
  SchemaValidator fixture_meta(fixture_schema, SchemaSettings{{}, "meta", "fixture.schema.json"});
  ASSERT_NE(contract_meta.compiled(), nullptr) << contract_meta.compile_refusal();
  ASSERT_NE(fixture_meta.compiled(), nullptr) << fixture_meta.compile_refusal();
  size_t checked = 0;
  for (const auto& api : catalog().apis()) {
    std::filesystem::path file = root / "schemas" / api.contract.id / "contract.json";
    checked +=
        check_meta_family(contract_meta, contract_schema, read_json_file(file), file.string());
  }
  for (const auto& fixture : load_fixture_tree(root / "fixtures")) {
    checked +=
        check_meta_family(fixture_meta, fixture_schema, fixture.document, fixture.path.string());
  }
  EXPECT_GT(checked, 500u);
}

/// validate_text gives what parse_json and the reference path give, and the byte path accepts
/// only what both accept.
void expect_text_like_reference(const SchemaValidator& v, const std::string& text) {
  TextValidation fast = v.validate_text(text);
  JsonParse parsed = parse_json(text);
  ASSERT_EQ(fast.parse_error.has_value(), !parsed.value.has_value()) << text.substr(0, 80);
  if (!parsed.value) {
    EXPECT_EQ(*fast.parse_error, parsed.error);
    EXPECT_NE(v.compiled()->judge_text(text, 512), TextVerdict::accepted) << text.substr(0, 80);
    return;
  }
  EXPECT_EQ(pointers(fast.violations), pointers(v.reference_validate(*parsed.value)))
      << text.substr(0, 80);
  if (v.compiled()->judge_text(text, 512) == TextVerdict::accepted) {
    EXPECT_TRUE(v.reference_accepts(*parsed.value)) << text.substr(0, 80);
  }
}

TEST(CompiledDifferentialText, JsonTextWhereSimdjsonAndNlohmannCouldPartGetsTheReferenceVerdict) {
  SchemaValidator v(
      json::parse(
          R"({"type":"object","properties":{"a":{"type":"string"},"i":{"type":"integer"}},"additionalProperties":true})"),
      SchemaSettings{{}, "test", "text.schema.json"});
  ASSERT_NE(v.compiled(), nullptr);
  std::string deep_ok = std::string(511, '[') + std::string(511, ']');
  std::string too_deep = "{\"x\":" + std::string(512, '[') + std::string(512, ']') + "}";
  const std::string texts[] = {
      R"({"a":"x","a":1})",
      R"({"a":1,"a":"x"})",
      R"({"i":-0})",
      R"({"i":1.0})",
      R"({"i":18446744073709551615})",
      R"({"i":18446744073709551616})",
      R"({"i":1e400})",
      R"({"a":"\ud800"})",
      R"({"a":"\udc00\ud800"})",
      "\xEF\xBB\xBF{}",
      "{} x",
      "{\"a\":\"\xC3\x28\"}",
      std::string("{\"a\":\"x\0y\"}", 11),
      "{\"a\":\"tab\there\"}",
      "{\"x\":" + deep_ok + "}",
      too_deep,
      "",
      "  {\"a\": \"\\u00e9\"}  ",
  };
  for (const auto& text : texts) expect_text_like_reference(v, text);
}

/// The instance column: JSON text, or `X:` then text with `\xNN` bytes (invalid UTF-8 and such).
std::string instance_text(const std::string& column) {
  if (column.rfind("X:", 0) != 0) return column;
  std::string out;
  for (size_t i = 2; i < column.size(); ++i) {
    if (column[i] == '\\' && i + 3 < column.size() && column[i + 1] == 'x') {
      out += static_cast<char>(std::stoi(column.substr(i + 2, 2), nullptr, 16));
      i += 3;
    } else {
      out += column[i];
    }
  }
  return out;
}

/// properties/data/compiled_edge_cases.tsv: schema TAB instance, from an adversarial review of
/// the compiler (required-only members and additionalProperties, formats in branches and under
/// `*`, two formats at one location, NUL in strings, integers beyond 2^53, duplicated keys,
/// nested alternatives, recursion). Each schema is either refused or answered as the reference.
TEST(CompiledDifferentialEdges, EveryReviewedEdgeCaseIsRefusedOrAgrees) {
  std::ifstream in(std::string(CONFORM_SOURCE_DIR) + "/properties/data/compiled_edge_cases.tsv");
  std::string line;
  size_t compiled = 0, refused = 0, rows = 0;
  while (std::getline(in, line)) {
    size_t tab = line.find('\t');
    ASSERT_NE(tab, std::string::npos) << line;
    ++rows;
    json schema = json::parse(line.substr(0, tab), nullptr, false);
    if (schema.is_discarded())
      continue;  // a schema nlohmann cannot read (1e400) never reaches a validator
    std::unique_ptr<SchemaValidator> v;
    try {
      v = std::make_unique<SchemaValidator>(schema, SchemaSettings{{}, "edge", "edge.schema.json"});
    } catch (const ContractError&) {
      ++refused;  // a $ref cycle and the like: refused before either engine sees it
      continue;
    }
    if (!v->compiled()) {
      ++refused;
      continue;
    }
    ++compiled;
    std::string text = instance_text(line.substr(tab + 1));
    JsonParse parsed = parse_json(text);
    if (!parsed.value) {
      EXPECT_NE(v->compiled()->judge_text(text, 512), TextVerdict::accepted) << line;
      continue;
    }
    EXPECT_EQ(disagreement(*v, *parsed.value), "") << line;
    if (v->compiled()->judge_text(text, 512) == TextVerdict::accepted) {
      EXPECT_TRUE(v->reference_accepts(*parsed.value)) << line;
    }
  }
  EXPECT_GT(rows, 200u);
  EXPECT_GT(compiled, 100u);
  EXPECT_GT(refused, 10u);
}

}  // namespace
}  // namespace conform
