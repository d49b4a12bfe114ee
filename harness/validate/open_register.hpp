#pragma once
/// The register of open points of one API: the contract's own entries, plus one entry per rule
/// a schema marks `x-accept` (the acceptance core), so the register is complete by construction.
#include <string>
#include <vector>

#include "validate/catalog.hpp"

namespace conform {

/// One row of the register, with the schema file it comes from ("" for a contract entry).
struct RegisteredOpenPoint {
  OpenPoint point;
  std::string file;
};

/// The contract's open points, then the x-accept rules of every schema file in file order.
std::vector<RegisteredOpenPoint> open_register(const ApiEntry& api);

}  // namespace conform
