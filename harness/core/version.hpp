#pragma once
/// The version of conform, written once: `project(conform VERSION ...)` in CMakeLists.txt.

namespace conform {

/// "0.1.0": what `conform --version` prints and every report's run records.
const char* tool_version();

}  // namespace conform
