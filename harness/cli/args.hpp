#pragma once
/// A small command-line parser: `--name value`, `--name=value`, flags and positionals.
#include <map>
#include <optional>
#include <set>
#include <stdexcept>
#include <string>
#include <vector>

namespace conform {

/// A usage error: the CLI prints it with the subcommand's help hint and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// Which options a subcommand accepts.
struct OptionSpec {
  std::set<std::string> with_value;  ///< e.g. "--api"
  std::set<std::string> flags;       ///< e.g. "--help"
};

/// Parsed arguments of one subcommand.
class Args {
 public:
  /// Parses argv[first..]; throws UsageError on an unknown option or a missing value.
  Args(const std::vector<std::string>& argv, const OptionSpec& spec);

  bool has(const std::string& name) const { return values_.contains(name); }
  /// The last value given for an option.
  std::optional<std::string> value(const std::string& name) const;
  /// Every value given for a repeatable option, in order.
  std::vector<std::string> values(const std::string& name) const;
  const std::vector<std::string>& positionals() const { return positionals_; }

 private:
  std::map<std::string, std::vector<std::string>> values_;
  std::vector<std::string> positionals_;
};

}  // namespace conform
