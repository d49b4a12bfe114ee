#include "contract/recipients.hpp"

#include "contract/contract.hpp"
#include "core/json_pointer.hpp"

namespace conform {
namespace {
using json = nlohmann::json;

[[noreturn]] void bad_recipient(const std::string& origin, size_t index, const std::string& member,
                                const std::string& why) {
  throw ContractError(origin + ": /recipients/" + std::to_string(index) +
                      (member.empty() ? "" : "/" + member) + ": " + why +
                      " (see docs/contract-format.md, recipients)");
}

RecipientField parse_recipient(const json& entry, const std::string& origin, size_t index) {
  if (!entry.is_object()) bad_recipient(origin, index, "", "a recipient is an object");
  RecipientField field;
  auto pointer = entry.find("pointer");
  if (pointer == entry.end() || !pointer->is_string() ||
      !pointer->get<std::string>().starts_with("/"))
    bad_recipient(origin, index, "pointer", "needs a JSON pointer such as /email/*/to");
  field.pointer = pointer->get<std::string>();
  auto kind = entry.find("kind");
  if (kind == entry.end() || !kind->is_string() || (*kind != "email" && *kind != "phone"))
    bad_recipient(origin, index, "kind", "must be \"email\" or \"phone\"");
  field.kind = kind->get<std::string>();
  if (auto locator = entry.find("locator"); locator != entry.end() && locator->is_string())
    field.locator = locator->get<std::string>();
  return field;
}

void collect(const json& node, const std::vector<std::string>& segments, size_t depth,
             const std::string& at, std::vector<std::string>& out) {
  if (depth == segments.size()) {
    if (node.is_string()) out.push_back(at);
    if (!node.is_array()) return;
    for (size_t i = 0; i < node.size(); ++i) {
      if (node[i].is_string()) out.push_back(at + "/" + std::to_string(i));
    }
    return;
  }
  const std::string& segment = segments[depth];
  if (segment == "*") {
    // One item where a list belongs (a negative case's shape) still names a recipient.
    if (!node.is_array()) return collect(node, segments, depth + 1, at, out);
    for (size_t i = 0; i < node.size(); ++i)
      collect(node[i], segments, depth + 1, at + "/" + std::to_string(i), out);
    return;
  }
  if (!node.is_object()) return;
  auto child = node.find(segment);
  if (child != node.end()) collect(*child, segments, depth + 1, append_pointer(at, segment), out);
}

}  // namespace

std::vector<RecipientField> parse_recipient_fields(const json& document,
                                                   const std::string& origin) {
  std::vector<RecipientField> out;
  auto it = document.find("recipients");
  if (it == document.end()) return out;
  if (!it->is_array()) throw ContractError(origin + ": /recipients: must be an array");
  for (size_t i = 0; i < it->size(); ++i) out.push_back(parse_recipient((*it)[i], origin, i));
  return out;
}

std::vector<std::string> recipient_values_at(const RecipientField& field, const json& body) {
  std::vector<std::string> out;
  collect(body, split_pointer(field.pointer), 0, "", out);
  return out;
}

}  // namespace conform
