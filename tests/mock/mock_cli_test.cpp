/// `conform mock` as a process: the first stdout line names the URL, SIGTERM stops it cleanly.
#include <gtest/gtest.h>

#include <fcntl.h>
#include <signal.h>
#include <spawn.h>
#include <sys/wait.h>

#include <cstdio>
#include <filesystem>
#include <fstream>

#include "mock/faults.hpp"
#include "mock/variants.hpp"
#include "mock_process.hpp"
#include "mock_test_support.hpp"

namespace conform {
namespace {

using namespace mock_test;

TEST(MockCli, prints_the_url_first_serves_and_stops_on_sigterm_with_the_outbox_on_disk) {
  auto outbox = std::filesystem::temp_directory_path() /
                ("conform-cli-outbox-" + std::to_string(::getpid()) + ".jsonl");
  std::filesystem::remove(outbox);
  Child child = spawn({"mock", "--port", "0", "--prefix", "/p", "--outbox", outbox.string()});
  ASSERT_GT(child.pid, 0);
  std::string line = read_line(child.out, std::chrono::seconds(20));
  const std::string head = "conform mock listening on http://127.0.0.1:";
  ASSERT_EQ(line.rfind(head, 0), 0u) << line;
  int port = std::atoi(line.substr(head.size()).c_str());
  EXPECT_EQ(line, head + std::to_string(port) + "/p");
  {
    auto client = client_for(port);
    auto r = client->Post("/p/v1/messaging/email", {{"X-WHIPPY-KEY", "k"}},
                          R"({"to":"a@example.com","from":"b"})", "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
  }
  ::kill(child.pid, SIGTERM);
  EXPECT_EQ(wait_exit(child.pid, std::chrono::seconds(10)), 0);
  ::close(child.out);
  std::ifstream in(outbox);
  std::string first;
  ASSERT_TRUE(std::getline(in, first));
  EXPECT_EQ(nlohmann::json::parse(first)["api"], "whippy-email");
  std::filesystem::remove(outbox);
}

TEST(MockCli, list_faults_names_every_fault_and_its_check) {
  Child child = spawn({"mock", "--list-faults"});
  ASSERT_GT(child.pid, 0);
  std::string text;
  for (std::string line; !(line = read_line(child.out, std::chrono::seconds(5))).empty();) {
    text += line + "\n";
  }
  EXPECT_EQ(wait_exit(child.pid, std::chrono::seconds(5)), 0);
  ::close(child.out);
  for (const auto& spec : fault_table()) {
    EXPECT_NE(text.find(spec.name), std::string::npos) << spec.name;
    EXPECT_NE(text.find(spec.expected_check), std::string::npos) << spec.name;
  }
}

/// Every line the child writes on the pipe until it closes it (bounded by `wait` per line).
std::string read_all(const Child& child, std::chrono::milliseconds wait = std::chrono::seconds(5)) {
  std::string text;
  for (std::string line; !(line = read_line(child.out, wait)).empty();) text += line + "\n";
  return text;
}

TEST(MockCli, list_variants_names_all_sixteen_with_open_point_and_apis) {
  Child child = spawn({"mock", "--list-variants"});
  ASSERT_GT(child.pid, 0);
  std::string text = read_all(child);
  EXPECT_EQ(wait_exit(child.pid, std::chrono::seconds(5)), 0);
  ::close(child.out);
  ASSERT_EQ(variant_table().size(), 16u);
  for (const auto& spec : variant_table()) {
    EXPECT_NE(text.find(std::string(spec.name) + "\n"), std::string::npos) << spec.name;
    EXPECT_NE(text.find(std::string("open point: ") + spec.open_point + "; apis: " + spec.apis),
              std::string::npos)
        << spec.name;
    EXPECT_NE(text.find(spec.description), std::string::npos) << spec.name;
  }
}

TEST(MockCli, an_unknown_variant_exits_2_and_lists_the_valid_names) {
  Child child =
      spawn({"mock", "--port", "0", "--variant", "null-as-absent", "--variant", "nope"}, 2);
  ASSERT_GT(child.pid, 0);
  std::string text = read_all(child, std::chrono::seconds(10));
  EXPECT_EQ(wait_exit(child.pid, std::chrono::seconds(10)), 2);
  ::close(child.out);
  EXPECT_NE(text.find("unknown variant 'nope'"), std::string::npos) << text;
  for (const auto& spec : variant_table()) {
    EXPECT_NE(text.find(spec.name), std::string::npos) << spec.name;
  }
}

TEST(MockCli, variants_and_faults_are_switched_on_together_from_the_command_line) {
  Child child =
      spawn({"mock", "--port", "0", "--variant", "status-201", "--fault", "text-plain-success"});
  ASSERT_GT(child.pid, 0);
  std::string line = read_line(child.out, std::chrono::seconds(20));
  const std::string head = "conform mock listening on http://127.0.0.1:";
  ASSERT_EQ(line.rfind(head, 0), 0u) << line;
  {
    auto client = client_for(std::atoi(line.substr(head.size()).c_str()));
    auto r = client->Post(kWhippyPath, kWhippyAuth, R"({"to":"a@example.com","from":"b"})",
                          "application/json");
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 201);
    EXPECT_EQ(r->get_header_value("Content-Type"), "text/plain");
  }
  ::kill(child.pid, SIGTERM);
  EXPECT_EQ(wait_exit(child.pid, std::chrono::seconds(10)), 0);
  ::close(child.out);
}

TEST(MockCli, an_unknown_fault_or_a_bad_port_is_a_usage_error) {
  for (std::vector<std::string> args : {std::vector<std::string>{"mock", "--fault", "nope"},
                                        std::vector<std::string>{"mock", "--port", "99999"},
                                        std::vector<std::string>{"mock", "--port", "x"}}) {
    Child child = spawn(args);
    ASSERT_GT(child.pid, 0);
    EXPECT_EQ(wait_exit(child.pid, std::chrono::seconds(10)), 2) << args[1] << " " << args[2];
    ::close(child.out);
  }
}

}  // namespace
}  // namespace conform
