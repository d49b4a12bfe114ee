#include "derive/derive.hpp"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/file_text.hpp"
#include "derive/diff.hpp"
#include "derive/lint.hpp"
#include "derive/page.hpp"
#include "derive/schema_gen.hpp"
#include "validate/meta_schema.hpp"

namespace conform::derive {
namespace {

namespace fs = std::filesystem;

// Every overlay under out_dir, by snapshot.
std::vector<Overlay> load_overlays(const std::string& out_dir) {
  std::vector<Overlay> overlays;
  std::error_code ec;
  if (!fs::is_directory(out_dir, ec)) return overlays;
  std::vector<fs::path> files;
  for (const auto& entry : fs::directory_iterator(out_dir, ec)) {
    if (fs::exists(entry.path() / "overlay.json")) files.push_back(entry.path() / "overlay.json");
  }
  std::sort(files.begin(), files.end());
  const MetaSchema meta(MetaKind::overlay);
  for (const auto& file : files) {
    auto text = read_text_file(file);
    nlohmann::ordered_json j = nlohmann::ordered_json::parse(text.value_or(""), nullptr, false);
    if (j.is_discarded()) throw DeriveError(file.string() + ": not valid JSON");
    try {
      meta.check(nlohmann::json::parse(text.value_or("")), file.string());
    } catch (const ContractError& e) {
      throw DeriveError(e.what());
    }
    overlays.push_back(parse_overlay(j, file.string()));
  }
  return overlays;
}

Overlay overlay_for(const DocPage& page, const std::vector<Overlay>& overlays,
                    const DeriveRequest& request) {
  for (const auto& o : overlays) {
    if (request.api ? o.api == *request.api : o.snapshot == page.file) return o;
  }
  Overlay bare;
  bare.api = request.api.value_or(fs::path(page.file).stem().string());
  bare.snapshot = page.file;
  return bare;
}

// Compares derived files with out_dir; appends diffs; true when they all agree.
bool check_files(const std::vector<DerivedFile>& files, const std::string& out_dir,
                 DeriveResult& result) {
  bool same = true;
  for (const auto& file : files) {
    fs::path path = fs::path(out_dir) / file.path;
    auto committed = read_text_file(path);
    if (!committed) {
      result.out += "drift: " + path.string() + " is missing (derivation produces it)\n";
      same = false;
    } else if (*committed != file.text) {
      result.out += "drift: " + path.string() + " differs from what derivation produces:\n" +
                    line_diff(*committed, file.text);
      same = false;
    }
  }
  return same;
}

// A file in the bundle's folder that derivation does not produce (overlay.json is its input).
bool check_nothing_else(const std::vector<DerivedFile>& files, const fs::path& folder,
                        DeriveResult& result) {
  std::error_code ec;
  if (!fs::is_directory(folder, ec)) return true;
  std::vector<std::string> stale;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    std::string name = entry.path().filename().string();
    if (name == "overlay.json") continue;
    bool derived = std::any_of(files.begin(), files.end(), [&](const DerivedFile& f) {
      return fs::path(f.path).filename().string() == name;
    });
    if (!derived) stale.push_back((folder / name).string());
  }
  std::sort(stale.begin(), stale.end());
  for (const auto& path : stale)
    result.out += "drift: " + path + " is not produced by derivation\n";
  return stale.empty();
}

void write_files(const std::vector<DerivedFile>& files, const std::string& out_dir,
                 DeriveResult& result) {
  for (const auto& file : files) {
    fs::path path = fs::path(out_dir) / file.path;
    fs::create_directories(path.parent_path());
    std::ofstream out(path, std::ios::binary);
    out << file.text;
    if (!out) throw DeriveError(path.string() + ": cannot write");
    result.out += "wrote " + path.string() + "\n";
  }
}

// "contract bigin-mail: page: method, path, ...; overlay: title, ...; default: open_points".
std::string origins_line(const std::string& api, const ContractDerivation& derivation) {
  std::string line = "contract " + api + ":";
  for (FieldOrigin origin : {FieldOrigin::kPage, FieldOrigin::kPageAndOverlay,
                             FieldOrigin::kOverlay, FieldOrigin::kDefault}) {
    std::string keys;
    size_t n = 0;
    for (const auto& [key, from] : derivation.origins) {
      if (from != origin) continue;
      keys += (keys.empty() ? "" : ", ") + key;
      ++n;
    }
    if (n)
      line += std::string(" ") + origin_name(origin) + " " + std::to_string(n) + " (" + keys + ");";
  }
  if (line.back() == ';') line.pop_back();
  return line + "\n";
}

std::vector<DocPage> read_pages(const DeriveRequest& request, DeriveResult& result) {
  std::vector<DocPage> pages;
  for (const auto& doc : request.docs) {
    auto bytes = read_text_file(doc);
    if (!bytes || fs::is_directory(doc)) {
      result.err += doc + ": cannot read the file\n";
      result.exit_code = 2;
      continue;
    }
    PageRead read = read_page(doc, *bytes);
    if (!read.page) {
      result.err += read.error + "\n";
      result.exit_code = 2;
      continue;
    }
    pages.push_back(std::move(*read.page));
  }
  return pages;
}

void derive_pages(const std::vector<DocPage>& pages, const DeriveRequest& request,
                  DeriveResult& result) {
  auto overlays = load_overlays(request.out_dir);
  bool drift = false;
  for (const auto& page : pages) {
    Overlay overlay = overlay_for(page, overlays, request);
    DerivedBundle bundle = derive_bundle(page, overlay);
    const auto& files = bundle.files;
    for (const auto& missing : bundle.contract.missing)
      result.err += "derive: " + overlay.api + ": " + missing + "\n";
    if (request.check) {
      drift = !check_files(files, request.out_dir, result) || drift;
      drift = !check_nothing_else(files, fs::path(request.out_dir) / overlay.api, result) || drift;
      if (request.fixtures_out)
        drift = !check_files(bundle.fixtures, *request.fixtures_out, result) || drift;
    } else {
      write_files(files, request.out_dir, result);
      if (request.fixtures_out) write_files(bundle.fixtures, *request.fixtures_out, result);
      result.out += origins_line(overlay.api, bundle.contract);
    }
  }
  if (request.check && !drift)
    result.out += "derive --check: " + std::to_string(pages.size()) + " page(s), no drift\n";
  if (drift) result.exit_code = 1;
}

}  // namespace

DeriveResult run_derive_request(const DeriveRequest& request) {
  DeriveResult result;
  try {
    if (request.docs.empty()) throw DeriveError("derive needs at least one DOC file");
    if (request.api && request.docs.size() > 1) throw DeriveError("--api takes one DOC only");
    auto pages = read_pages(request, result);
    if (result.exit_code == 2) return result;
    if (request.lint) {
      auto findings = lint_pages(pages);
      for (const auto& f : findings) result.out += format_finding(f) + "\n";
      result.out += "lint: " + std::to_string(findings.size()) + " finding(s) in " +
                    std::to_string(pages.size()) + " page(s)\n";
      if (!findings.empty()) result.exit_code = 1;
      if (!request.check) return result;
    }
    derive_pages(pages, request, result);
  } catch (const DeriveError& e) {
    result.err += std::string("derive: ") + e.what() + "\n";
    result.exit_code = 2;
  } catch (const std::exception& e) {
    result.err += std::string("derive: internal error: ") + e.what() + "\n";
    result.exit_code = 2;
  }
  return result;
}

}  // namespace conform::derive
