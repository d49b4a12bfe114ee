/// `conform list`: the contracts built into conform (or read from --schemas).
#include <iostream>

#include "cli/commands.hpp"
#include "cli/flag_checks.hpp"
#include "validate/open_register.hpp"

namespace conform {
namespace {

/// The flags of `conform list`.
struct ListFlags {
  ContractFlags contracts;
  std::string format = "text";
  bool open = false;
  std::vector<std::string> apis;  ///< with --open: at most one
};

const char* const kListDescription =
    "Lists every contract: API id, method and path, channels and requirement count.\n"
    "With --open, prints the register of open points instead: what the pages leave open, where,\n"
    "the answers a conforming server may give, and why. It holds the contract's open_points and\n"
    "one entry per schema rule marked x-accept (the acceptance core). An exchange at an open\n"
    "point is OBSERVED, never FAIL.\n";

std::string channel_names(const Contract& contract) {
  if (!contract.has_channels()) return "-";
  std::string out;
  for (const auto& [name, files] : contract.channels) out += (out.empty() ? "" : ",") + name;
  return out;
}

nlohmann::json as_json(const Contract& c, const std::string& origin) {
  nlohmann::json channels = nlohmann::json::array();
  if (c.has_channels()) {
    for (const auto& [name, files] : c.channels) channels.push_back(name);
  }
  return {{"id", c.id},
          {"title", c.title},
          {"method", c.method},
          {"path", c.path},
          {"channels", channels},
          {"auth_header", c.auth.header},
          {"snapshot", c.snapshot},
          {"requirements", c.requirements.size()},
          {"origin", origin_label(origin)}};
}

nlohmann::json open_point_json(const std::string& api, const RegisteredOpenPoint& r) {
  nlohmann::json out = {{"api", api},
                        {"id", r.point.id},
                        {"where", r.point.where},
                        {"permitted", r.point.permitted},
                        {"sentence", r.point.sentence}};
  if (!r.point.locator.empty()) out["locator"] = r.point.locator;
  if (!r.file.empty()) out["schema"] = r.file;
  return out;
}

void print_open_point(const std::string& api, const RegisteredOpenPoint& r) {
  std::cout << api << "  " << r.point.id << (r.file.empty() ? "" : "  (" + r.file + ")") << "\n"
            << "    where: " << r.point.where
            << (r.point.locator.empty() ? "" : "  @ " + r.point.locator) << "\n"
            << "    permitted: ";
  for (size_t i = 0; i < r.point.permitted.size(); ++i)
    std::cout << (i ? " | " : "") << r.point.permitted[i];
  std::cout << "\n    " << r.point.sentence << "\n";
}

/// `conform list --open [API]`: the register of open points.
int list_open_points(const Catalog& catalog, const ListFlags& flags) {
  if (flags.apis.size() > 1) throw UsageError("list --open takes at most one API id");
  std::string only = flags.apis.empty() ? "" : flags.apis.front();
  if (!only.empty() && !catalog.find(only))
    throw UsageError("unknown api '" + only + "' (one of: " + catalog.id_list() + ")");
  bool json_output = flags.format == "json";
  nlohmann::json out = nlohmann::json::array();
  size_t count = 0;
  for (const auto& api : catalog.apis()) {
    if (!only.empty() && api.contract.id != only) continue;
    for (const auto& r : open_register(api)) {
      ++count;
      if (json_output)
        out.push_back(open_point_json(api.contract.id, r));
      else
        print_open_point(api.contract.id, r);
    }
  }
  if (json_output) std::cout << out.dump(2) << "\n";
  std::cerr << count << " open point(s): an exchange there is OBSERVED, never FAIL\n";
  return kExitOk;
}

int run_list(const ListFlags& flags) {
  Catalog catalog = load_catalog(flags.contracts);
  if (flags.open) return list_open_points(catalog, flags);
  if (!flags.apis.empty()) throw UsageError("list takes no arguments (but 'list --open API')");
  if (flags.format == "json") {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& api : catalog.apis()) out.push_back(as_json(api.contract, api.origin));
    std::cout << out.dump(2) << "\n";
    return kExitOk;
  }
  for (const auto& api : catalog.apis()) {
    const Contract& c = api.contract;
    std::cout << c.id << "\t" << c.method << " " << c.path << "\tchannels: " << channel_names(c)
              << "\trequirements: " << c.requirements.size()
              << "\torigin: " << origin_label(api.origin) << "\n";
  }
  return kExitOk;
}

}  // namespace

CommandRun declare_list(CLI::App& app) {
  auto flags = std::make_shared<ListFlags>();
  app.description(kListDescription);
  app.add_flag("--open", flags->open, "print the open-point register (of one API, or of all)");
  add_value(app, "--format", flags->format, "text|json", "output format")
      ->capture_default_str()
      ->check(one_word_of({"text", "json"}));
  add_contract_flags(app, flags->contracts);
  app.add_option("API", flags->apis, "with --open: only this API's open points");
  return [flags] { return run_list(*flags); };
}

}  // namespace conform
