#pragma once
/// Every loaded contract with its compiled schemas: what the CLI, mock and runner consult.
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/source.hpp"
#include "validate/schema_validator.hpp"

namespace conform {

/// The compiled request and response schemas of one channel.
struct ChannelValidators {
  std::shared_ptr<const SchemaValidator> request;
  std::shared_ptr<const SchemaValidator> response;
};

/// One API: its contract, its schema documents and their validators.
struct ApiEntry {
  Contract contract;
  std::map<std::string, nlohmann::json> schemas;      ///< by file name
  std::map<std::string, ChannelValidators> channels;  ///< key "" when the API has no channels
  std::string origin;  ///< where the bundle came from: "embedded" or its directory

  /// The validator for a kind and a resolved channel key, or nullptr.
  const SchemaValidator* validator(PayloadKind kind, const std::string& channel) const;
};

/// All APIs of a schema source, compiled once.
class Catalog {
 public:
  /// Loads and compiles every API; throws ContractError naming the first bad file. Each
  /// contract.json and overlay.json must keep its meta-schema, and every requirement id the
  /// bundle names must be one its contract lists.
  static Catalog load(const SchemaSource& source);
  /// The API with this id, or nullptr.
  const ApiEntry* find(const std::string& api_id) const;
  /// Every API, sorted by id.
  const std::vector<ApiEntry>& apis() const { return apis_; }
  /// The ids, for messages ("one of: ...").
  std::string id_list() const;

 private:
  std::vector<ApiEntry> apis_;
};

}  // namespace conform
