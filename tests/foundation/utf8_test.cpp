// Well-formed UTF-8 by Unicode Table 3-7: what derive, cassettes and reports accept as text.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/utf8.hpp"

namespace conform {
namespace {

TEST(Utf8, WellFormedTextOfEveryLengthIsValid) {
  EXPECT_TRUE(is_valid_utf8(""));
  EXPECT_TRUE(is_valid_utf8("plain ascii"));
  EXPECT_TRUE(is_valid_utf8("caf\xc3\xa9 \xe2\x82\xac \xf0\x9f\x93\xa7"));  // é € 📧
  EXPECT_TRUE(is_valid_utf8("\xed\x9f\xbf \xf4\x8f\xbf\xbf"));              // U+D7FF, U+10FFFF
  EXPECT_EQ(utf8_sequence_length("\xf0\x9f\x93\xa7", 0), 4u);
}

TEST(Utf8, OverlongsSurrogatesAndOutOfRangeAreNot) {
  for (const char* bad : {"\xc1\x81", "\xc0\xaf", "\xe0\x80\xaf", "\xf0\x80\x80\xaf",  // overlong
                          "\xed\xa0\x80",                                              // surrogate
                          "\xf4\x90\x80\x80", "\xf5\x80\x80\x80",                      // > U+10FFFF
                          "\xe2\x82", "\x80", "\xff"}) {                               // cut, stray
    EXPECT_FALSE(is_valid_utf8(bad));
    EXPECT_THROW((void)nlohmann::json(std::string(bad)).dump(), nlohmann::json::type_error)
        << "nlohmann agrees that it is ill-formed";
  }
}

}  // namespace
}  // namespace conform
