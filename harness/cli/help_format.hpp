#pragma once
/// How `conform ... --help` lays out what CLI11 knows of a command: a usage line made from the
/// declared options, then the description, the options and the footer.
#include <CLI/CLI.hpp>
#include <string>

namespace conform {

/// CLI11's formatter with conform's layout: `usage:` first, made from the options themselves
/// (so the synopsis never disagrees with them), one line per subcommand for a command that has
/// them, then the description, the option list and the footer.
class HelpFormatter : public CLI::Formatter {
 public:
  HelpFormatter();
  /// The whole help page of `app`, whose full name is `name`.
  std::string make_help(const CLI::App* app, std::string name,
                        CLI::AppFormatMode mode) const override;
  /// The usage line(s): `usage: conform replay [--target URL] [--api ID]... ...`.
  std::string make_usage(const CLI::App* app, std::string name) const override;
  /// One line of a command list: the name and the first line of its description (its summary).
  std::string make_subcommand(const CLI::App* sub) const override;
};

/// `text` (one paragraph) reflowed into lines of at most `width` columns, broken at spaces.
std::string wrap_text(const std::string& text, size_t width = 90);

/// The synopsis of one command: its name, then each option (brackets when optional, `...` when
/// repeatable) and each positional, wrapped at 100 columns under the first option.
std::string synopsis(const CLI::App& app, const std::string& name);

}  // namespace conform
