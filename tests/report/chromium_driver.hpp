#pragma once
/// Headless Chromium (Debian's /usr/bin/chromium) driven over the DevTools protocol on a pipe
/// (--remote-debugging-pipe: commands on fd 3, answers on fd 4, each JSON message ended by NUL),
/// so a test can click like a person does, read the page and take a screenshot. No network:
/// pages are file:// URLs, and every call has a deadline.
#include <filesystem>
#include <string>

#include <nlohmann/json.hpp>

namespace conform::test {

/// Where Debian installs Chromium.
inline constexpr const char* kChromiumPath = "/usr/bin/chromium";

/// One headless Chromium with one page. Not copyable; the destructor closes the browser.
class ChromiumPage {
 public:
  /// Starts Chromium with a fresh profile under `dir` and a `width` × `height` viewport.
  ChromiumPage(const std::filesystem::path& dir, int width, int height);
  ~ChromiumPage();
  ChromiumPage(const ChromiumPage&) = delete;
  ChromiumPage& operator=(const ChromiumPage&) = delete;

  /// Opens `page` and waits until the report's script has run (body[data-ready]).
  void open(const std::filesystem::path& page);
  /// The value of a JavaScript expression (awaited when it is a promise); throws on an exception.
  nlohmann::json evaluate(const std::string& expression);
  /// A left click at the centre of the first element `selector` matches, as trusted input
  /// (it carries a user gesture); throws when nothing matches.
  void click(const std::string& selector);
  /// Ctrl+V into the focused element: pastes what the clipboard holds.
  void paste();
  /// Writes a PNG of the viewport to `png`.
  void screenshot(const std::filesystem::path& png);
  /// A DevTools command; `browser_level` sends it to the browser instead of the page.
  nlohmann::json call(const std::string& method,
                      const nlohmann::json& params = nlohmann::json::object(),
                      bool browser_level = false);

 private:
  nlohmann::json wait_for_answer(int id);
  void attach_page(int width, int height);

  int pid_ = -1;
  int to_browser_ = -1;
  int from_browser_ = -1;
  int next_id_ = 1;
  std::string session_;
  std::string pending_;  ///< bytes read after the last complete message
};

}  // namespace conform::test
