/// `conform derive`: doc pages → doc tables → schemas, the drift gate (--check) and doc lint (--lint).
#include <iostream>

#include "cli/commands.hpp"
#include "derive/derive.hpp"

namespace conform {

int run_derive(const std::vector<std::string>& argv) {
  Args args(argv, {{"--api", "--out"}, {"--check", "--lint"}});
  derive::DeriveRequest request;
  request.docs = args.positionals();
  if (request.docs.empty()) throw UsageError("derive needs at least one DOC file");
  request.api = args.value("--api");
  request.out_dir = args.value("--out").value_or("schemas");
  request.check = args.has("--check");
  request.lint = args.has("--lint");
  derive::DeriveResult result = derive::run_derive_request(request);
  std::cout << result.out;
  std::cerr << result.err;
  return result.exit_code;
}

}  // namespace conform
