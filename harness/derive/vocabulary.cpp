#include "derive/vocabulary.hpp"

#include <array>

#include "derive/text.hpp"

namespace conform::derive {
namespace {

struct TypeWord {
  const char* word;
  const char* type;
  const char* item_type;
  const char* format;
  bool is_enum;
};

// Every type word the four page shapes use, lower-cased.
constexpr std::array<TypeWord, 26> kTypeWords = {{
    {"string", "string", "", "", false},
    {"str", "string", "", "", false},
    {"text", "string", "", "", false},
    {"integer", "integer", "", "", false},
    {"int", "integer", "", "", false},
    {"int32", "integer", "", "", false},
    {"int64", "integer", "", "", false},
    {"long", "integer", "", "", false},
    {"number", "number", "", "", false},
    {"double", "number", "", "", false},
    {"float", "number", "", "", false},
    {"boolean", "boolean", "", "", false},
    {"bool", "boolean", "", "", false},
    {"obj", "object", "", "", false},
    {"object", "object", "", "", false},
    {"jsonobject", "object", "", "", false},
    {"array", "array", "", "", false},
    {"jsonarray", "array", "", "", false},
    {"array-obj", "array", "object", "", false},
    {"array of objects", "array", "object", "", false},
    {"array of strings", "array", "string", "", false},
    {"array-string", "array", "string", "", false},
    {"date-time", "string", "", "date-time", false},
    {"datetime", "string", "", "date-time", false},
    {"date", "string", "", "date", false},
    {"enum", "string", "", "", true},
}};

// The text after the first occurrence of one of `keys` (case ignored), or npos.
size_t after_any(const std::string& low, std::initializer_list<const char*> keys) {
  for (const char* key : keys) {
    size_t at = low.find(key);
    if (at != std::string::npos) return at + std::string(key).size();
  }
  return std::string::npos;
}

// The sentence starting at `from`: up to ". " or the end.
std::string sentence_from(const std::string& text, size_t from) {
  size_t end = text.find(". ", from);
  std::string out = text.substr(from, end == std::string::npos ? std::string::npos : end - from);
  if (!out.empty() && out.back() == '.') out.pop_back();
  return out;
}

std::vector<std::string> listed_values(const std::string& list) {
  std::string text = " " + list + " ";
  for (const char* joiner : {" and ", " or "}) {
    for (size_t at; (at = text.find(joiner)) != std::string::npos;)
      text.replace(at, std::string(joiner).size(), ",");
  }
  std::vector<std::string> values;
  for (auto part : split_trim(text, ',')) {
    while (!part.empty() && (part.front() == '"' || part.front() == '`' || part.front() == '\''))
      part.erase(0, 1);
    while (!part.empty() && (part.back() == '"' || part.back() == '`' || part.back() == '\''))
      part.pop_back();
    if (part.empty()) continue;
    if (!is_identifier(part)) return {};
    values.push_back(part);
  }
  return values.size() >= 2 ? values : std::vector<std::string>{};
}

// "The value html indicates ... and text indicates ...": the words before each "indicates".
std::vector<std::string> indicated_values(const std::string& description) {
  if (!contains_ci(description, "value")) return {};
  auto words = words_of(description);
  std::vector<std::string> values;
  for (size_t i = 1; i < words.size(); ++i) {
    if (lower(words[i]) == "indicates" && is_identifier(words[i - 1]))
      values.push_back(words[i - 1]);
  }
  return values.size() >= 2 ? values : std::vector<std::string>{};
}

nlohmann::json typed_value(const std::string& word, const DocRow& row) {
  if (row.type == "boolean" && (word == "true" || word == "false")) return word == "true";
  if (row.type == "integer" && !word.empty() &&
      word.find_first_not_of("0123456789") == std::string::npos)
    return std::stoll(word.substr(0, 18));
  return word;
}

void apply_default(DocRow& row, const std::string& description) {
  std::string low = lower(description);
  size_t at = after_any(low, {"default value is ", "defaults to ", "default value-",
                              "default value: ", "default is "});
  if (at == std::string::npos) return;
  auto words = words_of(description.substr(at));
  if (words.empty()) return;
  row.default_value = typed_value(words.front(), row);
}

/// The kind of value a string field holds, when its description names one: the acceptance core
/// sends values of that shape (a server may take others, so the kind never becomes settled).
void apply_value_kind(DocRow& row, DocPage& page) {
  if (!row.value_kind.empty()) return;  // prose is read once per pass; record the inference once
  bool strings = row.type.empty() || row.type == "string" ||
                 (row.type == "array" && row.item_type == "string");
  if (!strings) return;
  std::string low = lower(row.description);
  if (low.find("mobile number") != std::string::npos ||
      low.find("phone number") != std::string::npos) {
    row.value_kind = "phone";
  } else if (low.find(" url") != std::string::npos || low.rfind("url", 0) == 0) {
    row.value_kind = "url";
  } else if (low.find("internet mail extensions") != std::string::npos) {
    row.value_kind = "mime-type";
  }
  if (!row.value_kind.empty())
    page.inferences.push_back(
        {row.description_line, "the description names a " + row.value_kind +
                                   ": the acceptance core sends values of that kind"});
}

}  // namespace

TypeMeaning type_meaning(const std::string& raw) {
  std::string low = lower(trim(raw));
  for (const auto& word : kTypeWords) {
    if (low == word.word) return {true, word.type, word.item_type, word.format, word.is_enum};
  }
  return {};
}

std::string closest_type(const std::string& raw) {
  std::string low = lower(trim(raw));
  std::string best;
  size_t best_distance = 3;
  for (const auto& word : kTypeWords) {
    size_t d = edit_distance(low, word.word);
    if (d < best_distance && std::string(word.word).size() > 3) {
      best_distance = d;
      best = word.word;
    }
  }
  return best;
}

bool apply_type(DocRow& row, const std::string& raw, DocPage& page) {
  row.type_raw = trim(raw);
  if (row.type_raw.empty()) return true;
  TypeMeaning meaning = type_meaning(row.type_raw);
  bool known = meaning.known;
  if (!known) {
    std::string closest = closest_type(row.type_raw);
    if (closest.empty()) return false;
    meaning = type_meaning(closest);
    page.inferences.push_back(
        {row.type_line, "unknown type '" + row.type_raw + "' read as " + closest});
  }
  row.type = meaning.type;
  row.item_type = meaning.item_type;
  row.format = meaning.format;
  row.enum_marked = row.enum_marked || meaning.is_enum;
  return known;
}

void apply_prose(DocRow& row, DocPage& page) {
  const std::string& d = row.description;
  if (d.empty()) return;
  std::string low = lower(d);
  std::vector<std::string> values;
  size_t at = after_any(low, {"values are ", "values: ", "value is one of ", "one of: "});
  if (at != std::string::npos) values = listed_values(sentence_from(d, at));
  if (values.empty()) values = indicated_values(d);
  bool boolean_words =
      low.find("true or false") != std::string::npos || low.find("true/false") != std::string::npos;
  bool values_boolean =
      values.size() == 2 && lower(values[0]) == "true" && lower(values[1]) == "false";
  if ((boolean_words || values_boolean) && (row.type.empty() || row.type == "boolean")) {
    if (row.type.empty())
      page.inferences.push_back(
          {row.description_line, "boolean type read from the words true/false"});
    row.type = "boolean";
  } else if (!values.empty() && row.enum_values.empty() &&
             (row.type.empty() || row.type == "string")) {
    row.enum_values = values;
    if (row.type.empty()) row.type = "string";
    page.inferences.push_back(
        {row.description_line,
         "enum values read from the description, taken as the complete list"});
  }
  apply_default(row, d);
  apply_value_kind(row, page);
}

}  // namespace conform::derive
