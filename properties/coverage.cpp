#include "properties/coverage.hpp"

#include <algorithm>

#include "core/json_pointer.hpp"
#include "properties/mutators.hpp"
#include "properties/value_generators.hpp"

namespace conform {
namespace {

using nlohmann::json;
constexpr int kMaxDepth = 24;

void add_target_items(const FuzzTarget& t, size_t target, const json& full,
                      std::vector<CoverageItem>& out) {
  size_t mutants = mutation_sites_of(*t.schema, full, t.api->contract.email_policy).size();
  for (size_t i = 0; i < mutants; ++i) out.push_back({target, FuzzVariant::mutant, i});
  size_t probes = probe_sites_of(*t.schema, full).size();
  for (size_t i = 0; i < probes; ++i) out.push_back({target, FuzzVariant::probe, i});
  out.push_back({target, FuzzVariant::anonymous, 0});
}

void add_constraint(std::set<std::string>& out, const std::string& pattern, const char* keyword,
                    const json& node) {
  if (!accept_only(node, keyword)) out.insert(pattern + " " + keyword);
}

void collect(const json& root, const json& raw, const std::string& pattern, int depth,
             std::set<std::string>& out) {
  const json& node = dereference(raw, root);
  if (!node.is_object() || depth > kMaxDepth) return;
  for (const char* keyword : {"type", "enum", "const", "format", "minItems"}) {
    if (node.contains(keyword)) add_constraint(out, pattern, keyword, node);
  }
  if (node.contains("required") && node["required"].is_array() && !accept_only(node, "required")) {
    for (const auto& name : node["required"]) {
      if (name.is_string())
        out.insert(pattern + "/" + escape_pointer_token(name.get<std::string>()) + " required");
    }
  }
  if (node.contains("properties") && node["properties"].is_object()) {
    for (const auto& [name, sub] : node["properties"].items())
      collect(root, sub, pattern + "/" + escape_pointer_token(name), depth + 1, out);
  }
  if (node.contains("items") && node["items"].is_object())
    collect(root, node["items"], pattern + "/*", depth + 1, out);
  for (const char* alternatives : {"anyOf", "oneOf"}) {
    if (!node.contains(alternatives) || !node[alternatives].is_array()) continue;
    for (const auto& branch : node[alternatives]) collect(root, branch, pattern, depth + 1, out);
  }
}

}  // namespace

CoveragePlan plan_coverage(const std::vector<FuzzTarget>& targets, uint64_t seed) {
  CoveragePlan plan;
  for (size_t t = 0; t < targets.size(); ++t) {
    const FuzzTarget& target = targets[t];
    rc::Random random(seed * 0x9E3779B97F4A7C15ull + t + 1);
    plan.full_values.push_back(gen_full(*target.schema)(random, 30).value());
    plan.complete_values.push_back(gen_full(*target.schema, true)(random, 30).value());
    plan.items.push_back({t, FuzzVariant::valid, 0});
    add_target_items(target, t, plan.complete_values.back(), plan.items);
  }
  return plan;
}

FuzzCase coverage_case(const std::vector<FuzzTarget>& targets, const CoveragePlan& plan,
                       size_t index) {
  const CoverageItem& item = plan.items.at(index);
  FuzzCase c;
  c.target = item.target;
  c.variant = item.variant;
  c.pick = item.pick;
  const auto& values = item.variant == FuzzVariant::valid ? plan.full_values : plan.complete_values;
  build_fuzz_case(targets[item.target], c, values[item.target], "", "");
  c.replay.name = "coverage-" + std::to_string(index) + "-" + fuzz_variant_name(c.variant) +
                  (c.mutant_kind.empty() ? "" : "-" + c.mutant_kind);
  c.replay.id = c.replay.api + "/" + c.replay.name;
  c.replay.origin = "coverage phase, case " + std::to_string(index);
  return c;
}

std::set<std::string> settled_constraints(const json& schema) {
  std::set<std::string> out;
  collect(schema, schema, "", 0, out);
  // The root keeps its type: mutators never replace the whole body (it tests the parser).
  out.erase(" type");
  return out;
}

}  // namespace conform
