// Unit tests for the email and date-time checkers (validate/formats).
#include <gtest/gtest.h>

#include "validate/formats.hpp"

namespace conform {
namespace {

const EmailPolicy kLenient{false, false};
const EmailPolicy kDotted{true, false};
const EmailPolicy kEmptyAllowed{false, true};

TEST(EmailFormat, AcceptsPlainAddresses) {
  EXPECT_EQ(check_email("name@example.com", kDotted), "");
  EXPECT_EQ(check_email("first.last+tag@sub.example.co.uk", kDotted), "");
}

TEST(EmailFormat, DotlessDomainDependsOnThePolicy) {
  // Genesys's own samples use qwerty@gplus-w2k3-gf80; whippy rejects invalid@something.
  EXPECT_EQ(check_email("qwerty@gplus-w2k3-gf80", kLenient), "");
  EXPECT_NE(check_email("invalid@something", kDotted), "");
}

TEST(EmailFormat, EmptyStringDependsOnThePolicy) {
  EXPECT_EQ(check_email("", kEmptyAllowed), "");
  EXPECT_NE(check_email("", kLenient), "");
}

TEST(EmailFormat, RejectsMalformedAddresses) {
  for (const char* bad : {"not-an-email", "@example.com", "name@", "a@@example.com",
                          "a b@example.com", ".a@example.com", "a..b@example.com", "a@-example.com",
                          "a@example..com", "a@exa_mple.com"}) {
    EXPECT_NE(check_email(bad, kLenient), "") << bad;
  }
}

TEST(EmailFormat, RejectsOverlongParts) {
  EXPECT_NE(check_email(std::string(65, 'a') + "@example.com", kLenient), "");
  EXPECT_NE(check_email("a@" + std::string(64, 'b') + ".com", kLenient), "");
}

TEST(DateTimeFormat, AcceptsRfc3339) {
  for (const char* good :
       {"2026-05-01T10:00:00+05:30", "2024-02-22T00:25:06Z", "2024-02-29T23:59:60Z",
        "2026-05-01T10:00:00.123-08:00", "2026-05-01t10:00:00z"}) {
    EXPECT_EQ(check_date_time(good), "") << good;
  }
}

TEST(DateTimeFormat, RejectsOtherShapes) {
  for (const char* bad :
       {"22/02/2024 00:25", "2024-02-22", "2024-02-22 00:25:06+05:30", "2024-02-22T00:25:06",
        "2024-02-22T00:25+05:30", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-02-22T24:00:00Z", "2024-02-22T00:25:06+0530", "2024-02-22T00:25:06.Z",
        "2024-02-26 14:46:31::IST", ""}) {
    EXPECT_NE(check_date_time(bad), "") << bad;
  }
}

}  // namespace
}  // namespace conform
