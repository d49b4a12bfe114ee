#pragma once
/// Cassettes: recorded exchanges on disk (`DIR/<api>/<case>.json`), written by `--record` and
/// answered from by `--cassettes` with no network.
#include <filesystem>
#include <memory>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "http/redact.hpp"
#include "http/transport.hpp"

namespace conform {

/// The cassette file of a case id under `dir`; the id's `/` becomes the API folder.
std::filesystem::path cassette_path(const std::filesystem::path& dir, const std::string& case_id);

/// An exchange as cassette JSON (bodies that are not UTF-8 are kept as base64).
nlohmann::json cassette_json(const std::string& case_id, const Exchange& exchange);

/// The exchange a cassette holds; std::nullopt with `error` naming the pointer when it is bad.
std::optional<Exchange> exchange_from_cassette(const nlohmann::json& cassette, std::string& error);

/// Sends through `inner` and writes each exchange, redacted, as a cassette under `dir`.
class RecordingTransport : public Transport {
 public:
  /// `redactor` must outlive the transport.
  RecordingTransport(std::unique_ptr<Transport> inner, std::filesystem::path dir,
                     const Redactor& redactor);
  /// Sends, then records; a cassette that cannot be written is reported in transport_error.
  Exchange send(const std::string& case_id, const HttpRequest& request) override;

 private:
  std::unique_ptr<Transport> inner_;
  std::filesystem::path dir_;
  const Redactor& redactor_;
};

/// Answers each case from its cassette; a missing or unreadable one is a transport error.
class CassetteTransport : public Transport {
 public:
  /// Reads cassettes under `dir`.
  explicit CassetteTransport(std::filesystem::path dir);
  /// The recorded exchange; the request recorded, not the one given, is the one checked.
  Exchange send(const std::string& case_id, const HttpRequest& request) override;

 private:
  std::filesystem::path dir_;
};

}  // namespace conform
