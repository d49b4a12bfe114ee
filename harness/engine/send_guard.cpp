#include "engine/send_guard.hpp"

#include <algorithm>

#include "engine/recipient_pattern.hpp"

namespace conform {
namespace {
using json = nlohmann::json;

/// True when the case breaks or probes the recipient value at `pointer` itself (`at` is it, or
/// inside it). A break above it (a list given as one object, a dropped sibling) leaves the
/// address free to rewrite: the case stays as broken as it was.
bool touches(const std::string& pointer, const std::string& at) {
  return !at.empty() && (pointer == at || at.starts_with(pointer + "/"));
}

bool deliberately_changed(const ReplayCase& c, const std::string& pointer) {
  auto hits = [&](const std::vector<std::string>& list) {
    return std::any_of(list.begin(), list.end(),
                       [&](const std::string& at) { return touches(pointer, at); });
  };
  return hits(c.errors_at) || hits(c.probed_at);
}

/// Rewrites every recipient of a kind with a sink; returns the pointers it changed.
std::vector<std::string> rewrite(const Contract& contract, const SendPolicy& policy,
                                 const ReplayCase& c, json& body) {
  std::vector<std::string> changed;
  for (const auto& field : contract.recipients) {
    const std::string& sink = field.kind == "phone" ? policy.phone_sink : policy.email_sink;
    if (sink.empty()) continue;
    for (const auto& at : recipient_values_at(field, body)) {
      if (deliberately_changed(c, at)) continue;
      json& value = body.at(json::json_pointer(at));
      if (value == sink) continue;
      value = sink;
      changed.push_back(at);
    }
  }
  return changed;
}

std::string printable(const std::string& text) {
  std::string out;
  for (unsigned char ch : text.substr(0, 80))
    out += ch < 0x20 || ch == 0x7f ? '?' : static_cast<char>(ch);
  return text.size() > 80 ? out + "..." : out;
}

bool allowed(const SendPolicy& policy, const std::string& address) {
  for (const std::string* sink : {&policy.email_sink, &policy.phone_sink}) {
    if (!sink->empty() && matches_recipient_pattern(address, *sink)) return true;
  }
  return std::any_of(policy.allowed.begin(), policy.allowed.end(), [&](const std::string& pattern) {
    return matches_recipient_pattern(address, pattern);
  });
}

std::string policy_words(const SendPolicy& policy) {
  std::string words;
  for (const auto& pattern : policy.allowed) words += (words.empty() ? "" : ", ") + pattern;
  for (const std::string* sink : {&policy.email_sink, &policy.phone_sink}) {
    if (!sink->empty()) words += (words.empty() ? "" : ", ") + *sink;
  }
  return words;
}

/// "" when every recipient of the body is a sink or allowed; else why the case is refused.
std::string recipient_problem(const Contract& contract, const SendPolicy& policy,
                              const json& body) {
  if (contract.recipients.empty())
    return "not sent: the " + contract.id +
           " contract marks no recipient fields (contract.json \"recipients\"), "
           "so conform cannot tell whom this case would reach";
  for (const auto& field : contract.recipients) {
    for (const auto& at : recipient_values_at(field, body)) {
      const std::string& value = body.at(json::json_pointer(at)).get_ref<const std::string&>();
      std::vector<std::string> addresses = addresses_in(value);
      for (const auto& address : addresses) {
        if (!allowed(policy, address))
          return "not sent: the recipient at " + at + " ('" + printable(address) +
                 "') is outside the allowed recipients (" + policy_words(policy) + ")";
      }
    }
  }
  return "";
}

}  // namespace

Admission SendGuard::inspect(const ReplayCase& c, ReplayCase& scratch) const {
  const ApiEntry* api = catalog_.find(c.api);
  if (!api || !c.request_body)
    return {&c, "", false};  // a body that is not JSON names no one a server could read
  const ReplayCase* chosen = &c;
  json body = *c.request_body;
  std::vector<std::string> changed = rewrite(api->contract, policy_, c, body);
  if (!changed.empty()) {
    scratch = c;
    std::string list;
    for (const auto& at : changed) list += (list.empty() ? "" : ", ") + at;
    scratch.rewrites.push_back("recipients rewritten to the sink: " + list);
    scratch.request.body = body.dump();
    scratch.request_body = std::move(body);
    chosen = &scratch;
  }
  if (policy_.check_recipients) {
    std::string problem = recipient_problem(api->contract, policy_, *chosen->request_body);
    if (!problem.empty()) return {nullptr, problem, false};
  }
  return {chosen, "", false};
}

Admission SendGuard::admit(const ReplayCase& c, ReplayCase& scratch) const {
  Admission admission = inspect(c, scratch);
  if (!admission.send) {
    ++refused_;
    return admission;
  }
  if (policy_.max_sends > 0) {
    size_t taken = sent_.load();
    do {
      if (taken >= policy_.max_sends) {
        ++capped_;
        return {nullptr, "not sent: --max-sends " + std::to_string(policy_.max_sends) + " reached",
                true};
      }
    } while (!sent_.compare_exchange_weak(taken, taken + 1));
  } else {
    ++sent_;
  }
  if (admission.send == &scratch) ++rewritten_;
  return admission;
}

GuardCounts SendGuard::counts() const {
  return {sent_.load(), rewritten_.load(), refused_.load(), capped_.load()};
}

}  // namespace conform
