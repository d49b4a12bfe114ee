/// The layers are written once, in harness/modules.cmake. These tests hold ARCHITECTURE.md and
/// every include in the sources to it, and show that a module's include root refuses the headers
/// of a module it may not include (through the real compiler).
#include <gtest/gtest.h>

#include <cstdio>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>

#include "support/cli_run.hpp"
#include "support/files.hpp"

namespace conform {
namespace {

namespace fs = std::filesystem;
using test::source_dir;

/// Module name → the modules it may include, as harness/modules.cmake sets them.
struct Layering {
  std::vector<std::string> modules;  ///< `conform_modules`, lowest first
  std::map<std::string, std::vector<std::string>> may_include;
};

std::vector<std::string> words(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string word; in >> word;) out.push_back(word);
  return out;
}

Layering read_modules_cmake() {
  const std::string text = test::read_text(source_dir() / "harness/modules.cmake");
  Layering layering;
  const std::regex set_call(R"(\nset\((conform_modules|conform_may_include_([a-z_]+))([^)]*)\))");
  for (std::sregex_iterator it(text.begin(), text.end(), set_call), end; it != end; ++it) {
    std::vector<std::string> values = words((*it)[3]);
    if ((*it)[2].matched) {
      if (values == std::vector<std::string>{"\"\""}) values.clear();
      layering.may_include[(*it)[2]] = values;
    } else {
      layering.modules = values;
    }
  }
  return layering;
}

std::string joined(const std::vector<std::string>& names) {
  std::string out;
  for (const auto& name : names) out += (out.empty() ? "" : ", ") + name;
  return out.empty() ? "—" : out;
}

/// The "may include" cell of each row of ARCHITECTURE.md's layer table, by module.
std::map<std::string, std::string> architecture_rows() {
  std::map<std::string, std::string> rows;
  std::istringstream in(test::read_text(source_dir() / "ARCHITECTURE.md"));
  const std::regex row(R"(^\| [0-9]+ \| `([a-z_]+)/`.*\| ([^|]*) \|$)");
  for (std::string line; std::getline(in, line);) {
    std::smatch m;
    if (std::regex_match(line, m, row)) rows[m[1]] = m[2];
  }
  return rows;
}

TEST(Architecture, ModulesCmakeListsEveryModuleFolderOnce) {
  const Layering layering = read_modules_cmake();
  ASSERT_FALSE(layering.modules.empty());
  for (const auto& entry : fs::directory_iterator(source_dir() / "harness")) {
    const std::string name = entry.path().filename().string();
    if (!entry.is_directory() || name == "cli") continue;
    EXPECT_EQ(std::count(layering.modules.begin(), layering.modules.end(), name), 1) << name;
    EXPECT_TRUE(layering.may_include.count(name)) << name << " has no conform_may_include_";
  }
}

TEST(Architecture, TheLayerTableOfArchitectureMdIsModulesCmake) {
  const Layering layering = read_modules_cmake();
  const auto rows = architecture_rows();
  for (const auto& [module, allowed] : layering.may_include) {
    auto row = rows.find(module);
    ASSERT_NE(row, rows.end()) << "ARCHITECTURE.md has no row for `" << module << "/`";
    EXPECT_EQ(row->second, joined(allowed))
        << "ARCHITECTURE.md, row `" << module << "/`: the may-include cell must be what "
        << "harness/modules.cmake says";
  }
  for (const auto& [module, cell] : rows) {
    if (module == "cli") continue;
    EXPECT_TRUE(layering.may_include.count(module))
        << "ARCHITECTURE.md has a row for `" << module << "/`, which modules.cmake does not know";
  }
}

/// Every `#include "<module>/…"` in harness/<m>/ and properties/ names <m> or a module <m> may
/// include. The compiler checks this for the .cpp files; this also covers headers no .cpp of
/// their own module includes.
TEST(Architecture, EveryIncludeKeepsTheTable) {
  const Layering layering = read_modules_cmake();
  const std::regex include(R"(^\s*#\s*include\s*"([^"/]+)/)");
  auto known = [&](const std::string& name) {
    return name == "cli" || layering.may_include.count(name) > 0;
  };
  size_t checked = 0;
  for (const auto& [module, allowed] : layering.may_include) {
    const fs::path dir =
        module == "properties" ? source_dir() / "properties" : source_dir() / "harness" / module;
    for (const auto& entry : fs::recursive_directory_iterator(dir)) {
      const std::string ext = entry.path().extension().string();
      if (ext != ".cpp" && ext != ".hpp") continue;
      if (entry.path().filename().string().ends_with("_test.cpp")) continue;
      std::istringstream in(test::read_text(entry.path()));
      size_t number = 0;
      for (std::string line; std::getline(in, line);) {
        ++number;
        std::smatch m;
        if (!std::regex_search(line, m, include) || !known(m[1])) continue;
        ++checked;
        const bool ok =
            m[1] == module || std::find(allowed.begin(), allowed.end(), m[1]) != allowed.end();
        EXPECT_TRUE(ok) << entry.path().string() << ":" << number << ": " << module
                        << "/ may not include " << m[1] << "/ (harness/modules.cmake)";
      }
    }
  }
  EXPECT_GT(checked, 300u);  // 390 in December 2026: the scan reached the sources
}

/// Preprocesses one line with the build's compiler and the include roots the build gives
/// `module`'s library; returns the compiler's exit code and its stderr.
std::pair<int, std::string> preprocess(const std::string& module, const std::string& line) {
  const Layering layering = read_modules_cmake();
  std::string command = std::string(CONFORM_CXX_COMPILER) + " -std=c++20 -E -o /dev/null";
  std::vector<std::string> roots = layering.may_include.at(module);
  roots.push_back(module);
  for (const auto& root : roots) {
    command += " -I '" + (fs::path(CONFORM_BUILD_DIR) / "module-include" / root).string() + "'";
  }
  const fs::path source = test::write_temp("include-" + module + ".cpp", line + "\n");
  command += " '" + source.string() + "' 2>&1";
  test::CliRun run = test::run_shell(command);
  return {run.exit_code, run.output};
}

TEST(Architecture, AModuleCannotIncludeTheHeadersOfAHigherOne) {
  auto [refused, says] = preprocess("checks", "#include \"engine/runner.hpp\"");
  EXPECT_NE(refused, 0);
  EXPECT_NE(says.find("engine/runner.hpp: No such file or directory"), std::string::npos) << says;
  auto [allowed, output] = preprocess("checks", "#include \"cases/replay_case.hpp\"");
  EXPECT_EQ(allowed, 0) << output;
  auto [http, from_http] = preprocess("http", "#include \"fixture/fixture.hpp\"");
  EXPECT_NE(http, 0) << from_http;
}

}  // namespace
}  // namespace conform
