#include "engine/shard.hpp"

#include <algorithm>
#include <charconv>

namespace conform {

std::optional<Shard> parse_shard(const std::string& text) {
  size_t slash = text.find('/');
  if (slash == std::string::npos) return std::nullopt;
  Shard shard;
  const char* end = text.data() + text.size();
  auto k = std::from_chars(text.data(), text.data() + slash, shard.index);
  auto n = std::from_chars(text.data() + slash + 1, end, shard.count);
  if (k.ec != std::errc() || k.ptr != text.data() + slash || n.ec != std::errc() || n.ptr != end)
    return std::nullopt;
  if (shard.count == 0 || shard.index == 0 || shard.index > shard.count) return std::nullopt;
  return shard;
}

unsigned long long case_hash(const std::string& case_id) {
  unsigned long long hash = 1469598103934665603ULL;
  for (unsigned char c : case_id) {
    hash ^= c;
    hash *= 1099511628211ULL;
  }
  return hash;
}

bool in_shard(const std::string& case_id, const Shard& shard) {
  return case_hash(case_id) % shard.count == shard.index - 1;
}

std::vector<ReplayCase> select_shard(std::vector<ReplayCase> cases, const Shard& shard) {
  std::erase_if(cases, [&](const ReplayCase& c) { return !in_shard(c.id, shard); });
  return cases;
}

}  // namespace conform
