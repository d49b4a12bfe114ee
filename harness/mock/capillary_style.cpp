/// Capillary's success bodies: a status block plus one echo per item, as the pages show them.
#include "mock/fresh.hpp"
#include "mock/vendor_style.hpp"

namespace conform {
namespace {

using nlohmann::json;

constexpr CapillaryChannelShape kShapes[] = {
    {"sms", "sms", "smsList", "sms"},
    {"email", "email", "emails", "email"},
    {"whatsapp", "whatsappMessage", "whatsapp", "whatsappMessage"},
    {"zalo", "zaloMessage", "zalo", "zaloMessage"},
};

const json* array_member(const json& body, const char* key) {
  if (!body.is_object()) return nullptr;
  auto it = body.find(key);
  return it != body.end() && it->is_array() ? &*it : nullptr;
}

json message_echo(const json& item, const std::string& channel) {
  json echo = item.is_object() ? item : json::object();
  if (!echo.contains("scheduledTime")) echo["scheduledTime"] = now_rfc3339();
  if (channel == "sms" && !echo.contains("sender")) echo["sender"] = "";
  if (channel == "email" && !echo.contains("fileHandler")) echo["fileHandler"] = json::array();
  return echo;
}

json email_echo(const json& item) {
  json echo = {{"id", fresh_decimal(10)}};
  if (item.is_object()) {
    for (const char* key : {"to", "cc", "bcc", "subject"}) {
      auto it = item.find(key);
      if (it != item.end() && it->is_string()) echo[key] = *it;
    }
    auto body = item.find("body");
    if (body != item.end() && body->is_string()) echo["description"] = *body;
  }
  bool scheduled = item.is_object() && item.contains("scheduledTime");
  echo["status"] = scheduled ? "SCHEDULED" : "QUEUED";
  echo["scheduledTime"] = capillary_time(scheduled ? item["scheduledTime"] : json());
  return echo;
}

}  // namespace

const CapillaryChannelShape& capillary_channel_shape(const std::string& channel) {
  for (const auto& shape : kShapes) {
    if (channel == shape.channel) return shape;
  }
  return kShapes[0];
}

std::string capillary_time(const json& value) {
  if (!value.is_string()) return now_capillary();
  const std::string& iso = value.get_ref<const std::string&>();
  if (iso.size() < 20 || (iso[10] != 'T' && iso[10] != 't' && iso[10] != ' '))
    return now_capillary();
  size_t zone = 19;
  if (iso[zone] == '.') {
    ++zone;
    while (zone < iso.size() && iso[zone] >= '0' && iso[zone] <= '9') ++zone;
  }
  std::string offset = iso.substr(zone);
  if (offset == "Z" || offset == "z") offset = "+00:00";
  return iso.substr(0, 10) + " " + iso.substr(11, 8) + "::" + offset;
}

json capillary_message_success(const Accepted& a) {
  const CapillaryChannelShape& shape = capillary_channel_shape(a.channel);
  json list = json::array();
  if (const json* items = array_member(a.body, shape.request_key)) {
    for (const auto& item : *items) {
      list.push_back({{shape.item_key, message_echo(item, a.channel)},
                      {"errors", json::array()},
                      {"warnings", json::array()}});
    }
  }
  json status = {{"count", list.size()},
                 {"statusCode", {{"status", true}, {"message", "Success"}, {"code", 200}}},
                 {"successCount", list.size()},
                 {"warnings", json::array()},
                 {"warningsAsStatusCode", json::array()},
                 {"message", "Success"},
                 {"code", 200},
                 {"success", true}};
  return {{"status", std::move(status)}, {shape.list_key, std::move(list)}};
}

json capillary_email_success(const Accepted& a) {
  json emails = json::array();
  if (const json* items = array_member(a.body, "email")) {
    for (const auto& item : *items) emails.push_back(email_echo(item));
  }
  json status = {{"success", true}, {"code", 200}, {"message", "Success"}};
  return {{"response", {{"status", std::move(status)}, {"email", std::move(emails)}}}};
}

}  // namespace conform
