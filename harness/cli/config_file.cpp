#include "cli/config_file.hpp"

#include <toml++/toml.h>

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <sstream>

#include "cli/config_values.hpp"

namespace conform {
namespace {

const char* const kDefaultFile = "conform.toml";

/// One key of the file with where it was written.
struct Setting {
  const toml::node* value = nullptr;
  std::string where;    ///< "conform.toml:7"
  std::string section;  ///< "the top level", "[env.staging]", "[fuzz]", ...
};

class TomlConfig : public CLI::Config {
 public:
  explicit TomlConfig(CLI::App* root) : root_(root) {}

  /// The `--env` option of a subcommand that reads the file.
  void watch(const std::string& command, CLI::Option* env) { env_options_[command] = env; }

  std::string to_config(const CLI::App*, bool, bool, std::string) const override { return ""; }

  std::vector<CLI::ConfigItem> from_config(std::istream& input) const override {
    CLI::App* command = parsed_command();
    if (!command || (command->get_help_ptr() && command->get_help_ptr()->count() > 0)) return {};
    std::string path = file_path();
    read = true;
    std::stringstream text;
    text << input.rdbuf();
    toml::table document;
    try {
      document = toml::parse(text.str(), path);
    } catch (const toml::parse_error& e) {
      throw CLI::ConfigError(path + ":" + std::to_string(e.source().begin.line) +
                             ": not valid TOML: " + std::string(e.description()));
    }
    std::string profile = chosen_profile(*command);
    std::map<std::string, Setting> settings;
    collect(document, *command, path, profile, settings);
    std::vector<CLI::ConfigItem> items;
    for (const auto& [key, setting] : settings) items.push_back(item_of(*command, key, setting));
    std::cerr << "conform " << command->get_name() << ": settings from " << path
              << (profile.empty() ? "" : " [env." + profile + "]") << "\n";
    return items;
  }

 private:
  CLI::App* parsed_command() const {
    for (const auto& [name, env] : env_options_) {
      CLI::App* command = root_->get_subcommand(name);
      if (command->parsed()) return command;
    }
    return nullptr;
  }

  std::string file_path() const {
    const CLI::Option* config = root_->get_config_ptr();
    return config->results().empty() ? kDefaultFile : config->results().back();
  }

  std::string chosen_profile(const CLI::App& command) const {
    const CLI::Option* env = env_options_.at(command.get_name());
    return env->results().empty() ? "" : env->results().back();
  }

  static std::string where(const std::string& path, const toml::node& node) {
    return path + ":" + std::to_string(node.source().begin.line);
  }

  bool takes(const std::string& command, const std::string& key) const {
    const CLI::Option* option = root_->get_subcommand(command)->get_option_no_throw("--" + key);
    return option && option->get_configurable();
  }

  /// Whether `key` of `table` is a part of its own (`env` at the top, `[replay]`, `[fuzz]`).
  bool is_part(const std::string& key, const toml::node& node, bool top) const {
    return (top && key == "env") || (env_options_.contains(key) && node.is_table());
  }

  /// The keys of one table level, its parts left out; `command_only`: a [replay] or [fuzz] part.
  void read_level(const toml::table& table, const std::string& section, const std::string& path,
                  const CLI::App& command, bool command_only, bool top,
                  std::map<std::string, Setting>& out) const {
    for (const auto& [key_name, node] : table) {
      std::string key(key_name.str());
      if (!command_only && is_part(key, node, top)) continue;
      std::string at = path + ":" + std::to_string(key_name.source().begin.line);
      bool known_here =
          command_only ? takes(command.get_name(), key)
                       : std::any_of(env_options_.begin(), env_options_.end(),
                                     [&](const auto& entry) { return takes(entry.first, key); });
      if (!known_here) {
        std::string whose =
            command_only ? "conform " + command.get_name() : "conform replay or fuzz";
        throw CLI::ConfigError(at + ": unknown key '" + key + "' in " + section +
                               " (not a flag of " + whose +
                               "; keys are the long flag names without --)");
      }
      check_secrets(key, node, at);
      if (takes(command.get_name(), key)) out[key] = Setting{&node, at, section};
    }
  }

  static void check_secrets(const std::string& key, const toml::node& node, const std::string& at) {
    auto check = [&](const toml::node& value) {
      if (const auto* text = value.as_string()) {
        std::string problem = literal_secret(key, text->get());
        if (!problem.empty()) throw CLI::ConfigError(at + ": " + key + ": " + problem);
      }
    };
    if (const auto* array = node.as_array()) {
      for (const auto& value : *array) check(value);
    } else {
      check(node);
    }
  }

  /// A table of keys plus its optional [replay] and [fuzz] parts; only a `chosen` one lands in
  /// `out`.
  void read_section(const toml::table& table, const std::string& section, const std::string& path,
                    const CLI::App& command, std::map<std::string, Setting>& out,
                    bool chosen) const {
    std::map<std::string, Setting> ignored;
    bool top = section == "the top level";
    read_level(table, section, path, command, false, top, chosen ? out : ignored);
    for (const auto& [name, env] : env_options_) {
      const toml::table* part = table.get_as<toml::table>(name);
      if (!part) continue;
      std::string title =
          top ? "[" + name + "]" : section.substr(0, section.size() - 1) + "." + name + "]";
      bool mine = chosen && name == command.get_name();
      read_level(*part, title, path, *root_->get_subcommand(name), true, false,
                 mine ? out : ignored);
    }
  }

  void collect(const toml::table& document, const CLI::App& command, const std::string& path,
               const std::string& profile, std::map<std::string, Setting>& out) const {
    read_section(document, "the top level", path, command, out, true);
    const toml::node* envs = document.get("env");
    if (envs && !envs->is_table())
      throw CLI::ConfigError(where(path, *envs) + ": 'env' must hold tables: [env.NAME]");
    std::string names;
    bool found = false;
    if (envs) {
      for (const auto& [name, node] : *envs->as_table()) {
        std::string title = "[env." + std::string(name.str()) + "]";
        if (!node.is_table())
          throw CLI::ConfigError(where(path, node) + ": " + title + " must be a table");
        names += (names.empty() ? "" : ", ") + std::string(name.str());
        bool chosen = name.str() == profile;
        found = found || chosen;
        read_section(*node.as_table(), title, path, command, out, chosen);
      }
    }
    if (!profile.empty() && !found) {
      throw CLI::ConfigError("--env " + profile + ": " + path + " has no [env." + profile +
                             "] (profiles: " + (names.empty() ? "none" : names) + ")");
    }
  }

  static std::string scalar_text(const toml::node& node, const std::string& key,
                                 const Setting& setting) {
    std::string error;
    if (const auto* text = node.as_string()) {
      std::string value = substitute_environment(
          text->get(), [](const char* name) { return std::getenv(name); }, error);
      if (!error.empty()) throw CLI::ConfigError(setting.where + ": " + key + ": " + error);
      return value;
    }
    if (const auto* flag = node.as_boolean()) return flag->get() ? "true" : "false";
    if (const auto* whole = node.as_integer()) return std::to_string(whole->get());
    if (const auto* real = node.as_floating_point()) {
      std::ostringstream out;
      out << real->get();
      return out.str();
    }
    throw CLI::ConfigError(setting.where + ": " + key + ": takes a string, number or true/false");
  }

  CLI::ConfigItem item_of(const CLI::App& command, const std::string& key,
                          const Setting& setting) const {
    const CLI::Option* option = command.get_option("--" + key);
    CLI::ConfigItem item;
    item.parents = {command.get_name()};
    item.name = key;
    if (const auto* array = setting.value->as_array()) {
      if (option->get_items_expected_max() <= 1) {
        throw CLI::ConfigError(setting.where + ": " + key + " takes one value, not a list");
      }
      for (const auto& value : *array) item.inputs.push_back(scalar_text(value, key, setting));
    } else {
      item.inputs.push_back(scalar_text(*setting.value, key, setting));
    }
    check_values(root_->get_subcommand(command.get_name())->get_option("--" + key), item.inputs,
                 key, setting);
    return item;
  }

  /// The flag's own checks, run here too so that a refusal names the file and line.
  static void check_values(CLI::Option* option, const std::vector<std::string>& inputs,
                           const std::string& key, const Setting& setting) {
    for (int index = 0;; ++index) {
      CLI::Validator* check = nullptr;
      try {
        check = option->get_validator(index);
      } catch (const CLI::OptionNotFound&) {
        return;
      }
      for (std::string value : inputs) {
        std::string problem = (*check)(value);
        if (!problem.empty()) throw CLI::ConfigError(setting.where + ": " + key + ": " + problem);
      }
    }
  }

  CLI::App* root_;
  std::map<std::string, CLI::Option*> env_options_;

 public:
  mutable bool read = false;  ///< a file was read (so `--env` had one to choose from)
};

}  // namespace

void add_config_flags(CLI::App& app) {
  CLI::App* root = app.get_parent();
  if (!root->get_config_ptr()) {
    root->config_formatter(std::make_shared<TomlConfig>(root));
    root->set_config("--config", kDefaultFile, "", false)->group("");
  }
  CLI::Option* root_config = root->get_config_ptr();
  app.add_option_function<std::string>(
         "--config",
         [root_config](const std::string& path) {
           if (!std::filesystem::is_regular_file(path))
             throw CLI::FileError("--config " + path + ": no such file");
           root_config->clear();
           root_config->add_result(path);
         },
         "read flags from this TOML file (default ./conform.toml when it exists);\n"
         "flags on the command line win over it")
      ->type_name("PATH")
      ->trigger_on_parse()
      ->configurable(false);
  auto reader = std::static_pointer_cast<TomlConfig>(root->get_config_formatter());
  CLI::Option* env =
      app.add_option_function<std::string>(
             "--env",
             [reader = reader.get()](const std::string& name) {
               if (reader->read) return;
               throw CLI::ConfigError("--env " + name +
                                      ": no config file (give --config PATH, or put " +
                                      kDefaultFile + " in the current directory)");
             },
             "use the profile [env.NAME] of the config file over its top level")
          ->type_name("NAME")
          ->configurable(false);
  reader->watch(app.get_name(), env);
}

}  // namespace conform
