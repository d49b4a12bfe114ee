#pragma once
/// The error of a command line that cannot run as given.
#include <stdexcept>

namespace conform {

/// A usage error: the CLI prints it with the subcommand's help hint and exits 2.
class UsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

}  // namespace conform
