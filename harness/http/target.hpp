#pragma once
/// The target of a run: `http://host[:port][/prefix]`.
#include <optional>
#include <string>

namespace conform {

/// A parsed target URL. The documented paths are appended to `prefix`.
struct Target {
  std::string host;
  int port = 80;
  std::string prefix;  ///< "" or "/some/prefix" (no trailing slash)
  /// `http://host:port/prefix`, for messages and curl lines.
  std::string base_url() const;
};

/// Parses a target URL; std::nullopt with `error` set when it is not one conform can use.
std::optional<Target> parse_target(const std::string& url, std::string& error);

/// Whether a TCP connection to the target opens within `timeout_s`; "" when it does, else why not.
std::string probe_target(const Target& target, double timeout_s);

}  // namespace conform
