// Three regions per payload: what a page settles fails validation; what only the acceptance
// core asks (x-accept), a null for an optional member or another letter case is a note; the
// register of open points is data, and a malformed register or annotation is a config error.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "contract/source.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"
#include "validate/catalog.hpp"
#include "validate/open_register.hpp"

namespace conform {
namespace {

namespace fs = std::filesystem;
using nlohmann::json;
using test::run_conform;
using test::source_dir;
using test::write_temp;

const Catalog& catalog() {
  static const Catalog loaded = Catalog::load(embedded_schema_source());
  return loaded;
}

std::vector<Violation> check(const std::string& api, const json& body,
                             const std::string& channel = "") {
  return catalog().find(api)->validator(PayloadKind::request, channel)->validate(body);
}

json bigin_with(const json& item_extra) {
  json item = {{"from", {{"email", "a@example.com"}}}, {"to", {{{"email", "b@example.com"}}}}};
  item.update(item_extra);
  return {{"data", {item}}};
}

TEST(ThreeRegions, AnAddressSyntaxThePageDoesNotSetIsOpenButItsDocumentedRejectionIsSettled) {
  auto bigin = check("bigin-mail", bigin_with({{"cc", {{{"email", "nope"}}}}}));
  ASSERT_EQ(bigin.size(), 1u);
  EXPECT_FALSE(bigin[0].settled);
  EXPECT_EQ(bigin[0].open_point, "x-accept:/data/*/cc/*/email:format");
  auto whippy =
      check("whippy-email",
            {{"to", "a@example.com"}, {"from", "c"}, {"sender_email", "invalid@something"}});
  ASSERT_EQ(whippy.size(), 1u);
  EXPECT_TRUE(whippy[0].settled);
  EXPECT_EQ(whippy[0].requirement, "whippy-email.sender_email.invalid-422");
}

TEST(ThreeRegions, NullForAnOptionalMemberIsOpenAndForARequiredOneSettled) {
  auto optional = check("bigin-mail", bigin_with({{"subject", nullptr}, {"mail_format", nullptr}}));
  ASSERT_FALSE(optional.empty());
  for (const auto& v : optional) {
    EXPECT_FALSE(v.settled) << v.pointer;
    EXPECT_EQ(v.open_point, "null-as-absent");
  }
  auto required = check(
      "bigin-mail", json{{"data", {{{"from", nullptr}, {"to", {{{"email", "b@example.com"}}}}}}}});
  ASSERT_FALSE(required.empty());
  EXPECT_TRUE(required[0].settled);
}

TEST(ThreeRegions, AnEnumInAnotherLetterCaseIsOpenAndAnotherValueSettled) {
  auto upper = check("bigin-mail", bigin_with({{"mail_format", "HTML"}}));
  ASSERT_EQ(upper.size(), 1u);
  EXPECT_EQ(upper[0].open_point, "enum-letter-case");
  auto other = check("bigin-mail", bigin_with({{"mail_format", "markdown"}}));
  ASSERT_EQ(other.size(), 1u);
  EXPECT_TRUE(other[0].settled);
}

TEST(ThreeRegions, TheGenesysLiteralIsARequiredConstant) {
  json email = {{"to", {"a@b"}}, {"from", "c@d"}};
  auto missing = check("genesys-email", {{"queueName", "q"}, {"email", email}});
  ASSERT_EQ(missing.size(), 1u);
  EXPECT_EQ(missing[0].pointer, "/operationName");
  EXPECT_TRUE(missing[0].settled);
  auto other =
      check("genesys-email", {{"operationName", "Reply"}, {"queueName", "q"}, {"email", email}});
  ASSERT_EQ(other.size(), 1u);
  EXPECT_EQ(other[0].keyword, "const");
}

TEST(ThreeRegions, ResponseStructureIsSettledAndUntypedLeavesAreOpen) {
  const SchemaValidator* capillary =
      catalog().find("capillary-email")->validator(PayloadKind::response, "");
  auto unwrapped =
      capillary->validate({{"status", {{"success", true}}}, {"email", json::object()}});
  ASSERT_FALSE(unwrapped.empty());
  EXPECT_TRUE(unwrapped[0].settled);
  EXPECT_EQ(unwrapped[0].pointer, "/response");
  auto numeric = capillary->validate(
      {{"response", {{"status", {{"success", true}}}, {"email", {{"id", 7}}}}}});
  ASSERT_EQ(numeric.size(), 1u);
  EXPECT_FALSE(numeric[0].settled);
  const SchemaValidator* bigin = catalog().find("bigin-mail")->validator(PayloadKind::response, "");
  auto no_id = bigin->validate(
      {{"data", {{{"code", "SUCCESS"}, {"details", json::object()}, {"status", "success"}}}}});
  ASSERT_EQ(no_id.size(), 1u);
  EXPECT_EQ(no_id[0].pointer, "/data/0/details/message_id");
  EXPECT_TRUE(no_id[0].settled);
}

TEST(ThreeRegions, ValidatePrintsOpenDeviationsAsNotesAndExitsZero) {
  auto file = write_temp("open.json", bigin_with({{"cc", {{{"email", "nope"}}}}}).dump());
  auto r = run_conform("validate --api bigin-mail --kind request " + file.string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
  EXPECT_NE(r.out.find("/data/0/cc/0/email: note: "), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("[open point x-accept:/data/*/cc/*/email:format]"), std::string::npos)
      << r.out;
  auto json_run =
      run_conform("validate --format json --api bigin-mail --kind request " + file.string());
  json report = json::parse(json_run.out);
  EXPECT_TRUE(report[0]["valid"].get<bool>());
  EXPECT_FALSE(report[0]["violations"][0]["settled"].get<bool>());
  auto settled = write_temp("settled.json", bigin_with({{"mail_format", "markdown"}}).dump());
  EXPECT_EQ(run_conform("validate --api bigin-mail --kind request " + settled.string()).exit_code,
            1);
}

TEST(ThreeRegions, TheRegisterHoldsTheContractsPointsAndEveryAcceptanceRule) {
  for (const auto& api : catalog().apis()) {
    auto reg = open_register(api);
    size_t contract = 0, schema = 0;
    for (const auto& r : reg) (r.file.empty() ? contract : schema)++;
    EXPECT_EQ(contract, api.contract.open_points.size()) << api.contract.id;
    EXPECT_GT(schema, 0u) << api.contract.id;
    for (const char* id : {"null-as-absent", "enum-letter-case", "unknown-fields", "past-schedule"})
      EXPECT_NE(api.contract.find_open_point(id), nullptr) << api.contract.id << " " << id;
  }
  auto r = run_conform("list --open bigin-mail");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("partial-results"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("x-accept:/data/*/to:minItems"), std::string::npos) << r.out;
  EXPECT_EQ(run_conform("list --open nope").exit_code, 2);
}

/// A copy of the schemas directory, to break one file in it.
fs::path schemas_copy(const std::string& name) {
  fs::path dir =
      fs::temp_directory_path() / ("conform-regions-" + name + "-" + std::to_string(::getpid()));
  fs::remove_all(dir);
  fs::copy(source_dir() / "schemas", dir, fs::copy_options::recursive);
  return dir;
}

void rewrite(const fs::path& file, const std::function<void(json&)>& change) {
  json doc = test::read_json(file);
  change(doc);
  std::ofstream(file) << doc.dump(2);
}

TEST(ThreeRegions, AMalformedAcceptanceAnnotationIsAConfigErrorNamingFileAndPointer) {
  fs::path dir = schemas_copy("accept");
  rewrite(dir / "whippy-email" / "request.schema.json", [](json& s) {
    s["properties"]["to"]["x-accept"] = {{"minItems", "no such keyword on a string node"}};
  });
  auto r = run_conform("list --schemas " + dir.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("request.schema.json: /properties/to/x-accept/minItems:"), std::string::npos)
      << r.err;
  rewrite(dir / "whippy-email" / "request.schema.json", [](json& s) {
    s["properties"]["to"]["x-accept"] = {{"format", 1}};
  });
  r = run_conform("list --schemas " + dir.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/properties/to/x-accept/format: needs a reason"), std::string::npos)
      << r.err;
  fs::remove_all(dir);
}

TEST(ThreeRegions, AMalformedOpenPointRegisterIsAConfigErrorNamingFileAndPointer) {
  fs::path dir = schemas_copy("register");
  rewrite(dir / "bigin-mail" / "contract.json",
          [](json& c) { c["open_points"][2]["permitted"] = {"only one"}; });
  auto r = run_conform("list --schemas " + dir.string());
  EXPECT_EQ(r.exit_code, 2);
  // The meta-schema refuses it as the contract loads (meta/contract.schema.json: minItems 2).
  EXPECT_NE(
      r.err.find("contract.json: /open_points/2/permitted: Array should contain no fewer than 2"),
      std::string::npos)
      << r.err;
  fs::remove_all(dir);
  dir = schemas_copy("register");
  rewrite(dir / "bigin-mail" / "contract.json",
          [](json& c) { c["open_points"][1]["id"] = c["open_points"][0]["id"]; });
  r = run_conform("list --schemas " + dir.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("/open_points/1/id: "), std::string::npos) << r.err;
  fs::remove_all(dir);
}

}  // namespace
}  // namespace conform
