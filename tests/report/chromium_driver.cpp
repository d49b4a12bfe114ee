#include "chromium_driver.hpp"

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <fstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace conform::test {
namespace {

using nlohmann::json;
using Clock = std::chrono::steady_clock;

constexpr auto kCallDeadline = std::chrono::seconds(30);

std::string decode_base64(const std::string& text) {
  auto value = [](char c) -> int {
    if (c >= 'A' && c <= 'Z') return c - 'A';
    if (c >= 'a' && c <= 'z') return c - 'a' + 26;
    if (c >= '0' && c <= '9') return c - '0' + 52;
    return c == '+' ? 62 : c == '/' ? 63 : -1;
  };
  std::string out;
  int bits = 0, buffer = 0;
  for (char c : text) {
    int v = value(c);
    if (v < 0) continue;
    buffer = (buffer << 6) | v;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out.push_back(static_cast<char>((buffer >> bits) & 0xff));
    }
  }
  return out;
}

std::vector<std::string> chromium_arguments(const std::filesystem::path& dir) {
  return {"timeout",
          "-s",
          "KILL",
          "120",
          kChromiumPath,
          "--headless",
          "--no-sandbox",
          "--disable-gpu",
          "--disable-quic",
          "--no-first-run",
          "--disable-background-networking",
          "--disable-component-update",
          "--disable-sync",
          "--hide-scrollbars",
          "--remote-debugging-pipe",
          "--user-data-dir=" + (dir / "profile").string(),
          "about:blank"};
}

/// In the child: the pipe ends on fds 3 and 4, output to a log, then exec.
[[noreturn]] void exec_chromium(int read_end, int write_end, const std::filesystem::path& dir) {
  setpgid(0, 0);
  int high_read = fcntl(read_end, F_DUPFD, 10), high_write = fcntl(write_end, F_DUPFD, 10);
  dup2(high_read, 3);
  dup2(high_write, 4);
  int log = open((dir / "chromium.log").c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  dup2(log, 1);
  dup2(log, 2);
  for (int fd = 5; fd < 256; ++fd) close(fd);
  auto args = chromium_arguments(dir);
  std::vector<char*> argv;
  for (auto& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  execvp(argv[0], argv.data());
  _exit(127);
}

}  // namespace

ChromiumPage::ChromiumPage(const std::filesystem::path& dir, int width, int height) {
  std::filesystem::create_directories(dir);
  int commands[2], answers[2];
  if (pipe(commands) != 0 || pipe(answers) != 0) throw std::runtime_error("pipe failed");
  pid_ = fork();
  if (pid_ < 0) throw std::runtime_error("fork failed");
  if (pid_ == 0) exec_chromium(commands[0], answers[1], dir);
  close(commands[0]);
  close(answers[1]);
  to_browser_ = commands[1];
  from_browser_ = answers[0];
  signal(SIGPIPE, SIG_IGN);
  attach_page(width, height);
}

ChromiumPage::~ChromiumPage() {
  if (to_browser_ >= 0) {
    const std::string close_message = json{{"id", next_id_++}, {"method", "Browser.close"}}.dump();
    (void)!write(to_browser_, close_message.c_str(), close_message.size() + 1);
    close(to_browser_);
  }
  for (int i = 0; i < 50 && waitpid(pid_, nullptr, WNOHANG) == 0; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  if (waitpid(pid_, nullptr, WNOHANG) == 0) {
    kill(-pid_, SIGKILL);  // the process group this page started, by its id
    waitpid(pid_, nullptr, 0);
  }
  if (from_browser_ >= 0) close(from_browser_);
}

void ChromiumPage::attach_page(int width, int height) {
  json targets = call("Target.getTargets", json::object(), true);
  std::string target;
  for (const auto& info : targets["targetInfos"]) {
    if (info["type"] == "page") target = info["targetId"];
  }
  if (target.empty())
    target = call("Target.createTarget", {{"url", "about:blank"}}, true)["targetId"];
  session_ =
      call("Target.attachToTarget", {{"targetId", target}, {"flatten", true}}, true)["sessionId"];
  call("Emulation.setDeviceMetricsOverride",
       {{"width", width}, {"height", height}, {"deviceScaleFactor", 1}, {"mobile", false}});
  call("Emulation.setFocusEmulationEnabled", {{"enabled", true}});
}

json ChromiumPage::call(const std::string& method, const json& params, bool browser_level) {
  const int id = next_id_++;
  json message = {{"id", id}, {"method", method}, {"params", params}};
  if (!browser_level && !session_.empty()) message["sessionId"] = session_;
  const std::string text = message.dump();
  if (write(to_browser_, text.c_str(), text.size() + 1) != static_cast<ssize_t>(text.size() + 1)) {
    throw std::runtime_error("could not write to chromium: " + method);
  }
  json answer = wait_for_answer(id);
  if (answer.contains("error")) throw std::runtime_error(method + ": " + answer["error"].dump());
  return answer.value("result", json::object());
}

json ChromiumPage::wait_for_answer(int id) {
  const auto deadline = Clock::now() + kCallDeadline;
  for (;;) {
    for (size_t end = pending_.find('\0'); end != std::string::npos; end = pending_.find('\0')) {
      json message = json::parse(pending_.substr(0, end), nullptr, false);
      pending_.erase(0, end + 1);
      if (message.is_object() && message.value("id", -1) == id) return message;
    }
    auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) throw std::runtime_error("chromium did not answer in time");
    pollfd ready{from_browser_, POLLIN, 0};
    if (poll(&ready, 1, static_cast<int>(left)) <= 0) continue;
    char buffer[65536];
    ssize_t n = read(from_browser_, buffer, sizeof buffer);
    if (n <= 0) throw std::runtime_error("chromium closed its pipe (see chromium.log)");
    pending_.append(buffer, static_cast<size_t>(n));
  }
}

void ChromiumPage::open(const std::filesystem::path& page) {
  call("Page.navigate", {{"url", "file://" + page.string()}});
  const auto deadline = Clock::now() + kCallDeadline;
  while (evaluate("document.readyState === 'complete' && !!document.body && "
                  "document.body.getAttribute('data-ready') === 'true'") != true) {
    if (Clock::now() > deadline) throw std::runtime_error("the page's script never ran");
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

json ChromiumPage::evaluate(const std::string& expression) {
  json answer = call("Runtime.evaluate", {{"expression", expression},
                                          {"returnByValue", true},
                                          {"awaitPromise", true},
                                          {"userGesture", false}});
  if (answer.contains("exceptionDetails")) {
    throw std::runtime_error("script error in `" + expression +
                             "`: " + answer["exceptionDetails"].dump());
  }
  return answer["result"].value("value", json());
}

void ChromiumPage::click(const std::string& selector) {
  json centre = evaluate("(() => { const el = document.querySelector(" + json(selector).dump() +
                         "); if (!el) return null; el.scrollIntoView({block: 'center'});"
                         " const r = el.getBoundingClientRect(); return [r.x + r.width / 2, r.y + "
                         "r.height / 2]; })()");
  if (!centre.is_array()) throw std::runtime_error("nothing matches " + selector);
  for (const char* type : {"mouseMoved", "mousePressed", "mouseReleased"}) {
    json event = {{"type", type},
                  {"x", centre[0]},
                  {"y", centre[1]},
                  {"button", "left"},
                  {"clickCount", std::string(type) == "mouseMoved" ? 0 : 1}};
    call("Input.dispatchMouseEvent", event);
  }
}

void ChromiumPage::paste() {
  for (const char* type : {"keyDown", "keyUp"}) {
    json event = {{"type", type},
                  {"key", "v"},
                  {"code", "KeyV"},
                  {"modifiers", 2},
                  {"windowsVirtualKeyCode", 86}};
    if (std::string(type) == "keyDown") event["commands"] = json::array({"paste"});
    call("Input.dispatchKeyEvent", event);
  }
}

void ChromiumPage::screenshot(const std::filesystem::path& png) {
  json shot = call("Page.captureScreenshot", {{"format", "png"}});
  std::ofstream(png, std::ios::binary) << decode_base64(shot.value("data", ""));
}

}  // namespace conform::test
