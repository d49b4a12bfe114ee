// libFuzzer target: any bytes through page reading, nesting, schema generation and the lint.
#include <cstddef>
#include <cstdint>
#include <string_view>

#include "derive/lint.hpp"
#include "derive/page.hpp"
#include "derive/schema_gen.hpp"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  std::string_view bytes(reinterpret_cast<const char*>(data), size);
  auto read = conform::derive::read_page("fuzz.txt", bytes);
  if (!read.page) return 0;
  conform::derive::Overlay overlay;
  overlay.api = "fuzz";
  (void)conform::derive::derive_api(*read.page, overlay);
  (void)conform::derive::lint_pages({*read.page});
  return 0;
}
