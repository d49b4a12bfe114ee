#pragma once
/// `conform derive`: pages → doc tables → schemas; the drift gate and the doc lint.
#include <optional>
#include <string>
#include <vector>

namespace conform::derive {

/// What to do, as the CLI parsed it.
struct DeriveRequest {
  std::vector<std::string> docs;    ///< page files
  std::optional<std::string> api;   ///< force the API id (one page only)
  std::string out_dir = "schemas";  ///< where overlays are read and files are written or compared
  std::optional<std::string>
      fixtures_out;    ///< where sample fixtures go (`DIR/<api>/`); none: not written
  bool check = false;  ///< compare with the files in out_dir instead of writing
  bool lint = false;   ///< report doc defects
};

/// What happened: the exit code (0 ok, 1 drift or findings, 2 input error) and the text.
struct DeriveResult {
  int exit_code = 0;
  std::string out;
  std::string err;
};

/// Runs a derive request. Never throws.
DeriveResult run_derive_request(const DeriveRequest& request);

}  // namespace conform::derive
