#pragma once
/// A readable line diff for the drift gate.
#include <string>

namespace conform::derive {

/// Unified-style diff of two texts (`-` committed, `+` derived) with 2 lines of context,
/// at most `max_lines` lines. "" when they are equal.
std::string line_diff(const std::string& committed, const std::string& derived,
                      size_t max_lines = 120);

}  // namespace conform::derive
