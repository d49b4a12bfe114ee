/// What the response-shape faults do to a success body, and the long-text server error.
#include "mock/pipeline.hpp"

namespace conform {
namespace {

using nlohmann::json;

void drop_bigin_details(json& body) {
  if (!body.contains("data") || !body["data"].is_array()) return;
  for (auto& item : body["data"]) {
    item.erase("details");
    item.erase("code");
  }
}

void drop_bigin_message_ids(json& body) {
  if (!body.contains("data") || !body["data"].is_array()) return;
  for (auto& item : body["data"]) {
    if (item.is_object() && item.contains("details") && item["details"].is_object()) {
      item["details"].erase("message_id");
    }
  }
}

/// capillary-email: `{"response": {"status", "email"}}` becomes `{"status", "email"}`.
void unwrap_capillary_email(json& body) {
  if (!body.contains("response") || !body["response"].is_object()) return;
  json inner = std::move(body["response"]);
  body = std::move(inner);
}

bool has_non_ascii(const std::string& text) {
  for (char c : text) {
    if (static_cast<unsigned char>(c) >= 0x80) return true;
  }
  return false;
}

json* capillary_status(json& body) {
  if (body.contains("status") && body["status"].is_object()) return &body["status"];
  if (body.contains("response") && body["response"].is_object() &&
      body["response"].contains("status")) {
    return &body["response"]["status"];
  }
  return nullptr;
}

void add_item_errors(json& body) {
  for (const char* list : {"smsList", "emails", "whatsapp", "zalo"}) {
    if (!body.contains(list) || !body[list].is_array()) continue;
    for (auto& item : body[list]) {
      item["errors"] = json::array({{{"code", 9001}, {"message", "delivery refused (fault)"}}});
    }
  }
  if (json* status = capillary_status(body)) (*status)["successCount"] = 0;
}

}  // namespace

void break_success_body(const MockContext& ctx, const std::string& api_id, json& body) {
  const FaultSet& f = ctx.faults;
  if (f.empty() || !body.is_object()) return;
  if (api_id == "bigin-mail" && f.has(Fault::bigin_response_missing_details)) {
    drop_bigin_details(body);
  }
  if (api_id == "bigin-mail" && f.has(Fault::bigin_message_id_missing)) {
    drop_bigin_message_ids(body);
  }
  if (api_id == "genesys-email" && f.has(Fault::genesys_status_code_string)) {
    body["statusCode"] = "0";
  }
  if (api_id == "capillary-message" && f.has(Fault::capillary_item_errors)) add_item_errors(body);
  if (api_id.starts_with("capillary-") && f.has(Fault::capillary_success_as_string)) {
    if (json* status = capillary_status(body)) (*status)["success"] = "true";
  }
  if (api_id == "capillary-email" && f.has(Fault::capillary_email_no_wrapper)) {
    unwrap_capillary_email(body);
  }
}

bool long_text_server_error(const MockContext& ctx, const std::string& api_id, const json& body) {
  if (api_id != "whippy-email" || !ctx.faults.has(Fault::server_error_on_long_text)) return false;
  if (!body.is_object()) return false;
  auto name = body.find("sender_name");
  if (name == body.end() || !name->is_string()) return false;
  const auto& text = name->get_ref<const std::string&>();
  return code_point_count(text) > 1000 || has_non_ascii(text);
}

}  // namespace conform
