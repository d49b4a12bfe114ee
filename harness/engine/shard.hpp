#pragma once
/// `--shard K/N`: a deterministic split of the cases, so CI jobs can each run one part.
#include <optional>
#include <string>
#include <vector>

#include "cases/replay_case.hpp"

namespace conform {

/// Shard K of N (1 ≤ K ≤ N).
struct Shard {
  unsigned index = 1;
  unsigned count = 1;
};

/// Parses "K/N"; std::nullopt for anything else.
std::optional<Shard> parse_shard(const std::string& text);

/// FNV-1a of the case id: the same on every machine and every run.
unsigned long long case_hash(const std::string& case_id);

/// True when the case with this id belongs to the shard.
bool in_shard(const std::string& case_id, const Shard& shard);

/// The cases whose id hash falls in this shard, order kept.
std::vector<ReplayCase> select_shard(std::vector<ReplayCase> cases, const Shard& shard);

}  // namespace conform
