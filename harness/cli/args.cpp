#include "cli/args.hpp"

namespace conform {

Args::Args(const std::vector<std::string>& argv, const OptionSpec& spec) {
  bool only_positionals = false;
  for (size_t i = 0; i < argv.size(); ++i) {
    const std::string& arg = argv[i];
    if (only_positionals || arg.size() < 2 || arg[0] != '-' || arg == "-") {
      positionals_.push_back(arg);
      continue;
    }
    if (arg == "--") {
      only_positionals = true;
      continue;
    }
    std::string name = arg;
    std::optional<std::string> inline_value;
    if (auto eq = arg.find('='); eq != std::string::npos) {
      name = arg.substr(0, eq);
      inline_value = arg.substr(eq + 1);
    }
    if (spec.flags.contains(name) && !inline_value) {
      values_[name].push_back("");
    } else if (spec.with_value.contains(name)) {
      if (!inline_value && i + 1 >= argv.size()) throw UsageError("option " + name + " needs a value");
      values_[name].push_back(inline_value ? *inline_value : argv[++i]);
    } else {
      throw UsageError("unknown option " + name);
    }
  }
}

std::optional<std::string> Args::value(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end() || it->second.empty()) return std::nullopt;
  return it->second.back();
}

std::vector<std::string> Args::values(const std::string& name) const {
  auto it = values_.find(name);
  return it == values_.end() ? std::vector<std::string>{} : it->second;
}

}  // namespace conform
