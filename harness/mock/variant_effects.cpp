/// What the variants do to a success answer: its status code and extra or retyped members.
#include <functional>

#include "mock/fresh.hpp"
#include "mock/pipeline.hpp"

namespace conform {
namespace {

using nlohmann::json;

constexpr const char* kExtraMember = "conform_extra";
constexpr int kMaxDepth = 64;

/// Gives every object of the body (the root and each echoed item) an extra member.
void add_extra_members(json& node, int depth) {
  if (depth > kMaxDepth) return;
  if (node.is_array()) {
    for (auto& item : node) add_extra_members(item, depth + 1);
    return;
  }
  if (!node.is_object()) return;
  for (auto& [key, value] : node.items()) {
    if (key != kExtraMember) add_extra_members(value, depth + 1);
  }
  node[kExtraMember] = {{"trace", fresh_hex(16)}};
}

void number_id(json& echo) {
  if (!echo.is_object()) return;
  auto id = echo.find("id");
  if (id == echo.end() || !id->is_string()) return;
  const auto& text = id->get_ref<const std::string&>();
  long long value = 0;
  bool digits = !text.empty() && text.size() <= 18;
  for (char c : text) digits = digits && c >= '0' && c <= '9';
  if (digits) value = std::stoll(text);
  if (!digits) value = static_cast<long long>(std::hash<std::string>{}(text) % 1000000000);
  *id = value;
}

/// capillary-email: `response.email` ids (an array of echoes, or one object) become integers.
void number_email_ids(json& body) {
  if (!body.is_object() || !body.contains("response") || !body["response"].is_object()) return;
  json& response = body["response"];
  if (!response.contains("email")) return;
  json& email = response["email"];
  if (email.is_array()) {
    for (auto& echo : email) number_id(echo);
  } else {
    number_id(email);
  }
}

}  // namespace

int success_status(const MockContext& ctx, const MockApi& api) {
  if (ctx.faults.has(Fault::success_202)) return 202;
  const Contract& contract = api.entry->contract;
  if (contract.success_code_open()) {
    if (ctx.variants.on(Variant::status_201, contract.id)) return 201;
    if (ctx.variants.on(Variant::status_202, contract.id)) return 202;
  }
  return api.success_status;
}

void vary_success_body(const MockContext& ctx, const std::string& api_id, json& body) {
  if (ctx.variants.empty()) return;
  if (ctx.variants.on(Variant::numeric_ids, api_id)) number_email_ids(body);
  if (ctx.variants.on(Variant::extra_response_fields, api_id)) add_extra_members(body, 0);
}

}  // namespace conform
