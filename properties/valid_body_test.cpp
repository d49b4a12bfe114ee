// The body replay builds an API's probes on when it has no valid fixture: one for every
// channel of every built-in API, valid, and the same on every call.
#include <gtest/gtest.h>

#include "properties/valid_body.hpp"
#include "validate/catalog.hpp"

namespace conform {
namespace {

TEST(GeneratedValidBody, EveryChannelOfEveryApiGetsAValidBodyThatIsTheSameEachTime) {
  const Catalog catalog = Catalog::load(embedded_schema_source());
  size_t channels = 0;
  for (const auto& api : catalog.apis()) {
    for (const auto& [channel, files] : api.contract.channels) {
      std::optional<nlohmann::json> body = generated_valid_body(api, channel);
      ASSERT_TRUE(body) << api.contract.id << " " << channel;
      EXPECT_TRUE(api.validator(PayloadKind::request, channel)->validate(*body).empty())
          << body->dump();
      EXPECT_EQ(*body, *generated_valid_body(api, channel)) << api.contract.id << " " << channel;
      ++channels;
    }
  }
  EXPECT_GE(channels, 7u);
  EXPECT_FALSE(generated_valid_body(catalog.apis().front(), "no-such-channel"));
}

}  // namespace
}  // namespace conform
