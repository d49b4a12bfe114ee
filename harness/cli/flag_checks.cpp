#include "cli/flag_checks.hpp"

#include <algorithm>
#include <cctype>
#include <sstream>

namespace conform {
namespace {

/// 0.05, 10, 3600: a bound as a person writes it.
std::string bound_text(double bound) {
  std::ostringstream out;
  out << bound;
  return out.str();
}

bool only_digits(const std::string& text) {
  return !text.empty() && text.size() <= 20 &&
         std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c); });
}

}  // namespace

CLI::Validator whole_number(uint64_t low, uint64_t high) {
  return CLI::Validator(
      [low, high](std::string& text) -> std::string {
        try {
          // stoull alone would wrap "-1" to 2^64 - 1 and cut "2.7" to 2: digits only.
          uint64_t value = only_digits(text) ? std::stoull(text) : 0;
          if (only_digits(text) && value >= low && value <= high) return "";
        } catch (const std::out_of_range&) {
        }
        return "must be a whole number from " + std::to_string(low) + " to " +
               std::to_string(high) + ", got '" + text + "'";
      },
      "", "whole number");
}

CLI::Validator decimal_number(double low, double high) {
  return CLI::Validator(
      [low, high](std::string& text) -> std::string {
        try {
          size_t used = 0;
          double value = std::stod(text, &used);
          if (used == text.size() && value >= low && value <= high) return "";
        } catch (const std::exception&) {
        }
        return "must be a number from " + bound_text(low) + " to " + bound_text(high) + ", got '" +
               text + "'";
      },
      "", "decimal number");
}

CLI::Validator one_word_of(std::vector<std::string> words) {
  return CLI::Validator(
      [words](std::string& text) -> std::string {
        if (std::find(words.begin(), words.end(), text) != words.end()) return "";
        std::string list;
        for (size_t i = 0; i < words.size(); ++i)
          list += (i == 0 ? "" : i + 1 == words.size() ? " or " : ", ") + words[i];
        return "must be " + list + ", got '" + text + "'";
      },
      "", "one word of a list");
}

CLI::Option* add_repeatable(CLI::App& app, const std::string& name, std::vector<std::string>& into,
                            const std::string& value_name, const std::string& help) {
  return app.add_option(name, into, help)->type_name(value_name)->allow_extra_args(false);
}

}  // namespace conform
