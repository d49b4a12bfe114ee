// The OpenAPI export, unit by unit: the draft-07 → OpenAPI 3.0 schema conversion, and the
// document built from the embedded contracts and the committed fixtures.
#include <gtest/gtest.h>

#include <algorithm>
#include <functional>
#include <regex>

#include "contract/contract.hpp"
#include "export/openapi.hpp"
#include "export/schema_convert.hpp"
#include "validate/formats.hpp"

namespace conform {
namespace {

using nlohmann::json;

json convert(const json& schema, json* components = nullptr) {
  return to_openapi_schema(schema, SchemaConversion{"api.file", components, std::nullopt});
}

/// Calls `visit(key, value, pointer)` on every object member of a document.
void walk(const json& node, const std::string& pointer,
          const std::function<void(const std::string&, const json&, const std::string&)>& visit) {
  if (node.is_object()) {
    for (const auto& [key, value] : node.items()) {
      visit(key, value, pointer + "/" + key);
      walk(value, pointer + "/" + key, visit);
    }
  } else if (node.is_array()) {
    for (size_t i = 0; i < node.size(); ++i)
      walk(node[i], pointer + "/" + std::to_string(i), visit);
  }
}

const Catalog& catalog() {
  static const Catalog loaded = Catalog::load(embedded_schema_source());
  return loaded;
}

json full_export() {
  OpenApiOptions options;
  options.examples =
      page_examples(catalog(), load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures"));
  return export_openapi(catalog(), options);
}

TEST(SchemaConversion, ATypeListWithNullBecomesNullable) {
  json out = convert({{"type", {"string", "null"}}, {"format", "email"}});
  EXPECT_EQ(out, (json{{"type", "string"}, {"nullable", true}, {"format", "email"}}));
}

TEST(SchemaConversion, SeveralNonNullTypesBecomeAnyOf) {
  json out = convert({{"type", {"string", "array", "null"}}});
  EXPECT_EQ(out["anyOf"], json::parse(R"([{"type": "string"}, {"type": "array", "items": {}}])"));
  EXPECT_TRUE(out["nullable"].get<bool>());
  EXPECT_FALSE(out.contains("type"));
}

TEST(SchemaConversion, ConstBecomesASingleValueEnum) {
  EXPECT_EQ(convert({{"const", "SUCCESS"}}), (json{{"enum", {"SUCCESS"}}}));
}

TEST(SchemaConversion, SchemaAndIdAreRemovedAndCommentsKeptAsExtensions) {
  json out = convert({{"$schema", "http://json-schema.org/draft-07/schema#"},
                      {"$id", "x.json"},
                      {"$comment", "why"},
                      {"type", "object"}});
  EXPECT_EQ(out, (json{{"type", "object"}, {"x-comment", "why"}}));
}

TEST(SchemaConversion, DefinitionsMoveToComponentsAndRefsFollow) {
  json components = json::object();
  json out = convert(
      json::parse(
          R"({"definitions": {"echo": {"type": "object", "properties": {"id": {"const": 1}}}},
                                     "properties": {"emails": {"type": "array", "items": {"$ref": "#/definitions/echo"}}}})"),
      &components);
  EXPECT_FALSE(out.contains("definitions"));
  EXPECT_EQ(out["properties"]["emails"]["items"],
            (json{{"$ref", "#/components/schemas/api.file.echo"}}));
  ASSERT_TRUE(components.contains("api.file.echo"));
  EXPECT_EQ(components["api.file.echo"]["properties"]["id"], (json{{"enum", {1}}}));
}

TEST(SchemaConversion, ARefWithSiblingsIsWrappedInAllOfButAnnotationsStayBeside) {
  json annotated = convert({{"$ref", "#/definitions/a"}, {"x-locator", "p.txt:1"}});
  EXPECT_EQ(annotated, (json{{"$ref", "#/components/schemas/api.file.a"}}));
  json described = convert({{"$ref", "#/definitions/a"}, {"description", "d"}});
  EXPECT_EQ(described["description"], "d");
  EXPECT_EQ(described["allOf"], json::array({{{"$ref", "#/components/schemas/api.file.a"}}}));
}

TEST(SchemaConversion, NumericExclusiveBoundsBecomeBooleans) {
  EXPECT_EQ(convert({{"exclusiveMinimum", 0}}), (json{{"minimum", 0}, {"exclusiveMinimum", true}}));
}

TEST(SchemaConversion, KeywordsOpenApiLacksAreKeptAsExtensions) {
  json out = convert(json::parse(
      R"({"type": "object", "propertyNames": {"pattern": "^a"}, "if": {}, "then": {}})"));
  EXPECT_TRUE(out.contains("x-draft07-propertyNames"));
  EXPECT_TRUE(out.contains("x-draft07-if"));
  EXPECT_FALSE(out.contains("propertyNames"));
}

TEST(SchemaConversion, BooleanSchemasAndEmptyRequiredAreExpressible) {
  EXPECT_EQ(convert(true), json::object());
  EXPECT_EQ(convert(false), (json{{"not", json::object()}}));
  EXPECT_EQ(convert({{"required", json::array()}}), json::object());
}

TEST(SchemaConversion, NestingBeyondTheCapIsRefusedNotRecursed) {
  json deep = json::object();
  for (int i = 0; i < 100; ++i) deep = json{{"not", deep}};
  EXPECT_THROW(convert(deep), ContractError);
}

TEST(SchemaConversion, EmailFormatBecomesThePatternOfTheApisPolicy) {
  SchemaConversion conversion{"api.file", nullptr, EmailPolicy{false, false}};
  json out = to_openapi_schema({{"type", "string"}, {"format", "email"}}, conversion);
  EXPECT_EQ(out["x-format"], "email");
  EXPECT_FALSE(out.contains("format"));
  EXPECT_EQ(out["pattern"], email_pattern(EmailPolicy{false, false}));
  json with_pattern = to_openapi_schema({{"format", "email"}, {"pattern", "^a"}}, conversion);
  EXPECT_EQ(with_pattern["pattern"], "^a");
  EXPECT_EQ(with_pattern["allOf"][0]["pattern"], email_pattern(EmailPolicy{false, false}));
  EXPECT_EQ(convert({{"format", "email"}}), (json{{"format", "email"}})) << "no policy: left alone";
}

TEST(SchemaConversion, TheEmailPatternAgreesWithConformsOwnCheck) {
  const std::vector<std::string> samples = {"",
                                            "a@b",
                                            "a@b.c",
                                            "htcc@gplus-w2k3-gf80",
                                            "invalid@something",
                                            "first.last@example.com",
                                            "a..b@example.com",
                                            ".a@example.com",
                                            "a.@example.com",
                                            "@example.com",
                                            "a@",
                                            "a@@b.c",
                                            "a b@c.d",
                                            "a@-b.c",
                                            "a@b-.c",
                                            "a@b..c",
                                            "a@b_c.d",
                                            "o'brien+tag@ex-ample.co.uk",
                                            std::string(64, 'x') + "@a.b",
                                            std::string(65, 'x') + "@a.b",
                                            "a@" + std::string(63, 'd') + ".com",
                                            "a@" + std::string(64, 'd') + ".com"};
  for (bool dot : {false, true}) {
    for (bool empty : {false, true}) {
      EmailPolicy policy{dot, empty};
      std::regex pattern(email_pattern(policy), std::regex::ECMAScript);
      for (const auto& s : samples) {
        EXPECT_EQ(std::regex_search(s, pattern), check_email(s, policy).empty())
            << "'" << s << "' dot=" << dot << " empty=" << empty;
      }
    }
  }
}

TEST(OpenApiExport, NoDraft07KeywordRemainsInTheDocument) {
  json doc = full_export();
  walk(doc, "", [](const std::string& key, const json& value, const std::string& pointer) {
    bool in_schema_map = pointer.find("/properties/") != std::string::npos &&
                         pointer.rfind("/properties/") + 12 + key.size() == pointer.size();
    if (in_schema_map) return;  // a property may be named anything
    if (pointer.find("/examples/") != std::string::npos) return;  // payloads, not schemas
    EXPECT_NE(key, "$schema") << pointer;
    EXPECT_NE(key, "definitions") << pointer;
    EXPECT_NE(key, "const") << pointer;
    if (key == "type") {
      EXPECT_TRUE(value.is_string()) << pointer;
    }
  });
}

TEST(OpenApiExport, EveryRefResolvesToAComponent) {
  json doc = full_export();
  int refs = 0;
  walk(doc, "", [&](const std::string& key, const json& value, const std::string& pointer) {
    if (key != "$ref") return;
    ++refs;
    std::string ref = value.get<std::string>();
    ASSERT_EQ(ref.rfind("#/components/schemas/", 0), 0u) << pointer;
    EXPECT_TRUE(doc["components"]["schemas"].contains(ref.substr(21))) << pointer << " -> " << ref;
  });
  EXPECT_GE(refs, 16);  // a request and a response per API, four of each for capillary-message
}

TEST(OpenApiExport, TheCapillaryChannelIsAnEnumWithADefaultThatSaysItIsCaseInsensitive) {
  json op = full_export()["paths"]["/v2/communications/sendMessage"]["post"];
  ASSERT_EQ(op["parameters"].size(), 1u);
  json channel = op["parameters"][0];
  EXPECT_EQ(channel["in"], "query");
  EXPECT_EQ(channel["schema"]["anyOf"][0]["enum"], (json{"sms", "whatsapp", "email", "zalo"}));
  EXPECT_EQ(channel["schema"]["default"], "sms");
  EXPECT_EQ(channel["example"], "sms");
  std::regex any_case(channel["schema"]["anyOf"][1]["pattern"].get<std::string>(),
                      std::regex::ECMAScript);
  for (const char* yes : {"sms", "SMS", "Sms", "WhatsApp", "zalo", "EMAIL"})
    EXPECT_TRUE(std::regex_search(yes, any_case)) << yes;
  for (const char* no : {"fax", "smss", "", "sms "})
    EXPECT_FALSE(std::regex_search(no, any_case)) << no;
  EXPECT_TRUE(channel["x-case-insensitive"].get<bool>());
  EXPECT_NE(channel["description"].get<std::string>().find("Case-insensitive"), std::string::npos);
  EXPECT_EQ(channel["x-locator"], "001_fc6b3512c4fe537a.txt:43");
}

TEST(OpenApiExport, CapillaryBodiesAreOneOfTheChannelSchemasWithTheirPageExamples) {
  json media = full_export()["paths"]["/v2/communications/sendMessage"]["post"]["requestBody"]
                            ["content"]["application/json"];
  json one_of = media["schema"]["oneOf"];
  ASSERT_EQ(one_of.size(), 4u);
  EXPECT_EQ(media["schema"]["x-channels"]["sms"],
            "#/components/schemas/capillary-message.request.sms");
  EXPECT_EQ(one_of[0]["$ref"], "#/components/schemas/capillary-message.request.sms")
      << "the default channel first";
  ASSERT_TRUE(media.contains("examples"));
  EXPECT_TRUE(media["examples"].contains("the-documented-email-example-is-accepted"));
  EXPECT_EQ(media["examples"]["the-documented-email-example-is-accepted"]["x-channel"], "email");
  for (const auto& [name, example] : media["examples"].items())
    EXPECT_TRUE(example.contains("x-locator")) << name;
}

TEST(OpenApiExport, BiginPathParametersCarryTheirEnumAndExample) {
  json params = full_export()["paths"]["/bigin/v2/{module_api_name}/{record_id}/actions/send_mail"]
                             ["post"]["parameters"];
  ASSERT_EQ(params.size(), 2u);
  EXPECT_EQ(params[0]["schema"]["enum"], (json{"Contacts", "Pipelines", "Accounts"}));
  EXPECT_EQ(params[0]["example"], "Contacts");
  EXPECT_TRUE(params[1]["required"].get<bool>());
  EXPECT_EQ(params[1]["example"], "1908973000000450642");
}

TEST(OpenApiExport, SecuritySchemesMatchEachAuthScheme) {
  json doc = full_export();
  json schemes = doc["components"]["securitySchemes"];
  EXPECT_EQ(schemes["basic"], (json{{"type", "http"}, {"scheme", "basic"}}));
  EXPECT_EQ(schemes["bearer"], (json{{"type", "http"}, {"scheme", "bearer"}}));
  EXPECT_EQ(schemes["whippy-email.key"]["name"], "X-WHIPPY-KEY");
  EXPECT_EQ(schemes["bigin-mail.key"]["name"], "Authorization");
  EXPECT_EQ(schemes["bigin-mail.key"]["x-prefix"], "Zoho-oauthtoken ");
  json capillary = doc["paths"]["/v2/communications/sendMessage"]["post"]["security"];
  EXPECT_EQ(capillary, json::parse(R"([{"basic": []}, {"bearer": []}])"));
}

TEST(OpenApiExport, StatusesLocatorsAndRequirementsAreKept) {
  json doc = full_export();
  json whippy = doc["paths"]["/v1/messaging/email"]["post"];
  EXPECT_TRUE(whippy["responses"].contains("2XX"));
  EXPECT_EQ(whippy["responses"]["422"]["x-requirement"], "whippy-email.sender_email.invalid-422");
  EXPECT_FALSE(whippy["responses"]["422"].contains("content"));
  json sender = doc["components"]["schemas"]["whippy-email.request"]["properties"]["sender_email"];
  EXPECT_EQ(sender["type"], "string");
  EXPECT_TRUE(sender["nullable"].get<bool>());
  EXPECT_FALSE(sender.contains("format")) << "peers read format: email their own way";
  EXPECT_EQ(sender["x-format"], "email");
  EXPECT_EQ(sender["pattern"], email_pattern(EmailPolicy{true, true}));
  EXPECT_EQ(sender["x-requirements"]["format"], "whippy-email.sender_email.invalid-422");
  EXPECT_FALSE(whippy["x-requirements"].empty());
}

TEST(OpenApiExport, OnlyTheChosenApisAreExportedAndAnUnknownOneIsRefused) {
  OpenApiOptions options;
  options.api_ids = {"genesys-email"};
  json doc = export_openapi(catalog(), options);
  EXPECT_EQ(doc["paths"].size(), 1u);
  EXPECT_TRUE(doc["paths"].contains("/api/v2/me/emails/{id}"));
  for (const auto& [name, schema] : doc["components"]["schemas"].items())
    EXPECT_EQ(name.rfind("genesys-email.", 0), 0u);
  options.api_ids = {"nope"};
  EXPECT_THROW(export_openapi(catalog(), options), ContractError);
}

TEST(OpenApiExport, PageExamplesAreTheValidSourcedFixturesDefaultChannelFirst) {
  auto examples =
      page_examples(catalog(), load_fixture_tree(std::string(CONFORM_SOURCE_DIR) + "/fixtures"));
  ASSERT_FALSE(examples.empty());
  bool seen_capillary = false;
  int stand_ins = 0;
  for (const auto& e : examples) {
    if (e.source.empty()) {
      ++stand_ins;
      for (const auto& other : examples) {
        bool same_slot = &other != &e && other.api == e.api && other.kind == e.kind &&
                         other.channel == e.channel;
        EXPECT_FALSE(same_slot) << e.name;
      }
    }
    EXPECT_NE(e.name, "an-invalid-sender-email-gets-422");  // a documented, but invalid, example
    if (e.api == "capillary-message" && !seen_capillary) {
      seen_capillary = true;
      EXPECT_EQ(e.channel, "sms") << "the default channel's example comes first";
    }
  }
  EXPECT_TRUE(seen_capillary);
  EXPECT_GE(stand_ins, 1) << "capillary-email's page shows no request example";
  auto capillary_email = std::find_if(examples.begin(), examples.end(), [](const PageExample& e) {
    return e.api == "capillary-email" && e.kind == PayloadKind::request;
  });
  ASSERT_NE(capillary_email, examples.end());
  EXPECT_TRUE(capillary_email->source.empty());
}

}  // namespace
}  // namespace conform
