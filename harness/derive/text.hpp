#pragma once
/// Small text helpers for reading vendor pages: lines, trimming, words, edit distance.
#include <string>
#include <string_view>
#include <vector>

namespace conform::derive {

/// Splits text into lines; "\r\n" and a lone "\r" end a line too. No trailing empty line.
std::vector<std::string> split_lines(std::string_view text);

/// Removes leading and trailing spaces, tabs and non-breaking spaces.
std::string trim(std::string_view text);

/// ASCII lower case.
std::string lower(std::string_view text);

/// True when `text` contains `needle`, ignoring ASCII case.
bool contains_ci(std::string_view text, std::string_view needle);

/// Why the bytes are not a text page ("" when they are): NUL bytes or invalid UTF-8.
std::string binary_reason(std::string_view bytes);

/// Undoes markdown backslash escapes (`\*`, `\_`, `\\`, ...).
std::string unescape_markdown(std::string_view text);

/// Splits `text` on `sep`, trimming each part.
std::vector<std::string> split_trim(std::string_view text, char sep);

/// The words of a sentence: runs of letters, digits, `_` and `-`, in order.
std::vector<std::string> words_of(std::string_view text);

/// The parts of an identifier: `fileEncodingType` and `file_encoding_type` → file, encoding, type.
std::vector<std::string> name_parts(std::string_view name);

/// An identifier with case and separators removed: `file_Name` → `filename`.
std::string folded_name(std::string_view name);

/// True for a plain identifier: letters, digits, `_`, `.`, `-`, starting with a letter or `_`.
bool is_identifier(std::string_view text);

/// Levenshtein distance between two short strings.
size_t edit_distance(std::string_view a, std::string_view b);

}  // namespace conform::derive
