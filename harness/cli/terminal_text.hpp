#pragma once
/// Text that is safe to print on a terminal, whatever bytes a user's file held.
#include <cstddef>
#include <string>
#include <string_view>

namespace conform {

/// The text with every control byte (C0, DEL, C1) and every byte outside well-formed UTF-8
/// written as \xHH; the result is valid UTF-8 and holds no byte below 0x20.
std::string escaped_for_terminal(std::string_view text);

/// At most `max_bytes` of the text from `from`, escaped, with "..." when it is cut.
std::string escaped_excerpt(std::string_view text, size_t from, size_t max_bytes = 16);

}  // namespace conform
