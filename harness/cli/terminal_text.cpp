#include "cli/terminal_text.hpp"

#include <algorithm>

#include "core/utf8.hpp"

namespace conform {
namespace {

void append_hex_escape(std::string& out, unsigned char byte) {
  static constexpr char kDigits[] = "0123456789abcdef";
  out += "\\x";
  out += kDigits[byte >> 4];
  out += kDigits[byte & 0xf];
}

/// U+0080..U+009F (C1 controls, such as the single-byte CSI) are encoded as C2 80..C2 9F.
bool is_c1_control(std::string_view text, size_t i, size_t length) {
  return length == 2 && static_cast<unsigned char>(text[i]) == 0xc2 &&
         static_cast<unsigned char>(text[i + 1]) < 0xa0;
}

}  // namespace

std::string escaped_for_terminal(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    auto byte = static_cast<unsigned char>(text[i]);
    size_t length = utf8_sequence_length(text, i);
    if (length == 0 || byte < 0x20 || byte == 0x7f || is_c1_control(text, i, length)) {
      size_t escaped = std::max<size_t>(length, 1);
      for (size_t k = 0; k < escaped; ++k)
        append_hex_escape(out, static_cast<unsigned char>(text[i + k]));
      i += escaped;
    } else {
      out.append(text.substr(i, length));
      i += length;
    }
  }
  return out;
}

std::string escaped_excerpt(std::string_view text, size_t from, size_t max_bytes) {
  from = std::min(from, text.size());
  std::string_view part = text.substr(from, max_bytes);
  return escaped_for_terminal(part) + (from + part.size() < text.size() ? "..." : "");
}

}  // namespace conform
