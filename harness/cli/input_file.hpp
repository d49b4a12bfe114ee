#pragma once
/// Reading the FILE arguments of a command: `-` is standard input, and a file that cannot be
/// read says why instead of stopping the run.
#include <optional>
#include <string>

namespace conform {

/// What messages call standard input.
inline constexpr const char* kStdinName = "<stdin>";

/// The text of one FILE argument, or why it could not be read.
struct InputText {
  std::string name;                 ///< as messages show it: the path, or kStdinName for `-`
  std::optional<std::string> text;  ///< empty when unreadable
  std::string unreadable_reason;    ///< "not found", "is a directory", "permission denied", ...
};

/// Reads one FILE argument (`-` reads standard input to its end). Never throws.
InputText read_input(const std::string& argument);

}  // namespace conform
