// `conform validate` and `conform list` as users run them: output lines and exit codes.
#include <gtest/gtest.h>

#include <fstream>

#include "test_support.hpp"

namespace conform {
namespace {

using testing::run_conform;
using testing::source_dir;
using testing::write_temp;

std::string fixture(const std::string& api, const std::string& name) {
  return (source_dir() / "fixtures" / api / (name + ".json")).string();
}

TEST(CliValidate, AValidFileExitsZeroAndPrintsNoErrors) {
  auto r = run_conform("validate --api bigin-mail --kind request " +
                       fixture("bigin-mail", "the-documented-request-is-accepted"));
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
}

TEST(CliValidate, AnInvalidFilePrintsFilePointerMessageAndRequirement) {
  std::string file = fixture("whippy-email", "an-invalid-sender-email-gets-422");
  auto r = run_conform("validate --api whippy-email --kind request " + file);
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.out.rfind(file + ": /sender_email: not a valid email", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("[whippy-email.sender_email.invalid-422]"), std::string::npos) << r.out;
}

TEST(CliValidate, PrintsOneLinePerLeafErrorWithoutCascades) {
  auto file = write_temp("two-errors.json",
                         R"({"data":[{"from":{"email":"a@b.com"},"to":[{"email":7}],"mail_format":"md"}]})");
  auto r = run_conform("validate --api bigin-mail --kind request " + file.string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(std::count(r.out.begin(), r.out.end(), '\n'), 2) << r.out;
  EXPECT_NE(r.out.find("/data/0/to/0/email: expected type"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("/data/0/mail_format: expected one of"), std::string::npos) << r.out;
  EXPECT_EQ(r.out.find("Failed to validate"), std::string::npos) << r.out;
}

TEST(CliValidate, JsonFormatIsMachineReadable) {
  std::string file = fixture("bigin-mail", "a-mail-without-from-is-rejected");
  auto r = run_conform("validate --api bigin-mail --kind request --format json " + file);
  EXPECT_EQ(r.exit_code, 1);
  auto out = nlohmann::json::parse(r.out);
  ASSERT_EQ(out.size(), 1u);
  EXPECT_FALSE(out[0]["valid"].get<bool>());
  EXPECT_EQ(out[0]["violations"][0]["pointer"], "/data/0/from");
  EXPECT_EQ(out[0]["violations"][0]["keyword"], "required");
  EXPECT_EQ(out[0]["violations"][0]["requirement"], "bigin-mail.data.from");
}

TEST(CliValidate, MalformedJsonIsAnInputErrorWithLineAndColumn) {
  auto file = write_temp("broken.json", "{\n  \"data\": [\n    {,\n  ]\n}\n");
  auto r = run_conform("validate --api bigin-mail --kind request " + file.string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(file.string() + ": malformed JSON at line 3, column 6"), std::string::npos) << r.err;
}

TEST(CliValidate, ANumberTooLargeForADoubleIsAnInputErrorNotACrash) {
  auto file = write_temp("huge-number.json", R"({"data":1e99999})");
  auto r = run_conform("validate --api bigin-mail --kind request " + file.string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("malformed JSON"), std::string::npos) << r.err;
}

TEST(CliValidate, UsageAndInputErrorsExitTwo) {
  std::string good = fixture("bigin-mail", "the-documented-request-is-accepted");
  struct Case { std::string args; std::string says; };
  for (const Case& c : std::vector<Case>{
           {"validate --api nope --kind request " + good, "unknown api 'nope'"},
           {"validate --api bigin-mail --kind sideways " + good, "--kind must be request or response"},
           {"validate --api bigin-mail --kind request /no/such/file.json", "/no/such/file.json: cannot read"},
           {"validate --api bigin-mail --kind request", "no FILE given"},
           {"validate --api bigin-mail --kind request --bogus " + good, "unknown option --bogus"},
           {"validate --api capillary-message --kind request " + write_temp("sms.json", "{}").string(),
            "needs --channel"},
           {"validate --api capillary-message --kind request --channel fax " + good, "unknown channel 'fax'"},
       }) {
    auto r = run_conform(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << "\n" << r.err;
  }
}

TEST(CliValidate, ChannelIsCaseInsensitive) {
  auto file = write_temp("sms-ok.json", R"({"sms":[{"to":"919988221100","body":"hi"}]})");
  auto r = run_conform("validate --api capillary-message --kind request --channel SmS " + file.string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CliValidate, AFixtureFileIsValidatedByItsPayloadKindAndChannel) {
  auto r = run_conform("validate --api capillary-message " +
                       fixture("capillary-message", "the-documented-whatsapp-response-is-accepted"));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CliValidate, TheFixtureTreeAgreesWithItsRecordedVerdicts) {
  auto r = run_conform("validate --fixtures " + (source_dir() / "fixtures").string());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.err.find(" 0 do not"), std::string::npos) << r.err;
}

TEST(CliValidate, AFixtureWithTheWrongVerdictIsReported) {
  auto dir = testing::write_temp("tree", "").parent_path() / "tree-dir" / "bigin-mail";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "claims-valid.json")
      << R"({"conform_fixture":1,"kind":"request","expect":"valid","requirements":["bigin-mail.data"],"body":{}})";
  auto r = run_conform("validate --fixtures " + dir.parent_path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("claims-valid.json: expected valid, but it fails at /data"), std::string::npos) << r.out;
}

TEST(CliList, ListsTheFiveContracts) {
  auto r = run_conform("list --format json");
  ASSERT_EQ(r.exit_code, 0) << r.err;
  auto out = nlohmann::json::parse(r.out);
  ASSERT_EQ(out.size(), 5u);
  EXPECT_EQ(out[0]["id"], "bigin-mail");
  EXPECT_EQ(out[2]["channels"], nlohmann::json({"email", "sms", "whatsapp", "zalo"}));
}

TEST(CliHelp, EveryCommandHasHelpAndUnknownCommandsExitTwo) {
  EXPECT_EQ(run_conform("--help").exit_code, 0);
  EXPECT_EQ(run_conform("validate --help").exit_code, 0);
  auto r = run_conform("frobnicate");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("unknown command 'frobnicate'"), std::string::npos);
}

}  // namespace
}  // namespace conform
