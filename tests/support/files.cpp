#include "support/files.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>

namespace conform::test {
namespace fs = std::filesystem;

namespace {

fs::path temp_root() {
  fs::path root = fs::temp_directory_path() / ("conform-tests-" + std::to_string(getpid()));
  fs::create_directories(root);
  return root;
}

}  // namespace

fs::path source_dir() {
  return CONFORM_SOURCE_DIR;
}

nlohmann::json read_json(const fs::path& path) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error("cannot read " + path.string());
  return nlohmann::json::parse(in);
}

std::string read_text(const fs::path& file) {
  std::ifstream in(file, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

fs::path write_temp(const std::string& name, const std::string& text) {
  fs::path path = temp_root() / name;
  std::ofstream(path, std::ios::binary) << text;
  return path;
}

Scratch::Scratch(const std::string& name)
    : path(fs::temp_directory_path() /
           ("conform-scratch-" + name + "-" + std::to_string(::getpid()))) {
  fs::remove_all(path);
  fs::create_directories(path);
}

Scratch::~Scratch() {
  std::error_code ignored;
  fs::remove_all(path, ignored);
}

}  // namespace conform::test
