// The compiled engine at its edges: what the compiler refuses (and that such a schema still
// validates, through valijson whole), and every keyword it compiles. JSON text where simdjson
// and nlohmann could part is in properties/compiled_differential_test.cpp (it runs under ASan).
#include <gtest/gtest.h>

#include <set>

#include "contract/contract.hpp"
#include "validate/compiled_schema.hpp"
#include "validate/schema_validator.hpp"

namespace conform {
namespace {

using nlohmann::json;

SchemaValidator validator_for(const json& schema) {
  return SchemaValidator(schema, SchemaSettings{{}, "test", "test.schema.json"});
}

std::set<std::string> pointers(const std::vector<Violation>& violations) {
  std::set<std::string> out;
  for (const auto& v : violations) out.insert(v.pointer);
  return out;
}

TEST(CompiledSchema, AKeywordItDoesNotCompileSendsTheWholeSchemaToValijson) {
  SchemaValidator v = validator_for(
      json::parse(R"({"type":"object","properties":{"n":{"type":"integer","multipleOf":5}}})"));
  EXPECT_EQ(v.compiled(), nullptr);
  EXPECT_EQ(v.compile_refusal(),
            "/properties/n/multipleOf: the keyword 'multipleOf' is not compiled");
  EXPECT_TRUE(v.accepts(json::parse(R"({"n":10})")));
  EXPECT_EQ(pointers(v.validate(json::parse(R"({"n":7})"))), std::set<std::string>{"/n"});
}

TEST(CompiledSchema, AFormatWhereTheReferenceChecksNoFormatIsRefused) {
  SchemaValidator under_not =
      validator_for(json::parse(R"({"not":{"type":"string","format":"email"}})"));
  EXPECT_EQ(under_not.compiled(), nullptr);
  EXPECT_NE(under_not.compile_refusal().find("format"), std::string::npos);
  SchemaValidator shared_type = validator_for(json::parse(
      R"({"anyOf":[{"type":"string","format":"email"},{"type":"string","minLength":3}]})"));
  EXPECT_EQ(shared_type.compiled(), nullptr);
  EXPECT_NE(shared_type.compile_refusal().find("shares the instance type leading to it"),
            std::string::npos);
}

TEST(CompiledSchema, EveryContractKeywordCompilesAndAnswersAsTheReference) {
  json schema = json::parse(R"({
    "type": "object", "required": ["to", "kind"], "additionalProperties": false,
    "properties": {
      "to": {"type": "array", "minItems": 1, "maxItems": 2, "items": {"$ref": "#/definitions/address"}},
      "kind": {"enum": ["a", "b"]}, "fixed": {"const": 3},
      "n": {"type": "number", "minimum": 1, "exclusiveMaximum": 10},
      "code": {"type": "string", "pattern": "^[A-Z]{2}$", "maxLength": 2},
      "cc": {"anyOf": [{"type": "string"}, {"type": "array", "items": {"type": "string", "format": "email"}}]}
    },
    "definitions": {
      "address": {"type": "object", "required": ["email"], "properties": {"email": {"type": "string", "format": "email"}}}
    }})");
  SchemaValidator v = validator_for(schema);
  ASSERT_NE(v.compiled(), nullptr) << v.compile_refusal();
  const char* instances[] = {
      R"({"to":[{"email":"a@b.co"}],"kind":"a"})",
      R"({"to":[],"kind":"c","fixed":4,"n":10,"code":"abc","extra":1})",
      R"({"to":[{"email":"nope"},{}],"kind":"b","cc":["x@y.z","bad"]})",
      R"({"to":[{"email":"a@b.co"}],"kind":"b","cc":7})",
      R"([1,2])",
  };
  for (const char* text : instances) {
    json value = json::parse(text);
    EXPECT_EQ(v.compiled()->judge(value) == Verdict::accepted, v.reference_accepts(value)) << text;
    std::optional<std::vector<CompiledError>> errors = v.compiled()->structural_errors(value);
    ASSERT_TRUE(errors.has_value()) << text;
    std::set<std::string> compiled;
    for (const auto& e : *errors) compiled.insert(e.pointer);
    std::set<std::string> reference;
    for (const auto& e : v.reference_validate(value)) {
      if (e.keyword != "format") reference.insert(e.pointer);
    }
    EXPECT_EQ(compiled, reference) << text;
  }
}

TEST(CompiledSchema, ARecursiveRefCompilesWithoutFormatsAndIsRefusedWithThem) {
  SchemaValidator tree =
      validator_for(json::parse(R"({"$ref": "#/definitions/tree", "definitions": {"tree":
      {"type": "object", "properties": {"child": {"$ref": "#/definitions/tree"}, "leaf": {"type": "boolean"}}}}})"));
  ASSERT_NE(tree.compiled(), nullptr) << tree.compile_refusal();
  json deep = json::parse(R"({"child":{"child":{"leaf":"yes"}}})");
  EXPECT_EQ(tree.compiled()->judge(deep), Verdict::rejected);
  EXPECT_EQ(pointers(tree.validate(deep)), std::set<std::string>{"/child/child/leaf"});
  SchemaValidator with_format =
      validator_for(json::parse(R"({"$ref": "#/definitions/n", "definitions": {"n":
      {"type": "object", "properties": {"next": {"$ref": "#/definitions/n"}, "e": {"type": "string", "format": "email"}}}}})"));
  EXPECT_EQ(with_format.compiled(), nullptr);
  EXPECT_NE(with_format.compile_refusal().find("recursive $ref in a schema with formats"),
            std::string::npos);
}

TEST(CompiledSchema, ARefCycleWithNoSchemaAtItsEndIsAContractErrorNotACrash) {
  EXPECT_THROW(validator_for(json::parse(R"({"$ref": "#"})")), ContractError);
  EXPECT_THROW(validator_for(json::parse(R"({"properties": {"a": {"$ref": "#/definitions/b"}},
      "definitions": {"b": {"$ref": "#/definitions/c"}, "c": {"$ref": "#/definitions/b"}}})")),
               ContractError);
}

TEST(CompiledSchema, ASubschemaThatAppliesItselfToTheSameValueIsAContractError) {
  for (const char* text :
       {R"({"allOf": [{"$ref": "#"}]})", R"({"anyOf": [{"type": "string"}, {"$ref": "#"}]})",
        R"({"not": {"$ref": "#"}})",
        R"({"properties": {"enum": {"if": {"$ref": "#/properties/enum"}}}})"}) {
    try {
      validator_for(json::parse(text));
      ADD_FAILURE() << text << " was accepted";
    } catch (const ContractError& e) {
      EXPECT_NE(std::string(e.what()).find("applies itself again to the same value"),
                std::string::npos)
          << e.what();
    }
  }
}

TEST(CompiledSchema, ARefThatMovesToAMemberIsRecursionNotACycle) {
  // Two members that both point back at the root: the index walks the recursion once,
  // instead of 2^64 paths, and both engines answer.
  SchemaValidator v = validator_for(json::parse(
      R"({"type":"object","properties":{"a":{"$ref":"#"},"b":{"$ref":"#"},"n":{"type":"integer"}}})"));
  json bad = json::parse(R"({"a":{"b":{"a":{"n":"x"}}}})");
  EXPECT_FALSE(v.accepts(bad));
  EXPECT_EQ(pointers(v.validate(bad)), std::set<std::string>{"/a/b/a/n"});
  EXPECT_TRUE(v.reference_accepts(json::parse(R"({"a":{"b":{"n":1}}})")));
}

TEST(CompiledSchema, RefsThatExpandExponentiallyAreAContractErrorNotAHang) {
  json schema = {{"definitions", json::object()}};
  for (int level = 0; level < 30; ++level) {
    std::string next = "#/definitions/d" + std::to_string(level + 1);
    schema["definitions"]["d" + std::to_string(level)] = {
        {"properties", {{"x", {{"$ref", next}}}, {"y", {{"$ref", next}}}}}};
  }
  schema["definitions"]["d30"] = {{"type", "string"}};
  schema["$ref"] = "#/definitions/d0";
  try {
    validator_for(schema);
    ADD_FAILURE() << "2^30 locations were indexed";
  } catch (const ContractError& e) {
    EXPECT_NE(std::string(e.what()).find("more than 200000 locations"), std::string::npos)
        << e.what();
  }
}

TEST(CompiledSchema, AMemberNamedLikeAKeywordKeepsItsFormat) {
  SchemaValidator v = validator_for(json::parse(
      R"({"properties":{"enum":{"type":"string","format":"email"},"const":{"type":"string"}}})"));
  EXPECT_FALSE(v.accepts(json::parse(R"({"enum":"not an address"})")));
  EXPECT_FALSE(v.reference_accepts(json::parse(R"({"enum":"not an address"})")));
  EXPECT_FALSE(
      v.reference_accepts(json::parse(R"({"const":5})")));  // a structural answer, not a throw
  EXPECT_TRUE(v.reference_accepts(json::parse(R"({"enum":"a@example.com"})")));
}

}  // namespace
}  // namespace conform
