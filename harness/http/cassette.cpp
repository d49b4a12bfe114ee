#include "http/cassette.hpp"

#include <cstring>
#include <fstream>

#include "core/file_text.hpp"
#include "core/json_text.hpp"
#include "core/utf8.hpp"

namespace conform {
namespace fs = std::filesystem;
using nlohmann::json;

namespace {

const char kBase64[] = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

std::string to_base64(const std::string& bytes) {
  std::string out;
  for (size_t i = 0; i < bytes.size(); i += 3) {
    unsigned n = static_cast<unsigned char>(bytes[i]) << 16;
    if (i + 1 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 1]) << 8;
    if (i + 2 < bytes.size()) n |= static_cast<unsigned char>(bytes[i + 2]);
    out += kBase64[(n >> 18) & 63];
    out += kBase64[(n >> 12) & 63];
    out += i + 1 < bytes.size() ? kBase64[(n >> 6) & 63] : '=';
    out += i + 2 < bytes.size() ? kBase64[n & 63] : '=';
  }
  return out;
}

std::optional<std::string> from_base64(const std::string& text) {
  std::string out;
  unsigned buffer = 0;
  int bits = 0;
  for (char c : text) {
    if (c == '=') break;
    const char* at = std::strchr(kBase64, c);
    if (!at || c == '\0') return std::nullopt;
    buffer = (buffer << 6) | static_cast<unsigned>(at - kBase64);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFF);
    }
  }
  return out;
}

/// Puts a body under "body", or "body_base64" when it is not UTF-8.
void put_body(json& out, const std::string& body) {
  if (is_valid_utf8(body)) {
    out["body"] = body;
  } else {
    out["body_base64"] = to_base64(body);
  }
}

json headers_json(const Headers& headers) {
  json out = json::array();
  for (const auto& [name, value] : headers) out.push_back({name, value});
  return out;
}

bool read_body(const json& node, std::string& body) {
  if (node.contains("body") && node["body"].is_string()) {
    body = node["body"].get<std::string>();
    return true;
  }
  if (!node.contains("body_base64") || !node["body_base64"].is_string())
    return !node.contains("body");
  std::optional<std::string> bytes = from_base64(node["body_base64"].get<std::string>());
  if (bytes) body = *bytes;
  return bytes.has_value();
}

bool read_headers(const json& node, Headers& headers) {
  if (!node.contains("headers")) return true;
  if (!node["headers"].is_array()) return false;
  for (const auto& pair : node["headers"]) {
    if (!pair.is_array() || pair.size() != 2 || !pair[0].is_string() || !pair[1].is_string())
      return false;
    headers.emplace_back(pair[0].get<std::string>(), pair[1].get<std::string>());
  }
  return true;
}

}  // namespace

fs::path cassette_path(const fs::path& dir, const std::string& case_id) {
  return dir / (case_id + ".json");
}

json cassette_json(const std::string& case_id, const Exchange& x) {
  json request = {{"method", x.request.method},
                  {"path", x.request.path},
                  {"headers", headers_json(x.request.headers)}};
  put_body(request, x.request.body);
  json out = {{"conform_cassette", 1},
              {"case", case_id},
              {"request", request},
              {"response", nullptr},
              {"elapsed_ms", x.elapsed_ms},
              {"timed_out", x.timed_out},
              {"transport_error", x.transport_error}};
  if (x.response) {
    json response = {{"status", x.response->status},
                     {"headers", headers_json(x.response->headers)},
                     {"body_truncated", x.response->body_truncated}};
    put_body(response, x.response->body);
    out["response"] = response;
  }
  return out;
}

std::optional<Exchange> exchange_from_cassette(const json& c, std::string& error) {
  Exchange x;
  if (!c.is_object() || c.value("conform_cassette", 0) != 1)
    return error = "/conform_cassette: expected 1", std::nullopt;
  const json& request = c.value("request", json());
  if (!request.is_object() || !request.value("method", json()).is_string() ||
      !request.value("path", json()).is_string())
    return error = "/request: expected method and path strings", std::nullopt;
  x.request.method = request["method"].get<std::string>();
  x.request.path = request["path"].get<std::string>();
  if (!read_headers(request, x.request.headers))
    return error = "/request/headers: expected [name, value] pairs", std::nullopt;
  if (!read_body(request, x.request.body))
    return error = "/request/body: expected a string", std::nullopt;
  x.elapsed_ms = c.value("elapsed_ms", 0.0);
  x.timed_out = c.value("timed_out", false);
  x.transport_error = c.value("transport_error", std::string());
  const json& response = c.value("response", json());
  if (response.is_null()) return x;
  HttpResponse r;
  if (!response.is_object() || !response.value("status", json()).is_number_integer())
    return error = "/response/status: expected an integer", std::nullopt;
  r.status = response["status"].get<int>();
  r.body_truncated = response.value("body_truncated", false);
  if (!read_headers(response, r.headers))
    return error = "/response/headers: expected [name, value] pairs", std::nullopt;
  if (!read_body(response, r.body))
    return error = "/response/body: expected a string", std::nullopt;
  x.response = std::move(r);
  return x;
}

RecordingTransport::RecordingTransport(std::unique_ptr<Transport> inner, fs::path dir,
                                       const Redactor& redactor)
    : inner_(std::move(inner)), dir_(std::move(dir)), redactor_(redactor) {}

Exchange RecordingTransport::send(const std::string& case_id, const HttpRequest& request) {
  Exchange exchange = inner_->send(case_id, request);
  Exchange redacted = exchange;
  redactor_.redact(redacted);
  fs::path file = cassette_path(dir_, case_id);
  std::error_code ec;
  fs::create_directories(file.parent_path(), ec);
  std::ofstream out(file, std::ios::binary | std::ios::trunc);
  out << cassette_json(case_id, redacted).dump(2) << "\n";
  if (!out)
    exchange.transport_error +=
        (exchange.transport_error.empty() ? "" : "; ") + ("cannot write cassette " + file.string());
  return exchange;
}

CassetteTransport::CassetteTransport(fs::path dir) : dir_(std::move(dir)) {}

Exchange CassetteTransport::send(const std::string& case_id, const HttpRequest& request) {
  fs::path file = cassette_path(dir_, case_id);
  Exchange missing;
  missing.request = request;
  std::optional<std::string> text = read_text_file(file);
  if (!text) return missing.transport_error = "no cassette " + file.string(), missing;
  JsonParse parsed = parse_json(*text);
  std::string error = parsed.error;
  std::optional<Exchange> x =
      parsed.value ? exchange_from_cassette(*parsed.value, error) : std::nullopt;
  if (!x) return missing.transport_error = "bad cassette " + file.string() + ": " + error, missing;
  return *x;
}

}  // namespace conform
