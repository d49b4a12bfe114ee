#pragma once
/// Reading a whole file: the one reader every module uses.
#include <filesystem>
#include <optional>
#include <string>

namespace conform {

/// The whole file, byte for byte; std::nullopt when it is a directory or cannot be read.
std::optional<std::string> read_text_file(const std::filesystem::path& path);

}  // namespace conform
