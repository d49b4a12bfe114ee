#include "cli/help_format.hpp"

#include <sstream>
#include <vector>

namespace conform {
namespace {

constexpr size_t kWidth = 100;

bool repeatable(const CLI::Option& option) {
  return option.get_expected_max() > 1;
}

/// `--api ID`, `-o FILE` or `--check`: the first long name, else the short one.
std::string option_word(const CLI::Option& option) {
  std::string name = option.get_lnames().empty() ? "-" + option.get_snames().front()
                                                 : "--" + option.get_lnames().front();
  if (option.get_type_size() != 0 && !option.get_type_name().empty())
    name += " " + option.get_type_name();
  return name;
}

std::string usage_word(const CLI::Option& option) {
  if (option.get_positional()) {
    std::string word = option.get_name() + (repeatable(option) ? "..." : "");
    return option.get_required() ? word : "[" + word + "]";
  }
  std::string word = option_word(option);
  if (!option.get_required()) word = "[" + word + "]";
  return word + (repeatable(option) ? "..." : "");
}

/// The words after `head`, wrapped at kWidth; a continued line starts under the first word
/// (past the `usage: ` that precedes the head).
std::string wrapped(const std::string& head, const std::vector<std::string>& words) {
  const std::string indent(std::string("usage: ").size() + head.size(), ' ');
  std::string out = head;
  size_t column = indent.size();
  for (const auto& word : words) {
    if (column + 1 + word.size() > kWidth && column > indent.size()) {
      out += "\n" + indent;
      column = indent.size();
    }
    out += " " + word;
    column += 1 + word.size();
  }
  return out;
}

}  // namespace

std::string synopsis(const CLI::App& app, const std::string& name) {
  std::vector<std::string> words;
  for (const CLI::Option* option : app.get_options()) {
    if (option->get_positional()) words.push_back(usage_word(*option));
  }
  for (const CLI::Option* option : app.get_options()) {
    if (option == app.get_help_ptr() || option->get_positional()) continue;
    words.push_back(usage_word(*option));
  }
  return wrapped(name, words);
}

std::string wrap_text(const std::string& text, size_t width) {
  std::istringstream words(text);
  std::string out, line, word;
  while (words >> word) {
    if (!line.empty() && line.size() + 1 + word.size() > width) {
      out += line + "\n";
      line.clear();
    }
    line += (line.empty() ? "" : " ") + word;
  }
  return out + line;
}

HelpFormatter::HelpFormatter() {
  column_width(28);
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
  std::string description = sub->get_description();
  std::ostringstream out;
  CLI::detail::format_help(out, sub->get_name(), description.substr(0, description.find('\n')),
                           get_column_width());
  return out.str();
}

std::string HelpFormatter::make_usage(const CLI::App* app, std::string name) const {
  std::vector<const CLI::App*> children = app->get_subcommands({});
  if (app->get_parent() == nullptr)
    return "usage: " + name + " <command> [options]\n       " + name + " --version\n";
  if (children.empty()) return "usage: " + synopsis(*app, name) + "\n";
  std::string out;
  for (const CLI::App* child : children) {
    std::string line = synopsis(*child, name + " " + child->get_name());
    out += (out.empty() ? "usage: " : "       ") + line + "\n";
  }
  return out;
}

std::string HelpFormatter::make_help(const CLI::App* app, std::string name,
                                     CLI::AppFormatMode mode) const {
  if (mode == CLI::AppFormatMode::Sub) return make_expanded(app);
  std::ostringstream out;
  out << make_usage(app, name) << "\n";
  std::string description = app->get_description();
  while (!description.empty() && description.back() == '\n') description.pop_back();
  if (!description.empty()) out << description << "\n";
  out << make_positionals(app) << make_groups(app, mode) << make_subcommands(app, mode);
  std::string footer = make_footer(app);
  if (!footer.empty()) out << "\n" << footer;
  return out.str();
}

}  // namespace conform
