#pragma once
/// The checks every conform flag value goes through as CLI11 parses it: whole numbers that are
/// only digits, decimals within a range, one word of a fixed list. A failed check names the flag,
/// the accepted values and what was given, and is a usage error (exit 2).
#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>
#include <vector>

namespace conform {

/// Digits only (no sign, no fraction, no exponent), from `low` to `high`.
CLI::Validator whole_number(uint64_t low, uint64_t high);

/// A decimal number from `low` to `high`.
CLI::Validator decimal_number(double low, double high);

/// One of `words`, exactly as written.
CLI::Validator one_word_of(std::vector<std::string> words);

/// An option that may be given again, one value each time (`--api A --api B`).
CLI::Option* add_repeatable(CLI::App& app, const std::string& name, std::vector<std::string>& into,
                            const std::string& value_name, const std::string& help);

/// An option that takes one value of `value_name`.
template <typename T>
CLI::Option* add_value(CLI::App& app, const std::string& name, T& into,
                       const std::string& value_name, const std::string& help) {
  return app.add_option(name, into, help)->type_name(value_name);
}

}  // namespace conform
