/// `conform list`: the contracts built into conform (or read from --schemas).
#include <iostream>

#include "cli/commands.hpp"

namespace conform {
namespace {

std::string channel_names(const Contract& contract) {
  if (!contract.has_channels()) return "-";
  std::string out;
  for (const auto& [name, files] : contract.channels) out += (out.empty() ? "" : ",") + name;
  return out;
}

nlohmann::json as_json(const Contract& c) {
  nlohmann::json channels = nlohmann::json::array();
  if (c.has_channels()) {
    for (const auto& [name, files] : c.channels) channels.push_back(name);
  }
  return {{"id", c.id},          {"title", c.title},       {"method", c.method},
          {"path", c.path},      {"channels", channels},   {"auth_header", c.auth.header},
          {"snapshot", c.snapshot}, {"requirements", c.requirements.size()}};
}

}  // namespace

int run_list(const std::vector<std::string>& argv) {
  Args args(argv, {{"--format", "--schemas"}, {}});
  if (!args.positionals().empty()) throw UsageError("list takes no arguments");
  std::string format = args.value("--format").value_or("text");
  if (format != "text" && format != "json") throw UsageError("--format must be text or json");
  Catalog catalog = load_catalog(args);
  if (format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& api : catalog.apis()) out.push_back(as_json(api.contract));
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& api : catalog.apis()) {
    const Contract& c = api.contract;
    std::cout << c.id << "\t" << c.method << " " << c.path << "\tchannels: " << channel_names(c)
              << "\trequirements: " << c.requirements.size() << "\n";
  }
  return kExitOk;
}

}  // namespace conform
