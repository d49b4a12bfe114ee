#pragma once
/// Escaping for the XML and HTML reports: nothing a server sent can become markup.
#include <string>
#include <string_view>
#include <vector>

namespace conform {

/// `&`, `<`, `>`, `"` and `'` escaped; control characters other than tab, LF and CR dropped
/// (XML 1.0 forbids them). Safe in element text and in quoted attributes.
std::string escape_markup(std::string_view text);

/// Milliseconds as seconds with three decimals, e.g. 1234.5 → "1.235".
std::string seconds_text(double ms);

/// Words as a reader lists them: "A", "A and B", "A, B and C"; "" for none.
std::string spoken_list(const std::vector<std::string>& words);

}  // namespace conform
