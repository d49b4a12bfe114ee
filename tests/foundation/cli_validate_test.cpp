// `conform validate` and `conform list` as users run them: output lines and exit codes.
#include <gtest/gtest.h>

#include <sys/stat.h>

#include <filesystem>
#include <fstream>

#include "core/utf8.hpp"
#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace conform {
namespace {

using test::run_conform;
using test::source_dir;
using test::write_temp;

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
  auto file = write_temp(
      "two-errors.json",
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
  EXPECT_NE(r.err.find(file.string() + ": malformed JSON at line 3, column 6"), std::string::npos)
      << r.err;
}

TEST(CliValidate, ANumberTooLargeForADoubleIsAnInputErrorNotACrash) {
  auto file = write_temp("huge-number.json", R"({"data":1e99999})");
  auto r = run_conform("validate --api bigin-mail --kind request " + file.string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("malformed JSON"), std::string::npos) << r.err;
}

TEST(CliValidate, UsageAndInputErrorsExitTwo) {
  std::string good = fixture("bigin-mail", "the-documented-request-is-accepted");
  struct Case {
    std::string args;
    std::string says;
  };
  for (const Case& c : std::vector<Case>{
           {"validate --api nope --kind request " + good, "unknown api 'nope'"},
           {"validate --api bigin-mail --kind sideways " + good,
            "--kind: must be request or response, got 'sideways'"},
           {"validate --api bigin-mail --kind request /no/such/file.json",
            "/no/such/file.json: cannot read"},
           {"validate --api bigin-mail --kind request", "no FILE given"},
           {"validate --api bigin-mail --kind request --bogus " + good, "unknown option --bogus"},
           {"validate --api capillary-message --kind request " +
                write_temp("sms.json", "{}").string(),
            "needs --channel"},
           {"validate --api capillary-message --kind request --channel fax " + good,
            "unknown channel 'fax'"},
       }) {
    auto r = run_conform(c.args);
    EXPECT_EQ(r.exit_code, 2) << c.args;
    EXPECT_NE(r.err.find(c.says), std::string::npos) << c.args << "\n" << r.err;
  }
}

TEST(CliValidate, ChannelIsCaseInsensitive) {
  auto file = write_temp("sms-ok.json", R"({"sms":[{"to":"919988221100","body":"hi"}]})");
  auto r =
      run_conform("validate --api capillary-message --kind request --channel SmS " + file.string());
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CliValidate, AFixtureFileIsValidatedByItsPayloadKindAndChannel) {
  auto r =
      run_conform("validate --api capillary-message " +
                  fixture("capillary-message", "the-documented-whatsapp-response-is-accepted"));
  EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
}

TEST(CliValidate, TheFixtureTreeAgreesWithItsRecordedVerdicts) {
  auto r = run_conform("validate --fixtures " + (source_dir() / "fixtures").string());
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.err.find(" 0 do not"), std::string::npos) << r.err;
}

TEST(CliValidate, AFixtureWithTheWrongVerdictIsReported) {
  auto dir = test::write_temp("tree", "").parent_path() / "tree-dir" / "bigin-mail";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "claims-valid.json")
      << R"({"conform_fixture":1,"kind":"request","expect":"valid","requirements":["bigin-mail.data"],"body":{}})";
  auto r = run_conform("validate --fixtures " + dir.parent_path().string());
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("claims-valid.json: expected valid, but it fails at /data"),
            std::string::npos)
      << r.out;
}

/// The first byte below 0x20 other than \n and \t, as its value; -1 when there is none.
int first_control_byte(const std::string& text) {
  for (unsigned char c : text) {
    if (c < 0x20 && c != '\n' && c != '\t') return c;
  }
  return -1;
}

/// A temp directory of its own, for files that must not be readable.
std::filesystem::path temp_dir(const std::string& name) {
  auto dir = write_temp(name + ".anchor", "").parent_path() / name;
  std::filesystem::create_directories(dir);
  return dir;
}

TEST(CliValidate, ADashReadsStandardInputAndMessagesCallItStdin) {
  std::string invalid = fixture("bigin-mail", "a-mail-without-from-is-rejected");
  auto r = run_conform("validate --api bigin-mail --kind request - <" + invalid);
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.out.rfind("<stdin>: /data/0/from: ", 0), 0u) << r.out;
  auto good = run_conform("validate --api bigin-mail --kind request --format json - <" +
                          fixture("bigin-mail", "the-documented-request-is-accepted"));
  EXPECT_EQ(good.exit_code, 0) << good.err;
  EXPECT_EQ(nlohmann::json::parse(good.out)[0]["file"], "<stdin>") << good.out;
}

TEST(CliValidate, StandardInputCanBeGivenOnlyOnce) {
  auto r = run_conform("validate --api bigin-mail --kind request - - </dev/null");
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("'-' (standard input) can be given only once"), std::string::npos) << r.err;
}

TEST(CliValidate, AnUnreadableFileIsReportedAndTheOthersAreStillValidated) {
  std::string good = fixture("bigin-mail", "the-documented-request-is-accepted");
  std::string bad = fixture("bigin-mail", "a-mail-without-from-is-rejected");
  auto r = run_conform("validate --api bigin-mail --kind request " + good + " /no/such/file.json " +
                       bad);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.out.find(bad + ": /data/0/from: "), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("/no/such/file.json: cannot read the file: not found"), std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("3 file(s): 1 valid, 1 invalid, 1 not checked (unreadable or not JSON)"),
            std::string::npos)
      << r.err;
}

TEST(CliValidate, JsonOutputStaysCompleteWhenAFileIsUnreadable) {
  std::string good = fixture("bigin-mail", "the-documented-request-is-accepted");
  std::string dir = temp_dir("a-directory").string();
  auto r = run_conform("validate --api bigin-mail --kind request --format json " + good + " " +
                       dir + " /no/such/file.json");
  EXPECT_EQ(r.exit_code, 2) << r.err;
  auto out = nlohmann::json::parse(r.out);
  ASSERT_EQ(out.size(), 3u) << r.out;
  EXPECT_TRUE(out[0]["valid"].get<bool>());
  EXPECT_EQ(out[1]["file"], dir);
  EXPECT_FALSE(out[1]["valid"].get<bool>());
  EXPECT_EQ(out[1]["input_error"], "cannot read the file: is a directory");
  EXPECT_EQ(out[2]["input_error"], "cannot read the file: not found");
}

TEST(CliValidate, AFileWithoutReadPermissionSaysPermissionDenied) {
  auto file = write_temp("no-read.json", "{}");
  ASSERT_EQ(chmod(file.c_str(), 0), 0);
  if (std::ifstream(file).is_open()) {
    chmod(file.c_str(), 0600);
    GTEST_SKIP() << "running with privileges that read a mode-000 file (root): cannot test "
                    "permission denied";
  }
  auto r = run_conform("validate --api bigin-mail --kind request --format json " + file.string());
  chmod(file.c_str(), 0600);
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_EQ(nlohmann::json::parse(r.out)[0]["input_error"],
            "cannot read the file: permission denied")
      << r.out;
}

/// The start of a PNG file, then terminal escape sequences, every C0 control byte, DEL, a C1
/// control (CSI) and bytes that are not UTF-8 (a lone lead, overlong, surrogate).
std::string binary_bytes() {
  std::string bytes("\x89PNG\r\n\x1a\n\0\0\0\rIHDR", 16);
  bytes += "\x1b[2J\x1b]0;pwned\x07";
  for (int c = 0; c < 0x20; ++c) bytes += static_cast<char>(c);
  bytes += "\x7f\xc2\x9b\xff\xfe\x80\xc0\xaf\xed\xa0\x80";
  return bytes + bytes;
}

/// What a terminal must never be sent: control bytes (but \n and \t) or bytes outside UTF-8.
void expect_terminal_safe(const std::string& output) {
  EXPECT_EQ(first_control_byte(output), -1) << output;
  EXPECT_TRUE(is_valid_utf8(output)) << output;
}

TEST(CliValidate, BinaryInputIsNeverEchoedRaw) {
  auto binary = write_temp("binary.json", binary_bytes());
  std::string control_only;
  for (int c = 1; c < 0x20; ++c) control_only += static_cast<char>(c);
  auto control = write_temp("control.json", control_only + control_only);
  auto r = run_conform("validate --api bigin-mail --kind request " + binary.string() + " " +
                       control.string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(
      r.err.find(binary.string() + ": not UTF-8 text (binary data?): byte 0 is not UTF-8, at "
                                   "\"\\x89PNG\\x0d\\x0a\\x1a\\x0a\\x00\\x00\\x00\\x0dIHDR...\""),
      std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find(control.string() + ": malformed JSON at line 1, column 1"),
            std::string::npos)
      << r.err;
  expect_terminal_safe(r.out + r.err);
  auto piped =
      run_conform("validate --api bigin-mail --kind request --format json - <" + binary.string());
  EXPECT_EQ(piped.exit_code, 2);
  expect_terminal_safe(piped.out + piped.err);
  auto out = nlohmann::json::parse(piped.out);
  EXPECT_EQ(out[0]["input_error"].get<std::string>().rfind("not UTF-8 text", 0), 0u) << piped.out;
}

TEST(CliValidate, InvalidUtf8AfterJsonTextIsNotEchoedEither) {
  auto file = write_temp("late-binary.json", "{\"data\": [\"ok\", \"\xff\xfe\x1b[2J\"]}");
  auto r = run_conform("validate --api bigin-mail --kind request " + file.string());
  EXPECT_EQ(r.exit_code, 2) << r.err;
  EXPECT_NE(r.err.find("byte 17 is not UTF-8, at \"\\xff\\xfe\\x1b[2J\"]}\""), std::string::npos)
      << r.err;
  expect_terminal_safe(r.out + r.err);
}

TEST(CliValidate, ControlCharactersInsideAPayloadAreEscapedInMessages) {
  auto file = write_temp("escape-in-value.json",
                         R"({"data":[{"from":{"email":"a@b.com"},"to":[{"email":"c@d.com"}],)"
                         R"("mail_format":"\u001b[31mred\u0007","subject":"s","content":"c"}]})");
  auto r = run_conform("validate --api bigin-mail --kind request " + file.string());
  EXPECT_EQ(r.exit_code, 1) << r.out << r.err;
  EXPECT_NE(r.out.find("/data/0/mail_format: "), std::string::npos) << r.out;
  EXPECT_EQ(first_control_byte(r.out + r.err), -1) << r.out;
}

TEST(CliValidate, ChannelOnAnApiWithoutChannelsSaysSo) {
  auto r = run_conform("validate --api bigin-mail --kind request --channel sms " +
                       fixture("bigin-mail", "the-documented-request-is-accepted"));
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find("bigin-mail has no channels, so --channel does not apply to it"),
            std::string::npos)
      << r.err;
}

TEST(CliValidate, AnUnknownChannelListsTheApisChannels) {
  auto r = run_conform("validate --api capillary-message --kind request --channel FAX " +
                       write_temp("sms.json", "{}").string());
  EXPECT_EQ(r.exit_code, 2);
  EXPECT_NE(r.err.find(
                "unknown channel 'FAX' for capillary-message (one of: email, sms, whatsapp, zalo)"),
            std::string::npos)
      << r.err;
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
