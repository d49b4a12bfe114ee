#include "properties/fuzz_cases.hpp"

#include <cctype>

#include "cases/case_builder.hpp"
#include "core/json_pointer.hpp"
#include "properties/mutators.hpp"
#include "properties/value_generators.hpp"

namespace conform {
namespace {

using nlohmann::json;

uint64_t mix(uint64_t seed, uint64_t index) {
  uint64_t x = seed * 0x9E3779B97F4A7C15ull + index + 1;
  x ^= x >> 30;
  x *= 0xBF58476D1CE4E5B9ull;
  x ^= x >> 27;
  x *= 0x94D049BB133111EBull;
  return x ^ (x >> 31);
}

/// Requirement ids of every field present in the value, in document order, without repeats.
void collect_requirements(const SchemaValidator& validator, const json& value,
                          const std::string& pointer, std::vector<std::string>& out) {
  if (!pointer.empty()) {
    if (const FieldRules* rules = rules_for(validator.index(), pointer)) {
      if (!rules->requirement.empty() &&
          std::find(out.begin(), out.end(), rules->requirement) == out.end()) {
        out.push_back(rules->requirement);
      }
    }
  }
  if (value.is_object()) {
    for (const auto& [name, sub] : value.items())
      collect_requirements(validator, sub, append_pointer(pointer, name), out);
  } else if (value.is_array() && !value.empty()) {
    collect_requirements(validator, value[0], pointer + "/0", out);
  }
}

std::string case_name(const FuzzCase& c, size_t index) {
  std::string name = "fuzz-" + std::to_string(index) + "-" + fuzz_variant_name(c.variant);
  if (!c.mutant_kind.empty()) name += "-" + c.mutant_kind;
  return name;
}

void build_valid(const FuzzTarget& t, FuzzCase& c, const json& value) {
  GeneratedRequest request{t.channel, value, Intent::accept, {}, {}};
  collect_requirements(*t.validator, value, "", request.requirements);
  c.body = value;
  c.replay = case_from_body(*t.api, request, t.credential);
}

bool build_mutant(const FuzzTarget& t, FuzzCase& c, const json& value, const std::string& kind,
                  const std::string& pattern) {
  std::vector<Mutant> all = mutation_sites_of(*t.schema, value, t.api->contract.email_policy);
  std::vector<Mutant*> fitting;
  for (auto& m : all) {
    bool same = kind.empty() ||
                (mutation_kind_name(m.kind) == kind && pointer_pattern(m.pointer) == pattern);
    if (same) fitting.push_back(&m);
  }
  if (fitting.empty()) return false;
  Mutant& m = *fitting[c.pick % fitting.size()];
  materialize(m, value);
  c.mutant_kind = mutation_kind_name(m.kind);
  c.site_pattern = pointer_pattern(m.pointer);
  c.settled = m.settled;
  c.constraint = c.site_pattern + " " + m.keyword;
  if (!m.settled) {
    // A mutant of an open point: either answer is permitted, so it is an observed probe.
    build_valid(t, c, m.body);
    observe_open_point(*t.api, c.replay, m.open_point, m.pointer);
    return true;
  }
  std::vector<Violation> violations = t.validator->settled_violations(m.body);
  std::string requirement =
      violations.empty() ? t.api->contract.rejection.requirement : violations.front().requirement;
  c.body = m.body;
  c.replay = case_from_body(*t.api, {t.channel, m.body, Intent::reject, {requirement}, {m.pointer}},
                            t.credential);
  return true;
}

bool build_probe(const FuzzTarget& t, FuzzCase& c, const json& value, const std::string& name,
                 const std::string& pattern) {
  std::vector<ProbeSite> all = probe_sites_of(*t.schema, value);
  std::vector<const ProbeSite*> fitting;
  for (const auto& site : all) {
    bool same = name.empty() || (site.name == name && pointer_pattern(site.pointer) == pattern);
    if (same) fitting.push_back(&site);
  }
  if (fitting.empty()) return false;
  Probe p = make_probe(value, *fitting[c.pick % fitting.size()]);
  build_valid(t, c, p.body);
  c.mutant_kind = p.name;
  c.site_pattern = pointer_pattern(p.pointer);
  observe_open_point(*t.api, c.replay, probe_open_point(p.name), p.pointer);
  return true;
}

void build_anonymous(const FuzzTarget& t, FuzzCase& c, const json& value) {
  build_valid(t, c, value);
  c.replay =
      derive_case(*t.api, c.replay, "", Intent::unauthenticated, t.api->contract.auth.requirement);
  std::erase_if(c.replay.request.headers,
                [&](const auto& h) { return h.first == t.api->contract.auth.header; });
}

}  // namespace

/// Builds the case's replay from a valid value; false when the variant has no site in it.
bool build_fuzz_case(const FuzzTarget& t, FuzzCase& c, const json& value, const std::string& kind,
                     const std::string& site) {
  switch (c.variant) {
    case FuzzVariant::valid:
      build_valid(t, c, value);
      return true;
    case FuzzVariant::mutant:
      return build_mutant(t, c, value, kind, site);
    case FuzzVariant::probe:
      return build_probe(t, c, value, kind, site);
    case FuzzVariant::anonymous:
      build_anonymous(t, c, value);
      return true;
  }
  return false;
}

namespace {

FuzzVariant variant_for(uint64_t round) {
  static const FuzzVariant cycle[] = {
      FuzzVariant::valid,  FuzzVariant::mutant, FuzzVariant::mutant, FuzzVariant::probe,
      FuzzVariant::mutant, FuzzVariant::valid,  FuzzVariant::mutant, FuzzVariant::anonymous};
  return cycle[round % 8];
}

}  // namespace

const char* fuzz_variant_name(FuzzVariant variant) {
  static const char* names[] = {"valid", "mutant", "probe", "anonymous"};
  return names[static_cast<int>(variant)];
}

std::vector<FuzzTarget> fuzz_targets(const Catalog& catalog, const std::set<std::string>& apis,
                                     const std::map<std::string, std::string>& credentials) {
  std::vector<FuzzTarget> out;
  for (const auto& api : catalog.apis()) {
    if (!apis.empty() && !apis.contains(api.contract.id)) continue;
    for (const auto& [channel, files] : api.contract.channels) {
      const nlohmann::json& schema = api.schemas.at(files.request);
      out.push_back({&api, channel, &schema, api.validator(PayloadKind::request, channel),
                     credential_for(api.contract, credentials), gen_valid(schema)});
    }
  }
  return out;
}

json regenerate_value(const FuzzTarget& target, const FuzzCase& c) {
  return target.valid_values(rc::Random(c.seed), c.size).value();
}

FuzzCase plan_fuzz_case(const std::vector<FuzzTarget>& targets, uint64_t seed, size_t count,
                        size_t index, std::mutex* generation) {
  FuzzCase c;
  c.target = index % targets.size();
  c.seed = mix(seed, index);
  c.size = static_cast<int>(std::min<size_t>(100, 5 + index * 100 / std::max<size_t>(count, 1)));
  c.variant = variant_for(index / targets.size());
  c.pick = static_cast<size_t>(mix(c.seed, 7) % 1000);
  json value;
  {
    std::unique_lock lock =
        generation ? std::unique_lock(*generation) : std::unique_lock<std::mutex>();
    value = regenerate_value(targets[c.target], c);
  }
  if (!build_fuzz_case(targets[c.target], c, value, "", "")) {
    c.variant = FuzzVariant::valid;
    build_fuzz_case(targets[c.target], c, value, "", "");
  }
  c.replay.name = case_name(c, index);
  c.replay.id = c.replay.api + "/" + c.replay.name;
  c.replay.origin =
      "generated (seed " + std::to_string(seed) + ", case " + std::to_string(index) + ")";
  return c;
}

std::vector<FuzzCase> plan_fuzz_cases(const std::vector<FuzzTarget>& targets, uint64_t seed,
                                      size_t count) {
  std::vector<FuzzCase> out;
  if (targets.empty()) return out;
  for (size_t i = 0; i < count; ++i) out.push_back(plan_fuzz_case(targets, seed, count, i));
  return out;
}

namespace {

/// Where the index of a generated case's id starts and ends (`<api>/fuzz-<index>-`), if it has one.
std::optional<std::pair<size_t, size_t>> index_span(const std::string& case_id) {
  static constexpr std::string_view kMarker = "/fuzz-";
  size_t at = case_id.find(kMarker);
  if (at == std::string::npos) return std::nullopt;
  size_t start = at + kMarker.size(), end = start;
  while (end < case_id.size() && std::isdigit(static_cast<unsigned char>(case_id[end]))) ++end;
  if (end == start || end - start > 18 || end >= case_id.size() || case_id[end] != '-')
    return std::nullopt;
  return std::make_pair(start, end);
}

}  // namespace

std::optional<size_t> fuzz_case_index(const std::string& case_id) {
  auto span = index_span(case_id);
  if (!span) return std::nullopt;
  return std::stoull(case_id.substr(span->first, span->second - span->first));
}

std::optional<FuzzVariant> fuzz_case_variant(const std::string& case_id) {
  auto span = index_span(case_id);
  if (!span) return std::nullopt;
  std::string rest = case_id.substr(span->second + 1);
  for (FuzzVariant v :
       {FuzzVariant::valid, FuzzVariant::mutant, FuzzVariant::probe, FuzzVariant::anonymous}) {
    std::string name = fuzz_variant_name(v);
    if (rest == name || rest.rfind(name + "-", 0) == 0) return v;
  }
  return std::nullopt;
}

std::optional<FuzzCase> rebuild_fuzz_case(const FuzzTarget& target, const FuzzCase& like,
                                          const json& value) {
  FuzzCase c = like;
  if (!build_fuzz_case(target, c, value, like.mutant_kind, like.site_pattern)) return std::nullopt;
  c.replay.name = like.replay.name;
  c.replay.id = like.replay.id;
  c.replay.origin = like.replay.origin;
  return c;
}

}  // namespace conform

namespace conform {

std::optional<nlohmann::json> fixture_for(const FuzzCase& c) {
  if (c.variant != FuzzVariant::valid && c.variant != FuzzVariant::mutant) return std::nullopt;
  if (c.replay.observe_only) return std::nullopt;
  nlohmann::json doc = {{"conform_fixture", 1},
                        {"kind", "request"},
                        {"expect", c.variant == FuzzVariant::valid ? "valid" : "invalid"},
                        {"requirements", c.replay.requirements}};
  if (!c.replay.channel.empty()) doc["channel"] = c.replay.channel;
  if (c.variant == FuzzVariant::mutant) doc["errors_at"] = c.replay.errors_at;
  doc["body"] = c.body;
  return doc;
}

std::string fixture_file_name(const FuzzCase& c, uint64_t run_seed) {
  std::string what = c.variant == FuzzVariant::valid ? "a-generated-valid-request-is-accepted"
                                                     : "a-request-with-" + c.mutant_kind + "-at" +
                                                           c.site_pattern + "-is-rejected";
  std::string name = what + "-seed-" + std::to_string(run_seed) + "-" + c.replay.name;
  for (char& ch : name) {
    bool keep = std::isalnum(static_cast<unsigned char>(ch)) || ch == '-';
    ch = keep ? static_cast<char>(std::tolower(static_cast<unsigned char>(ch))) : '-';
  }
  return name + ".json";
}

}  // namespace conform
