// Unit tests for JSON pointer building (core/json_pointer) and path templates (contract/endpoint).
#include <gtest/gtest.h>

#include "contract/endpoint.hpp"
#include "core/json_pointer.hpp"

namespace conform {
namespace {

TEST(JsonPointer, BuildsFromValijsonContext) {
  EXPECT_EQ(pointer_from_context({"<root>", "[data]", "[0]", "[from]", "[email]"}),
            "/data/0/from/email");
  EXPECT_EQ(pointer_from_context({"<root>"}), "");
}

TEST(JsonPointer, EscapesTildeAndSlash) {
  EXPECT_EQ(pointer_from_context({"<root>", "[a/b]", "[c~d]"}), "/a~1b/c~0d");
  EXPECT_EQ(append_pointer("/x", "~/"), "/x/~0~1");
}

TEST(JsonPointer, SplitsAndUnescapes) {
  EXPECT_EQ(split_pointer("/a~1b/c~0d/0"), (std::vector<std::string>{"a/b", "c~d", "0"}));
  EXPECT_TRUE(split_pointer("").empty());
  EXPECT_EQ(split_pointer("/"), std::vector<std::string>{""});
}

TEST(JsonPointer, PatternReplacesIndices) {
  EXPECT_EQ(pointer_pattern("/data/3/to/12/email"), "/data/*/to/*/email");
  EXPECT_EQ(pointer_pattern(""), "");
}

Contract bigin_like() {
  Contract c;
  c.path = "/bigin/v2/{module_api_name}/{record_id}/actions/send_mail";
  c.path_params = {{"module_api_name", {"Contacts"}, false, {}, false, "Contacts", "", ""},
                   {"record_id", {}, false, {}, false, "123", "", ""}};
  return c;
}

TEST(Endpoint, BuildsPathsWithExamplesAndEncoding) {
  Contract c = bigin_like();
  EXPECT_EQ(build_path(c, {}), "/bigin/v2/Contacts/123/actions/send_mail");
  EXPECT_EQ(build_path(c, {{"record_id", "a b/c"}}),
            "/bigin/v2/Contacts/a%20b%2Fc/actions/send_mail");
}

TEST(Endpoint, MatchesPathsUnderAPrefix) {
  Contract c = bigin_like();
  auto values = match_path(c, "/api/bigin/v2/Pipelines/9/actions/send_mail", "/api");
  ASSERT_TRUE(values);
  EXPECT_EQ(values->at("module_api_name"), "Pipelines");
  EXPECT_FALSE(match_path(c, "/bigin/v2/Pipelines/9/actions/send_mail/x"));
  EXPECT_FALSE(match_path(c, "/bigin/v2/Pipelines//actions/send_mail"));
  EXPECT_FALSE(match_path(c, "/bigin/v2/Pipelines/%zz/actions/send_mail"));
}

TEST(ChildPointers, ListParentsBeforeChildrenAndEscapeTokens) {
  nlohmann::json value = nlohmann::json::parse(R"({"a/b":[1,{"c":2}],"d":{}})");
  EXPECT_EQ(child_pointers(value),
            (std::vector<std::string>{"/a~1b", "/a~1b/0", "/a~1b/1", "/a~1b/1/c", "/d"}));
  EXPECT_TRUE(child_pointers(nlohmann::json(3)).empty());
}

TEST(ChildPointers, WithoutChildRemovesOneMemberOrItemAndLeavesTheOriginal) {
  nlohmann::json value = nlohmann::json::parse(R"({"a/b":[1,{"c":2}],"d":{}})");
  EXPECT_EQ(without_child(value, "/a~1b/0"), nlohmann::json::parse(R"({"a/b":[{"c":2}],"d":{}})"));
  EXPECT_EQ(without_child(value, "/a~1b/1/c"), nlohmann::json::parse(R"({"a/b":[1,{}],"d":{}})"));
  EXPECT_EQ(without_child(value, "/d"), nlohmann::json::parse(R"({"a/b":[1,{"c":2}]})"));
  EXPECT_EQ(value.size(), 2u);
}

}  // namespace
}  // namespace conform
