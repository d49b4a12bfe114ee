#pragma once
/// The request line facts a page states outside its tables: the method, the path (with its
/// query names), path parameter examples from a sample URL, the auth scheme and the statuses.
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "derive/doc_table.hpp"

namespace conform::derive {

/// A fact and the page line it was read from.
struct LineFact {
  std::string value;
  int line = 0;
};

/// The credential the page shows: a header and the prefixes a valid value starts with.
struct AuthFact {
  std::string header;
  std::vector<std::string> prefixes;
  std::string placeholder;
  int line = 0;
};

/// A status code the page states, with what it means.
struct StatusFact {
  int code = 0;
  std::string when;
  int line = 0;
};

/// Everything `read_page_facts` found; empty members are facts the page does not state.
struct PageFacts {
  std::optional<LineFact> method;
  std::optional<LineFact> path;                   ///< a template like `/v2/{id}/send`
  std::vector<std::string> query_names;           ///< from `?a={a}&b=...` on the path's line
  std::map<std::string, LineFact> path_examples;  ///< from a sample URL matching the template
  std::optional<AuthFact> auth;
  std::vector<StatusFact> statuses;
};

/// Reads the facts of a parsed page. Never throws.
PageFacts read_page_facts(const DocPage& page);

/// The concrete path of a URL or path text (`https://h/x/y?q` → `/x/y`), "" when none.
std::string url_path(const std::string& url);

}  // namespace conform::derive
