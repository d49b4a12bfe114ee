#pragma once
/// Well-formed UTF-8 (Unicode Table 3-7: no overlongs, no surrogates, nothing above U+10FFFF),
/// the same rule nlohmann/json applies when it writes a string.
#include <cstddef>
#include <string_view>

namespace conform {

/// Length of the well-formed UTF-8 sequence starting at text[i]; 0 when there is none there.
size_t utf8_sequence_length(std::string_view text, size_t i);

/// True when the whole text is well-formed UTF-8.
bool is_valid_utf8(std::string_view text);

/// Where in a text its first byte outside well-formed UTF-8 sits; npos when there is none.
size_t first_invalid_utf8(std::string_view text);

}  // namespace conform
