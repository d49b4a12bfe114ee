#include "mock/vendor_style.hpp"

#include <algorithm>
#include <cctype>

#include "mock/fresh.hpp"

namespace conform {
namespace {

using nlohmann::json;

std::string upper(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return text;
}

std::string last_token(const std::string& pointer) {
  auto slash = pointer.rfind('/');
  return slash == std::string::npos ? pointer : pointer.substr(slash + 1);
}

void copy_strings(const json& from, json& to, std::initializer_list<const char*> keys) {
  if (!from.is_object()) return;
  for (const char* key : keys) {
    auto it = from.find(key);
    if (it != from.end() && it->is_string()) to[key] = *it;
  }
}

// Capillary: a status block with success=false, as its success responses carry one.
json capillary_message_error(const Problem& p) {
  json status = {{"success", false},
                 {"code", p.status},
                 {"message", p.message},
                 {"count", 0},
                 {"successCount", 0},
                 {"warnings", json::array()},
                 {"statusCode", {{"status", false}, {"message", p.message}, {"code", p.status}}}};
  return {{"status", std::move(status)}, {"errors", violations_json(p)}};
}

json capillary_email_error(const Problem& p) {
  json status = {{"success", false}, {"code", p.status}, {"message", p.message}};
  return {{"response", {{"status", std::move(status)}, {"errors", violations_json(p)}}}};
}

// Bigin: data[{code, details, message, status:"error"}], one item per violation.
json bigin_error(const Problem& p) {
  json items = json::array();
  for (const auto& v : p.violations) {
    json details = violation_json(v, p.parameter);
    details["api_name"] = p.parameter.empty() ? last_token(v.pointer) : p.parameter;
    items.push_back({{"code", upper(p.code)},
                     {"details", std::move(details)},
                     {"message", v.message},
                     {"status", "error"}});
  }
  if (items.empty()) {
    items.push_back({{"code", upper(p.code)},
                     {"details", json::object()},
                     {"message", p.message},
                     {"status", "error"}});
  }
  return {{"data", std::move(items)}};
}

// Genesys: a non-zero statusCode (0 means success) with a message.
json genesys_error(const Problem& p) {
  return {{"statusCode", p.status}, {"message", p.message}, {"errors", violations_json(p)}};
}

json whippy_error(const Problem& p) {
  return {{"message", p.message}, {"errors", violations_json(p)}};
}

json fallback_error(const Problem& p) {
  return {{"error", p.code}, {"message", p.message}, {"errors", violations_json(p)}};
}

json bigin_success(const Accepted& a) {
  const json* data = nullptr;
  if (a.body.is_object() && a.body.contains("data") && a.body["data"].is_array()) {
    data = &a.body["data"];
  }
  size_t n = data && !data->empty() ? data->size() : 1;
  json items = json::array();
  for (size_t i = 0; i < n; ++i) {
    bool scheduled =
        data && i < data->size() && (*data)[i].is_object() && (*data)[i].contains("scheduled_time");
    items.push_back({{"code", "SUCCESS"},
                     {"details", {{"message_id", fresh_hex(64)}}},
                     {"message", scheduled ? "Your mail has been scheduled successfully."
                                           : "Your mail has been sent successfully."},
                     {"status", "success"}});
  }
  return {{"data", std::move(items)}};
}

json genesys_success(const Accepted&) {
  return {{"statusCode", 0}};
}

json whippy_success(const Accepted& a) {
  json data = {{"id", fresh_uuid()},
               {"contact_id", fresh_uuid()},
               {"conversation_id", fresh_uuid()},
               {"delivery_status", "queued"},
               {"status", "open"},
               {"created_at", now_rfc3339()}};
  copy_strings(a.body, data,
               {"to", "from", "subject", "body", "status", "sender_email", "sender_name",
                "reply_to", "schedule_at"});
  return {{"data", std::move(data)}};
}

json fallback_success(const Accepted&) {
  return {{"id", fresh_uuid()}, {"status", "accepted"}};
}

}  // namespace

json violation_json(const Violation& v, const std::string& parameter) {
  json out = {{"pointer", v.pointer},
              {"keyword", v.keyword},
              {"message", v.message},
              {"requirement", v.requirement},
              {"locator", v.locator}};
  if (!parameter.empty()) out["parameter"] = parameter;
  return out;
}

json violations_json(const Problem& problem) {
  json out = json::array();
  for (const auto& v : problem.violations) out.push_back(violation_json(v, problem.parameter));
  return out;
}

const std::vector<VendorStyle>& vendor_styles() {
  static const std::vector<VendorStyle> table = {
      {"bigin-mail", bigin_error, bigin_success},
      {"capillary-email", capillary_email_error, capillary_email_success},
      {"capillary-message", capillary_message_error, capillary_message_success},
      {"genesys-email", genesys_error, genesys_success},
      {"whippy-email", whippy_error, whippy_success},
      {"", fallback_error, fallback_success},
  };
  return table;
}

const VendorStyle& style_for(const std::string& api_id) {
  for (const auto& style : vendor_styles()) {
    if (api_id == style.api) return style;
  }
  return vendor_styles().back();
}

}  // namespace conform
