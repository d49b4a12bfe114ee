/// What the response-shape faults do to a success body.
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
  if (api_id == "genesys-email" && f.has(Fault::genesys_status_code_string)) {
    body["statusCode"] = "0";
  }
  if (api_id == "capillary-message" && f.has(Fault::capillary_item_errors)) add_item_errors(body);
  if (api_id.starts_with("capillary-") && f.has(Fault::capillary_success_as_string)) {
    if (json* status = capillary_status(body)) (*status)["success"] = "true";
  }
}

}  // namespace conform
