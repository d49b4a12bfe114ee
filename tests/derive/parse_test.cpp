// The four page parsers, on small pages written for these tests (not vendor text).
#include <gtest/gtest.h>

#include "derive/contract_gen.hpp"
#include "derive/doc_table.hpp"
#include "derive/nesting.hpp"
#include "derive/page.hpp"

namespace conform::derive {
namespace {

const char* kMarkdown =
    "---\ntitle: Orders\n---\n"
    "# Body parameters\n"
    "\n"
    "| Parameter | Datatype | Description |\n"
    "| --- | --- | --- |\n"
    "| order\\* | obj | The order. |\n"
    "| line\\_items\\* | array-obj | Items. |\n"
    "| item\\_sku\\* | string | Stock unit. |\n"
    "| item\\_qty | integer | How many. |\n"
    "| note | | No type here. |\n"
    "| meta.source | string | A dotted name. |\n"
    "| mode | Enum | The supported values are fast, slow and eco. Default value-slow. |\n";

const DocRow* find_row(const DocPage& page, const std::string& name) {
  for (const auto& s : page.sections)
    for (const auto& r : s.rows)
      if (r.name == name) return &r;
  return nullptr;
}

DocPage parsed(const std::string& text) {
  PageRead read = read_page("page.txt", text);
  EXPECT_TRUE(read.page) << read.error;
  DocPage page = read.page.value_or(DocPage{});
  infer_nesting(page);
  return page;
}

TEST(MarkdownPage, ReadsMarkersEscapesTypesAndProse) {
  DocPage page = parsed(kMarkdown);
  EXPECT_EQ(page.shape, PageShape::kMarkdown);
  ASSERT_EQ(page.sections.size(), 1u);
  EXPECT_EQ(page.sections[0].line, 4);
  const DocRow* items = find_row(page, "line_items");
  ASSERT_NE(items, nullptr);
  EXPECT_EQ(items->required, true);
  EXPECT_EQ(items->type, "array");
  EXPECT_EQ(items->item_type, "object");
  EXPECT_EQ(find_row(page, "item_qty")->required, false);  // the table marks required rows
  EXPECT_EQ(find_row(page, "note")->type, "");
  const DocRow* mode = find_row(page, "mode");
  EXPECT_EQ(mode->enum_values, (std::vector<std::string>{"fast", "slow", "eco"}));
  EXPECT_EQ(mode->default_value, nlohmann::json("slow"));
}

TEST(MarkdownPage, NestsFlatRowsAndDottedNames) {
  DocPage page = parsed(kMarkdown);
  EXPECT_EQ(find_row(page, "line_items")->path, "order.line_items");
  EXPECT_EQ(find_row(page, "item_sku")->path, "order.line_items[].item_sku");
  EXPECT_EQ(find_row(page, "item_qty")->path, "order.line_items[].item_qty");
  EXPECT_EQ(find_row(page, "note")->path, "order.note");  // breaks the item_ run
  EXPECT_EQ(find_row(page, "meta.source")->path, "meta.source");
  EXPECT_FALSE(page.inferences.empty());
}

TEST(MarkdownPage, CrlfLineEndingsReadTheSame) {
  std::string crlf;
  for (const char* c = kMarkdown; *c; ++c)
    crlf += *c == '\n' ? std::string("\r\n") : std::string(1, *c);
  EXPECT_EQ(doc_table_json(parsed(crlf)), doc_table_json(parsed(kMarkdown)));
}

TEST(ScrapedPage, KeepsRowsWhoseNameIsLost) {
  DocPage page = parsed(
      "Body Params\n\nwidget\nstring\nrequired\n\nThe widget id.\n\nwidget\nstring\nenum\n"
      "Defaults to red\n\nA colour,\nover two lines.\n\nAllowed:\nboolean\n\nA "
      "flag.\n\nResponses\n");
  EXPECT_EQ(page.shape, PageShape::kScraped);
  ASSERT_EQ(page.sections.size(), 1u);
  const auto& rows = page.sections[0].rows;
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_EQ(rows[0].name, "widget");
  EXPECT_EQ(rows[0].required, true);
  EXPECT_EQ(rows[1].name, "");  // "widget" again is the first field's trailing label
  EXPECT_EQ(rows[1].line, 10);
  EXPECT_TRUE(rows[1].enum_marked);
  EXPECT_EQ(rows[1].default_value, nlohmann::json("red"));
  EXPECT_EQ(rows[1].description_line, 14);
  EXPECT_EQ(rows[1].description_end, 15);
  EXPECT_EQ(rows[1].enum_list_line, 17);
  EXPECT_EQ(rows[2].type, "boolean");
}

TEST(PdfTextPage, ReadsMarkersConstantsBooleansAndContinuations) {
  DocPage page = parsed(
      "Parameters\n\nParameter\tValue\nkind\tCreate\nwhen\tA time. (required)\nsilent\tEither true "
      "or false. (optional)\n"
      "box\tThe box. (required)\n\nBox Parameters\n\nParameter\tValue\nlabel\tThe label. "
      "(required)\n\nPage 2\n\n"
      "Parameter\tValue\nsize\tHow big,\nin cm. (optional)\n");
  EXPECT_EQ(page.shape, PageShape::kPdfText);
  EXPECT_EQ(find_row(page, "kind")->enum_values, std::vector<std::string>{"Create"});
  // A literal in the value column is a required constant (CONTRACTS.md ground rules).
  EXPECT_TRUE(find_row(page, "kind")->literal);
  EXPECT_EQ(find_row(page, "kind")->required, true);
  EXPECT_EQ(find_row(page, "when")->required, true);
  EXPECT_EQ(find_row(page, "silent")->type, "boolean");
  EXPECT_EQ(find_row(page, "box")->type, "object");
  EXPECT_EQ(find_row(page, "label")->path, "box.label");
  EXPECT_EQ(find_row(page, "size")->path, "box.size");  // "Page 2" continues the box table
}

TEST(MarkdownPage, DescriptionsThatNameAPhoneOrURLGiveTheValueKind) {
  DocPage page = parsed(
      "# Body\n\n| Parameter | Datatype | Description |\n| --- | --- | --- |\n"
      "| to\\* | string | Mobile number of the recipient. |\n| files | array of strings | List of "
      "file URLs |\n"
      "| count | integer | Mobile number count. |\n| note | string | A note. |\n");
  EXPECT_EQ(find_row(page, "to")->value_kind, "phone");
  EXPECT_EQ(find_row(page, "note")->value_kind, "");
  EXPECT_EQ(find_row(page, "count")->value_kind, "");  // only strings carry a kind
  bool recorded = false;
  for (const auto& inference : page.inferences)
    recorded = recorded || inference.what.find("phone") != std::string::npos;
  EXPECT_TRUE(recorded);
}

TEST(ZohoPage, ReadsListsValueTablesAndMultiLineDescriptions) {
  DocPage page = parsed(
      "Path parameters\nkind stringRequired\nWhich kind.\nLabel | Value |\n---|---|\nBig | big "
      "|\nSmall | small |\n"
      "Body parameters\nnote stringOptional\nA note that runs\nover two lines.\n");
  EXPECT_EQ(page.shape, PageShape::kZoho);
  ASSERT_EQ(page.sections.size(), 2u);
  EXPECT_EQ(page.sections[0].kind, SectionKind::kPath);
  EXPECT_EQ(find_row(page, "kind")->enum_values, (std::vector<std::string>{"big", "small"}));
  EXPECT_EQ(find_row(page, "note")->description_end, 11);
}

TEST(MarkdownPage, AHeadingOfOnlyHashesIsAnEmptyHeadingNotACrash) {
  // Found by the libFuzzer smoke: "#" alone made substr(npos) throw out of read_page.
  std::string text = std::string("#\n##  \n") + kMarkdown;
  PageRead read = read_page("page.md", text);
  ASSERT_TRUE(read.page) << read.error;
  ASSERT_GE(read.page->headings.size(), 3u);
  EXPECT_EQ(read.page->headings[0].text, "");
  EXPECT_EQ(read.page->headings[1].text, "");
  EXPECT_EQ(read.page->headings[2].text, "Body parameters");
}

TEST(BadPages, EmptyBinaryAndUnknownShapesAreRefusedWithAReason) {
  EXPECT_NE(read_page("e.txt", "").error.find("unrecognised page shape: the file is empty"),
            std::string::npos);
  EXPECT_NE(read_page("b.bin", std::string("\x7f"
                                           "ELF\0\0",
                                           6))
                .error.find("binary file"),
            std::string::npos);
  EXPECT_NE(read_page("b.bin", "\xff\xfe junk").error.find("invalid UTF-8"), std::string::npos);
  // Found by the libFuzzer smoke: an overlong sequence passed a structural check and then made
  // nlohmann throw while the schema was written out.
  EXPECT_NE(
      read_page("o.md", std::string("| a\xc1\x81 | b |\n|---|---|\n")).error.find("invalid UTF-8"),
      std::string::npos);
  auto unknown = read_page("n.txt", "Just some prose.\nNo tables here.\n");
  EXPECT_FALSE(unknown.page);
  EXPECT_NE(unknown.error.find("unrecognised page shape: no markdown pipe table"),
            std::string::npos);
}

TEST(BadPages, MalformedTablesNeverCrash) {
  for (const char* text : {"| Parameter | Datatype |\n| --- |\n| a\n|||\n| b | c | d | e |\n",
                           "| a |\n|---|\n", "Body Params\nstring\nrequired\nAllowed:\n",
                           "Parameter\tValue\n\t\n\tx\n", "x stringRequired\n|\n---\n"}) {
    PageRead read = read_page("m.txt", text);
    ASSERT_TRUE(read.page) << text;
    infer_nesting(*read.page);
  }
}

// The names doctable.json and `conform derive` print: one per value, as written there.
TEST(Names, EveryShapeSectionKindAndOriginHasItsOwnName) {
  EXPECT_STREQ(shape_name(PageShape::kMarkdown), "readme-markdown");
  EXPECT_STREQ(shape_name(PageShape::kScraped), "scraped-body-params");
  EXPECT_STREQ(shape_name(PageShape::kPdfText), "pdf-text-table");
  EXPECT_STREQ(shape_name(PageShape::kZoho), "zoho-list");
  EXPECT_STREQ(section_kind_name(SectionKind::kRequest), "request");
  EXPECT_STREQ(section_kind_name(SectionKind::kResponse), "response");
  EXPECT_STREQ(section_kind_name(SectionKind::kPath), "path");
  EXPECT_STREQ(section_kind_name(SectionKind::kQuery), "query");
  EXPECT_STREQ(section_kind_name(SectionKind::kOther), "other");
  EXPECT_STREQ(origin_name(FieldOrigin::kPage), "page");
  EXPECT_STREQ(origin_name(FieldOrigin::kDefault), "default");
  EXPECT_STREQ(origin_name(FieldOrigin::kOverlay), "overlay");
  EXPECT_STREQ(origin_name(FieldOrigin::kPageAndOverlay), "page+overlay");
}

}  // namespace
}  // namespace conform::derive
