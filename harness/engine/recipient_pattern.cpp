#include "engine/recipient_pattern.hpp"

#include <cctype>

namespace conform {
namespace {

bool address_char(unsigned char ch) {
  if (ch < 0x21 || ch == 0x7f) return false;  // spaces and control characters
  static constexpr std::string_view kSeparators = "@,;<>\"'\\";
  return kSeparators.find(static_cast<char>(ch)) == std::string_view::npos;
}

bool same_letter(char a, char b) {
  return std::tolower(static_cast<unsigned char>(a)) == std::tolower(static_cast<unsigned char>(b));
}

/// Glob matching by backtracking over the last `*`; linear in practice, bounded by |a|·|p|.
bool glob(std::string_view a, std::string_view p) {
  size_t i = 0, j = 0, star = std::string_view::npos, resume = 0;
  while (i < a.size()) {
    if (j < p.size() && p[j] == '*') {
      star = j++;
      resume = i;
    } else if (j < p.size() &&
               ((p[j] == '?' && address_char(a[i])) || (p[j] != '?' && same_letter(a[i], p[j])))) {
      ++i;
      ++j;
    } else if (star != std::string_view::npos && address_char(a[resume])) {
      j = star + 1;
      i = ++resume;
    } else {
      return false;
    }
  }
  while (j < p.size() && p[j] == '*') ++j;
  return j == p.size();
}

std::string_view trimmed(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

}  // namespace

bool matches_recipient_pattern(std::string_view address, std::string_view pattern) {
  return glob(address, pattern);
}

std::vector<std::string> addresses_in(std::string_view value) {
  std::vector<std::string> out;
  size_t start = 0;
  while (start <= value.size()) {
    size_t end = value.find_first_of(",;", start);
    if (end == std::string_view::npos) end = value.size();
    std::string_view part = trimmed(value.substr(start, end - start));
    if (!part.empty()) out.emplace_back(part);
    start = end + 1;
  }
  return out;
}

bool is_plain_address(std::string_view text) {
  if (text.empty()) return false;
  size_t ats = 0;
  for (unsigned char ch : text) {
    if (ch == '@')
      ++ats;
    else if (!address_char(ch))
      return false;
  }
  return ats <= 1;
}

}  // namespace conform
