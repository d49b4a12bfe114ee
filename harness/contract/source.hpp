#pragma once
/// Where contract and schema files come from: the copy embedded in the binary, or a directory.
#include <filesystem>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "contract/contract.hpp"

namespace conform {

/// One file compiled into the binary from `schemas/`.
struct EmbeddedFile {
  std::string_view path;  ///< relative to `schemas/`, e.g. `bigin-mail/contract.json`
  std::string_view text;
};

/// Every file under `schemas/` at build time.
const std::vector<EmbeddedFile>& embedded_files();

/// A readable tree of contract files.
struct SchemaSource {
  std::string name;  ///< "embedded" or the directory, for messages
  std::function<std::optional<std::string>(const std::string&)> read;  ///< relative path → text
  std::vector<std::string> api_ids;  ///< folders holding a contract.json, sorted
};

/// The contracts compiled into the binary.
SchemaSource embedded_schema_source();

/// The contracts in a directory laid out like `schemas/`; throws ContractError if unreadable.
SchemaSource directory_schema_source(const std::filesystem::path& directory);

/// A contract with its parsed schema documents (keyed by file name).
struct ApiBundle {
  Contract contract;
  std::map<std::string, nlohmann::json> schemas;
};

/// Reads and parses one API's contract and schemas; throws ContractError naming the file.
ApiBundle load_bundle(const SchemaSource& source, const std::string& api_id);

/// Parses a JSON file's text; throws ContractError naming the file, line and column.
nlohmann::json parse_json_file_text(const std::string& text, const std::string& origin);

}  // namespace conform
