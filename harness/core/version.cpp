#include "core/version.hpp"

namespace conform {

const char* tool_version() {
  return CONFORM_VERSION;
}

}  // namespace conform
