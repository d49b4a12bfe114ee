#include "cases/schedule_rebase.hpp"

#include <cstdio>

#include "core/json_pointer.hpp"
#include "validate/formats.hpp"

namespace conform {
namespace {

using nlohmann::json;
using std::chrono::system_clock;

/// Seconds since the epoch of an RFC 3339 time (fractions ignored), or -1 when unreadable.
long long epoch_seconds(const std::string& text) {
  if (!check_date_time(text).empty() || text.size() < 20) return -1;
  int y, mo, d, h, mi, s;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2d%*c%2d:%2d:%2d", &y, &mo, &d, &h, &mi, &s) != 6)
    return -1;
  size_t zone = text.find_first_of("Zz+-", 19);
  long long offset = 0;
  if (zone != std::string::npos && (text[zone] == '+' || text[zone] == '-')) {
    int oh = 0, om = 0;
    std::sscanf(text.c_str() + zone + 1, "%2d:%2d", &oh, &om);
    offset = (text[zone] == '-' ? -1 : 1) * (oh * 3600LL + om * 60LL);
  }
  auto days = std::chrono::sys_days(std::chrono::year(y) / mo / d).time_since_epoch().count();
  return days * 86400LL + h * 3600LL + mi * 60LL + s - offset;
}

bool leap(int year) {
  return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

std::string with_year(const std::string& text, int year) {
  std::string out = text;
  std::string digits = std::to_string(year % 10000);
  out.replace(0, 4, std::string(4 - digits.size(), '0') + digits);
  if (out.compare(5, 5, "02-29") == 0 && !leap(year)) out.replace(8, 2, "28");
  return out;
}

void walk(const SchemaIndex& index, json& node, const std::string& pointer,
          system_clock::time_point now, std::vector<std::string>& out) {
  if (node.is_object()) {
    for (auto& [name, sub] : node.items())
      walk(index, sub, append_pointer(pointer, name), now, out);
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i)
      walk(index, node[i], pointer + "/" + std::to_string(i), now, out);
  } else if (node.is_string()) {
    auto rules = index.find(pointer_pattern(pointer));
    if (rules == index.end() || !rules->second.accept_only.contains("future")) return;
    std::string before = node.get<std::string>();
    std::string after = rebased_time(before, now);
    if (after == before) return;
    node = after;
    out.push_back(pointer + ": " + before + " -> " + after);
  }
}

}  // namespace

std::string rebased_time(const std::string& text, system_clock::time_point now) {
  long long at = epoch_seconds(text);
  long long now_s =
      std::chrono::duration_cast<std::chrono::seconds>(now.time_since_epoch()).count();
  if (at < 0 || at > now_s + 86400) return text;
  int year = std::stoi(text.substr(0, 4));
  for (int next = year + 1; next <= year + 400; ++next) {
    std::string candidate = with_year(text, next);
    if (epoch_seconds(candidate) > now_s + 86400) return candidate;
  }
  return text;
}

std::vector<std::string> rebase_schedule_times(const SchemaIndex& index, json& body,
                                               system_clock::time_point now) {
  std::vector<std::string> out;
  walk(index, body, "", now, out);
  return out;
}

}  // namespace conform
