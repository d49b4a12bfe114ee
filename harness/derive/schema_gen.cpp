#include "derive/schema_gen.hpp"

#include "derive/canonical_json.hpp"
#include "derive/nesting.hpp"
#include "derive/sample_bundle.hpp"
#include "derive/samples.hpp"
#include "derive/text.hpp"

namespace conform::derive {
namespace {

using ojson = nlohmann::ordered_json;

struct GenContext {
  const DocPage& page;
  std::string api;
};

std::string requirement_of(const GenContext& ctx, const std::string& path) {
  std::string id = ctx.api;
  for (const auto& segment : split_trim(path, '.')) {
    std::string name = segment.size() > 2 && segment.ends_with("[]")
                           ? segment.substr(0, segment.size() - 2)
                           : segment;
    id += "." + name;
  }
  return id;
}

void fill_row(ojson& prop, const DocRow& row, const GenContext& ctx) {
  std::string req = requirement_of(ctx, row.path);
  if (!row.type.empty()) prop["type"] = row.type;
  if (!row.format.empty()) prop["format"] = row.format;
  if (row.literal && row.enum_values.size() == 1)
    prop["const"] = row.enum_values.front();
  else if (!row.enum_values.empty())
    prop["enum"] = row.enum_values;
  if (row.default_value) prop["default"] = ojson::parse(row.default_value->dump());
  prop["x-locator"] = locator(ctx.page, row.line);
  prop["x-requirement"] = req;
  if (row.type == "array" && !row.item_type.empty()) {
    ojson& items = prop["items"];
    items["type"] = row.item_type;
    items["x-locator"] = locator(ctx.page, row.type_line > 0 ? row.type_line : row.line);
    items["x-requirement"] = req;
  }
  if (!row.value_kind.empty()) {
    ojson& target = row.type == "array" ? prop["items"] : prop;
    target["format"] = row.value_kind;
    target["x-accept"]["format"] =
        "derive read a " + row.value_kind + " from the description (" +
        locator(ctx.page, row.description_line) +
        "); the acceptance core sends that shape, but the page sets no syntax";
  }
}

// An intermediate level named only inside a dotted name, or a root the overlay gives.
void fill_implicit(ojson& prop, bool array, const std::string& path, int line,
                   const GenContext& ctx) {
  prop["type"] = array ? "array" : "object";
  prop["x-locator"] = locator(ctx.page, line);
  prop["x-requirement"] = requirement_of(ctx, path);
  if (array) {
    prop["items"]["type"] = "object";
    prop["items"]["x-locator"] = locator(ctx.page, line);
    prop["items"]["x-requirement"] = requirement_of(ctx, path);
  }
}

void place_row(ojson& root, const DocRow& row, const GenContext& ctx) {
  auto segments = split_trim(row.path, '.');
  ojson* container = &root;
  std::string so_far;
  for (size_t i = 0; i < segments.size(); ++i) {
    bool array = segments[i].size() > 2 && segments[i].ends_with("[]");
    std::string name = array ? segments[i].substr(0, segments[i].size() - 2) : segments[i];
    so_far = join_path(so_far, segments[i]);
    ojson& prop = (*container)["properties"][name];
    if (i + 1 == segments.size()) {
      fill_row(prop, row, ctx);
      if (row.required.value_or(false)) (*container)["required"].push_back(name);
      return;
    }
    if (prop.is_null()) fill_implicit(prop, array, so_far, row.line, ctx);
    container = array ? &prop["items"] : &prop;
  }
}

std::string slug_of(const DocSection& section, size_t index) {
  size_t open = section.title.find('('), close = section.title.find(')');
  if (open != std::string::npos && close != std::string::npos && close > open + 1)
    return lower(section.title.substr(open + 1, close - open - 1));
  return std::to_string(index + 1);
}

// Without an overlay: one file per request or response table.
std::vector<OverlayOutput> default_outputs(const DocPage& page, const std::string& api) {
  std::vector<OverlayOutput> outputs;
  for (SectionKind kind : {SectionKind::kRequest, SectionKind::kResponse}) {
    std::vector<const DocSection*> found;
    for (const auto& s : page.sections) {
      if (s.kind == kind && s.parent.empty()) found.push_back(&s);
    }
    std::string stem = kind == SectionKind::kRequest ? "request" : "response";
    for (size_t i = 0; i < found.size(); ++i) {
      std::string file =
          stem + (found.size() == 1 ? "" : "." + slug_of(*found[i], i)) + ".schema.json";
      outputs.push_back({file, found[i]->line, "", api + " " + stem + " body"});
    }
  }
  return outputs;
}

// The table at `line` and the tables after it that nest under its fields.
std::vector<const DocSection*> sections_of(const DocPage& page, int line) {
  std::vector<const DocSection*> out;
  for (const auto& s : page.sections) {
    if (s.line == line)
      out.push_back(&s);
    else if (!out.empty() && !s.parent.empty() && s.parent != out.front()->parent)
      out.push_back(&s);
    else if (!out.empty())
      break;
  }
  return out;
}

// A body the page documents neither by table nor by sample: any JSON value passes.
ojson open_body_schema(const std::string& title) {
  return {{"$schema", "http://json-schema.org/draft-07/schema#"},
          {"title", title},
          {"x-inferred",
           "the page documents this body neither by a table nor by a sample; any JSON body is "
           "accepted"}};
}

}  // namespace

ojson tables_schema(const DocPage& page, const std::vector<const DocSection*>& sections,
                    const std::string& api, const std::string& title) {
  GenContext ctx{page, api};
  ojson root;
  root["$schema"] = "http://json-schema.org/draft-07/schema#";
  root["title"] = title;
  root["type"] = "object";
  if (!sections.empty()) root["x-locator"] = locator(page, sections.front()->line);
  for (const DocSection* section : sections) {
    for (const auto& row : section->rows) {
      if (!row.path.empty()) place_row(root, row, ctx);
    }
  }
  return root;
}

DerivedBundle derive_bundle(DocPage page, const Overlay& overlay) {
  apply_overlay_to_page(page, overlay);
  infer_nesting(page);
  const bool from_page = overlay.outputs.empty();
  auto outputs = from_page ? default_outputs(page, overlay.api) : overlay.outputs;
  auto samples = page_samples(page);
  if (from_page) add_sample_outputs(outputs, samples, overlay.api);
  std::vector<std::pair<std::string, ojson>> schemas;
  std::vector<std::string> unstated;
  for (const auto& output : outputs) {
    ojson schema = ojson::object();
    if (output.section != 0) {
      auto sections = sections_of(page, output.section);
      if (sections.empty())
        throw DeriveError(overlay.api + "/overlay.json: " + output.file + ": no table at " +
                          locator(page, output.section));
      schema = tables_schema(page, sections, overlay.api, output.title);
    } else if (from_page) {
      const PageSample* sample = first_sample(samples, stem_kind(output.file));
      schema = sample ? sample_schema(page, *sample, overlay.api, output.title)
                      : open_body_schema(output.title);
      if (!sample)
        unstated.push_back(
            "no " + output.file +
            " table or sample on the page: any body is accepted; add an output to overlay.json");
    }
    apply_patches(schema, overlay, output.file);
    schemas.emplace_back(output.file, std::move(schema));
  }
  DerivedBundle bundle;
  auto conflicts = check_samples(page, samples, schemas);
  for (const auto& [file, schema] : schemas)
    bundle.files.push_back({overlay.api + "/" + file, canonical_dump(schema)});
  bundle.contract = derive_contract(page, overlay, schemas);
  add_conflict_points(bundle.contract.contract, page, conflicts);
  for (auto& line : unstated) bundle.contract.missing.push_back(std::move(line));
  bundle.fixtures =
      sample_fixtures(page, overlay.api, samples, conflicts, schemas, bundle.contract.contract);
  bundle.files.push_back(
      {overlay.api + "/contract.json", canonical_dump(bundle.contract.contract, false)});
  bundle.files.push_back(
      {overlay.api + "/doctable.json", canonical_dump(doc_table_json(page), false)});
  return bundle;
}

std::vector<DerivedFile> derive_api(DocPage page, const Overlay& overlay) {
  return derive_bundle(std::move(page), overlay).files;
}

}  // namespace conform::derive
