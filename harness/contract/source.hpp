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

/// The name of the copy compiled into the binary, in file labels
/// (`embedded/bigin-mail/contract.json`).
inline constexpr const char* kEmbeddedSourceName = "embedded";

/// A readable tree of contract files.
struct SchemaSource {
  std::string name;  ///< "embedded", the directory, or "embedded + DIR..." when layered
  std::function<std::optional<std::string>(const std::string&)> read;  ///< relative path → text
  std::vector<std::string> api_ids;                 ///< folders holding a contract.json, sorted
  std::map<std::string, std::string> origins = {};  ///< api id → "embedded" or its directory
  std::vector<std::string> notices = {};  ///< one sentence per bundle a later one replaced

  /// Where an API's files come from: its entry in `origins`, else `name`.
  std::string origin_of(const std::string& api_id) const;
  /// True when the API's bundle is the one compiled into the binary.
  bool built_in(const std::string& api_id) const {
    return origin_of(api_id) == kEmbeddedSourceName;
  }
};

/// An origin as `conform list` shows it: "built-in" for the embedded copy, else the directory.
std::string origin_label(const std::string& origin);

/// The contracts compiled into the binary.
SchemaSource embedded_schema_source();

/// The contracts in a directory laid out like `schemas/`; throws ContractError if unreadable.
SchemaSource directory_schema_source(const std::filesystem::path& directory);

/// The built-in contracts with each directory's bundles laid on top, in order (`--schemas DIR`,
/// repeatable): a bundle with a new id adds an API; one with the id of a built-in (or of an
/// earlier directory's) bundle replaces it, and `notices` says so. Files outside an API folder
/// (`meta/`) always come from the binary. Throws ContractError for an unreadable directory.
SchemaSource layered_schema_source(const std::vector<std::string>& directories);

/// A contract with its parsed schema documents (keyed by file name).
struct ApiBundle {
  Contract contract;
  std::map<std::string, nlohmann::json> schemas;
};

/// Called with a parsed document and its file label before conform reads it (a meta-schema
/// check); throws ContractError to refuse it.
using DocumentCheck = std::function<void(const nlohmann::json& document, const std::string& file)>;

/// Reads and parses one API's contract and schemas; throws ContractError naming the file.
/// `check_contract`, when set, sees contract.json before it is parsed into a Contract.
ApiBundle load_bundle(const SchemaSource& source, const std::string& api_id,
                      const DocumentCheck& check_contract = {});

/// Reads and parses one file of a source (`bigin-mail/overlay.json`); std::nullopt when absent,
/// ContractError naming the file when it is not JSON.
std::optional<nlohmann::json> read_source_json(const SchemaSource& source, const std::string& path);

/// The label a message gives a file of an API: `<origin>/<path>`.
std::string source_file_label(const SchemaSource& source, const std::string& path);

/// Parses a JSON file's text; throws ContractError naming the file, line and column.
nlohmann::json parse_json_file_text(const std::string& text, const std::string& origin);

}  // namespace conform
