#include "test_support.hpp"

#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <fstream>
#include <sstream>
#include <stdexcept>

namespace conform::testing {
namespace fs = std::filesystem;

fs::path source_dir() {
  return CONFORM_SOURCE_DIR;
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return nlohmann::json::parse(in);
}

static std::string slurp(const fs::path& path) {
  std::ifstream in(path);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

static fs::path temp_root() {
  fs::path root = fs::temp_directory_path() / ("conform-foundation-" + std::to_string(getpid()));
  fs::create_directories(root);
  return root;
}

fs::path write_temp(const std::string& name, const std::string& text) {
  fs::path path = temp_root() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

ProcessResult run_conform(const std::string& arguments) {
  static int counter = 0;
  fs::path out = temp_root() / ("out" + std::to_string(++counter));
  fs::path err = temp_root() / ("err" + std::to_string(counter));
  std::string command =
      std::string(CONFORM_BINARY) + " " + arguments + " >" + out.string() + " 2>" + err.string();
  int status = std::system(command.c_str());
  ProcessResult result;
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  result.out = slurp(out);
  result.err = slurp(err);
  return result;
}

}  // namespace conform::testing
