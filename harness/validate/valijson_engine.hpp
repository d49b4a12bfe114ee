#pragma once
/// valijson behind one small interface. This header keeps valijson out of every other file.
#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace conform {

/// One error as valijson reports it, with its context already turned into a pointer.
struct RawSchemaError {
  std::string pointer;
  std::string description;
};

/// A draft-07 schema parsed once by valijson and checked many times. Thread-safe.
class ValijsonSchema {
 public:
  /// Parses the schema; throws ContractError naming `origin` when valijson refuses it.
  ValijsonSchema(const nlohmann::json& schema, const std::string& origin);
  ~ValijsonSchema();
  ValijsonSchema(const ValijsonSchema&) = delete;
  ValijsonSchema& operator=(const ValijsonSchema&) = delete;

  /// Stops at the first error: the fast path for valid documents.
  bool accepts(const nlohmann::json& instance) const;
  /// Every error, cascades included, in valijson's order.
  std::vector<RawSchemaError> errors(const nlohmann::json& instance) const;

 private:
  struct Parsed;
  std::unique_ptr<Parsed> parsed_;
};

}  // namespace conform
