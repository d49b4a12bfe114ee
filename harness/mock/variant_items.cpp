/// Per-item answers: partial results (bigin 207, capillary-message item errors) and Capillary's
/// rejections in a 200 body.
#include <map>

#include "core/json_pointer.hpp"
#include "mock/pipeline.hpp"

namespace conform {
namespace {

using nlohmann::json;

/// The violations of each item of one list, and whether every violation lies in an item.
struct ItemViolations {
  std::map<size_t, std::vector<const Violation*>> by_item;
  bool all_in_items = true;
};

/// The request array whose items get their own answers, or nullptr for other APIs.
const char* item_list_key(const std::string& api_id, const std::string& channel) {
  if (api_id == "bigin-mail") return "data";
  if (api_id == "capillary-message") return capillary_channel_shape(channel).request_key;
  return nullptr;
}

const json* array_at(const json& body, const char* key) {
  if (!body.is_object()) return nullptr;
  auto it = body.find(key);
  return it != body.end() && it->is_array() ? &*it : nullptr;
}

/// `/key/N` or `/key/N/...` → N.
std::optional<size_t> item_index(const std::string& pointer, const std::string& prefix) {
  if (pointer.rfind(prefix, 0) != 0) return std::nullopt;
  size_t end = pointer.find('/', prefix.size());
  std::string token =
      pointer.substr(prefix.size(), end == std::string::npos ? end : end - prefix.size());
  if (token.empty() || token.size() > 9 ||
      token.find_first_not_of("0123456789") != std::string::npos) {
    return std::nullopt;
  }
  return std::stoul(token);
}

ItemViolations group_by_item(const std::vector<Violation>& violations, const char* key) {
  ItemViolations out;
  const std::string prefix = append_pointer("", key) + "/";
  for (const auto& v : violations) {
    auto index = item_index(v.pointer, prefix);
    if (index) out.by_item[*index].push_back(&v);
    out.all_in_items = out.all_in_items && index.has_value();
  }
  return out;
}

json item_errors(const std::vector<const Violation*>& violations) {
  json out = json::array();
  for (const Violation* v : violations) {
    out.push_back({{"code", 400},
                   {"message", v->message},
                   {"pointer", v->pointer},
                   {"requirement", v->requirement}});
  }
  return out;
}

json bigin_item_error(const std::vector<const Violation*>& violations) {
  const Violation& first = *violations.front();
  json details = violation_json(first, "");
  details["api_name"] =
      split_pointer(first.pointer).empty() ? "" : split_pointer(first.pointer).back();
  return {{"code", "INVALID_DATA"},
          {"details", std::move(details)},
          {"message", first.message},
          {"status", "error"}};
}

/// Sets each capillary list element's errors: its own violations, or `fallback` when it has none.
void set_capillary_errors(json& out, const std::string& channel, const ItemViolations& grouped,
                          const json& fallback) {
  const CapillaryChannelShape& shape = capillary_channel_shape(channel);
  if (!out.contains(shape.list_key) || !out[shape.list_key].is_array()) return;
  json& list = out[shape.list_key];
  for (size_t i = 0; i < list.size(); ++i) {
    auto own = grouped.by_item.find(i);
    if (own != grouped.by_item.end())
      list[i]["errors"] = item_errors(own->second);
    else if (!fallback.is_null())
      list[i]["errors"] = fallback;
  }
}

}  // namespace

std::optional<PartialResult> partial_result(const MockContext& ctx, const MockApi& api,
                                            const std::string& channel, const json& body,
                                            const std::vector<Violation>& violations) {
  const std::string& id = api.entry->contract.id;
  const char* key = item_list_key(id, channel);
  if (!ctx.variants.on(Variant::partial_results, id) || !key || violations.empty())
    return std::nullopt;
  const json* items = array_at(body, key);
  if (!items || items->size() < 2) return std::nullopt;
  ItemViolations grouped = group_by_item(violations, key);
  if (!grouped.all_in_items || grouped.by_item.size() >= items->size()) return std::nullopt;
  PartialResult result{api.success_status, api.style->success(Accepted{body, channel}), {}};
  for (const auto& [index, own] : grouped.by_item) result.rejected_items.push_back(index);
  if (id == "bigin-mail") {
    result.status = 207;
    for (const auto& [index, own] : grouped.by_item)
      result.body["data"][index] = bigin_item_error(own);
    return result;
  }
  set_capillary_errors(result.body, channel, grouped, json());
  if (result.body.contains("status") && result.body["status"].is_object()) {
    result.body["status"]["successCount"] = items->size() - grouped.by_item.size();
  }
  return result;
}

std::optional<json> rejection_in_body(const MockContext& ctx, const MockApi& api,
                                      const std::string& channel, const json* body,
                                      const Problem& problem) {
  const std::string& id = api.entry->contract.id;
  if (!ctx.variants.on(Variant::capillary_reject_in_body, id) || problem.status >= 500) {
    return std::nullopt;
  }
  json out = api.style->error(problem);
  if (id != "capillary-message" || !body) return out;
  const CapillaryChannelShape& shape = capillary_channel_shape(channel);
  const json* items = array_at(*body, shape.request_key);
  if (!items || items->empty()) return out;
  json echo = capillary_message_success(Accepted{*body, channel});
  json not_sent =
      json::array({{{"code", problem.status}, {"message", "not sent: the request was rejected"}}});
  set_capillary_errors(echo, channel, group_by_item(problem.violations, shape.request_key),
                       not_sent);
  if (echo.contains(shape.list_key)) out[shape.list_key] = std::move(echo[shape.list_key]);
  return out;
}

}  // namespace conform
