#pragma once
/// Time rebasing: the pages' examples schedule messages in 2023-2024, and a server may rightly
/// refuse to schedule in the past. Before a case is sent, scheduling times move into the future.
#include <chrono>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "validate/schema_index.hpp"

namespace conform {

/// Moves every RFC 3339 time at a node marked `x-accept: {future}` that lies before `now`
/// into the future: only the year changes (to the first year that puts it after now), so the
/// format, the time of day and the offset stay. Returns one line per rewrite:
/// `/sms/0/scheduledTime: 2024-02-22T00:25:06+05:30 -> 2027-02-22T00:25:06+05:30`.
std::vector<std::string> rebase_schedule_times(const SchemaIndex& index, nlohmann::json& body,
                                               std::chrono::system_clock::time_point now);

/// The year-shifted copy of one RFC 3339 time that lies after `now`; the text itself when it
/// already does, or when it is not a time this module can read.
std::string rebased_time(const std::string& text, std::chrono::system_clock::time_point now);

}  // namespace conform
