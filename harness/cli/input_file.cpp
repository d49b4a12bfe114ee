#include "cli/input_file.hpp"

#include <cerrno>
#include <cstdio>
#include <filesystem>
#include <system_error>

namespace conform {
namespace {

namespace fs = std::filesystem;

/// A short reason for a failed open or read, in the words users meet in other tools.
std::string reason_for(const std::error_code& ec) {
  if (ec == std::errc::no_such_file_or_directory || ec == std::errc::not_a_directory)
    return "not found";
  if (ec == std::errc::permission_denied || ec == std::errc::operation_not_permitted) {
    return "permission denied";
  }
  if (ec == std::errc::is_a_directory) return "is a directory";
  return ec.message();
}

std::error_code last_errno() {
  return {errno, std::generic_category()};
}

/// Reads an open stream to its end; the reason on a read error.
std::optional<std::string> read_all(std::FILE* in, std::string& reason) {
  std::string text;
  char buffer[65536];
  while (size_t n = std::fread(buffer, 1, sizeof buffer, in)) text.append(buffer, n);
  if (std::ferror(in)) {
    reason = reason_for(last_errno());
    return std::nullopt;
  }
  return text;
}

InputText read_path(const std::string& path) {
  InputText input{path, std::nullopt, ""};
  std::error_code ec;
  fs::file_status status = fs::status(path, ec);
  if (ec) {
    input.unreadable_reason = reason_for(ec);
    return input;
  }
  if (fs::is_directory(status)) {
    input.unreadable_reason = "is a directory";
    return input;
  }
  std::FILE* file = std::fopen(path.c_str(), "rb");
  if (!file) {
    input.unreadable_reason = reason_for(last_errno());
    return input;
  }
  input.text = read_all(file, input.unreadable_reason);
  std::fclose(file);
  return input;
}

}  // namespace

InputText read_input(const std::string& argument) {
  if (argument != "-") return read_path(argument);
  InputText input{kStdinName, std::nullopt, ""};
  input.text = read_all(stdin, input.unreadable_reason);
  return input;
}

}  // namespace conform
