#include "derive/page_facts.hpp"

#include <regex>

#include "derive/page.hpp"
#include "derive/text.hpp"

namespace conform::derive {
namespace {

const std::regex kMethodWord(R"(\b(GET|POST|PUT|PATCH|DELETE)\b)");
const std::regex kMethodLabel(R"(^\W*(HTTP\s+)?method\b)", std::regex::icase);
const std::regex kRequestLine(R"(^(GET|POST|PUT|PATCH|DELETE)\s+(\S+)$)");
const std::regex kCurlMethod(R"((-X|--request)\s+"?(GET|POST|PUT|PATCH|DELETE)\b)");
const std::regex kPathToken(
    R"(^(?:(?:https?://|\{[A-Za-z_-]+\})[^/\s]*)?(/[A-Za-z0-9_{}.~%-]+)+/?(\?\S*)?$)");
const std::regex kUrl(R"(https?://[^\s"'<>)\]]+)");
const std::regex kAuthHeader(R"(\bAuthorization:\s*([A-Za-z][A-Za-z0-9_-]*)\s+\S)");
const std::regex kKeyHeader(
    R"(-H\s+["']([A-Za-z0-9-]*(?:[Kk]ey|[Tt]oken)[A-Za-z0-9-]*):\s*[^"']+["'])");
const std::regex kAuthWords(R"(^\W*Authentication\b.*\b(Basic|Bearer)\b)", std::regex::icase);
const std::regex kStatusLine(
    R"(^(?:HTTP/[0-9.]+\s+)?([1-5][0-9][0-9])(?:\s+[A-Z][A-Za-z]*(?:\s[A-Z][A-Za-z]*)*)?(?:\s*[-:|\t]\s*(.*\S))?$)");

// Lines longer than this are not read for facts (std::regex recurses per character).
constexpr size_t kLongestFactLine = 1000;

// A page line without markdown escapes, backticks, link brackets and table pipes.
std::string plain(const std::string& line) {
  std::string t = unescape_markdown(line);
  for (char& c : t) {
    if (c == '`' || c == '|') c = ' ';
  }
  return trim(t);
}

std::vector<std::string> tokens_of(const std::string& text) {
  std::vector<std::string> out;
  std::string cur;
  for (char c : text) {
    if (c == ' ' || c == '\t') {
      if (!cur.empty()) out.push_back(cur);
      cur.clear();
    } else {
      cur += c;
    }
  }
  if (!cur.empty()) out.push_back(cur);
  return out;
}

// A path template candidate: the last token of a short line (a label may precede it).
std::optional<std::string> path_token(const std::string& line) {
  auto tokens = tokens_of(plain(line));
  if (tokens.empty() || tokens.size() > 3) return std::nullopt;
  if (!std::regex_match(tokens.back(), kPathToken)) return std::nullopt;
  return tokens.back();
}

void read_path(const DocPage& page, PageFacts& facts) {
  std::optional<LineFact> plain_url;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (page.lines[i].size() > kLongestFactLine) continue;
    auto token = path_token(page.lines[i]);
    if (!token) continue;
    std::string path = url_path(*token);
    if (path.empty()) continue;
    LineFact fact{path, static_cast<int>(i + 1)};
    if (path.find('{') == std::string::npos) {
      if (!plain_url) plain_url = fact;
      continue;
    }
    facts.path = fact;
    auto q = token->find('?');
    if (q == std::string::npos) return;
    for (const auto& part : split_trim(token->substr(q + 1), '&')) {
      auto eq = part.find('=');
      facts.query_names.push_back(part.substr(0, eq));
    }
    return;
  }
  facts.path = plain_url;
}

void read_method(const DocPage& page, PageFacts& facts) {
  std::optional<LineFact> request_line, curl;
  std::smatch m;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (page.lines[i].size() > kLongestFactLine) continue;
    std::string t = plain(page.lines[i]);
    int line = static_cast<int>(i + 1);
    if (std::regex_search(t, kMethodLabel) && std::regex_search(t, m, kMethodWord)) {
      facts.method = LineFact{m[1].str(), line};
      return;
    }
    if (!request_line && std::regex_match(t, m, kRequestLine))
      request_line = LineFact{m[1].str(), line};
    if (!curl && std::regex_search(t, m, kCurlMethod)) curl = LineFact{m[2].str(), line};
  }
  facts.method = request_line ? request_line : curl;
}

// Path parameter values from the first sample URL whose path fits the template.
void read_examples(const DocPage& page, PageFacts& facts) {
  if (!facts.path) return;
  auto tmpl = split_trim(facts.path->value, '/');
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (page.lines[i].size() > kLongestFactLine) continue;
    std::smatch m;
    std::string sample_path;
    std::string t = plain(page.lines[i]);
    if (contains_ci(page.lines[i], "curl") && std::regex_search(page.lines[i], m, kUrl))
      sample_path = url_path(m[0].str());
    else if (std::regex_match(t, m, kRequestLine) && t.find('{') == std::string::npos)
      sample_path = "/" + m[2].str();
    if (sample_path.empty()) continue;
    auto parts = split_trim(sample_path, '/');
    if (parts.size() < tmpl.size()) continue;
    size_t off = parts.size() - tmpl.size();
    std::map<std::string, LineFact> found;
    bool fits = true;
    for (size_t k = 0; k < tmpl.size() && fits; ++k) {
      const std::string& t = tmpl[k];
      if (t.size() > 2 && t.front() == '{' && t.back() == '}')
        found[t.substr(1, t.size() - 2)] = {parts[off + k], static_cast<int>(i + 1)};
      else
        fits = t == parts[off + k];
    }
    if (!fits) continue;
    facts.path_examples = found;
    return;
  }
}

std::string placeholder_for(const std::string& prefix) {
  if (prefix == "Basic ") return "Basic Y29uZm9ybTpjb25mb3Jt";
  if (prefix.empty()) return "conform-placeholder-key";
  return prefix + "conform-placeholder-token";
}

void read_auth(const DocPage& page, PageFacts& facts) {
  std::smatch m;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (page.lines[i].size() > kLongestFactLine) continue;
    const std::string& line = page.lines[i];
    int n = static_cast<int>(i + 1);
    if (std::regex_search(line, m, kAuthHeader)) {
      std::string prefix = m[1].str() + " ";
      facts.auth = AuthFact{"Authorization", {prefix}, placeholder_for(prefix), n};
      return;
    }
    if (std::regex_search(line, m, kKeyHeader)) {
      facts.auth = AuthFact{m[1].str(), {""}, placeholder_for(""), n};
      return;
    }
    if (std::regex_search(line, m, kAuthWords)) {
      std::vector<std::string> prefixes;
      if (contains_ci(line, "basic")) prefixes.push_back("Basic ");
      if (contains_ci(line, "bearer") || contains_ci(line, "oauth")) prefixes.push_back("Bearer ");
      facts.auth = AuthFact{"Authorization", prefixes, placeholder_for(prefixes.front()), n};
      return;
    }
  }
}

// Status lines (`200 OK`, `| 422 | ... |`, `HTTP/1.1 201 Created`) under a heading about statuses.
void read_statuses(const DocPage& page, PageFacts& facts) {
  bool in_status_part = false;
  for (size_t i = 0; i < page.lines.size(); ++i) {
    if (page.lines[i].size() > kLongestFactLine) continue;
    std::string t = plain(page.lines[i]);
    std::smatch m;
    if (std::regex_match(t, m, kStatusLine) && in_status_part) {
      int code = std::stoi(m[1].str());
      std::string when = m[2].matched ? m[2].str() : (code < 300 ? "success" : "error");
      facts.statuses.push_back({code, when, static_cast<int>(i + 1)});
      continue;
    }
    bool marked = !t.empty() && t.front() == '#';
    std::string h = t;
    while (!h.empty() && h.front() == '#') h.erase(0, 1);
    h = trim(h);
    if (marked || is_heading_like(h))
      in_status_part = contains_ci(h, "status") || contains_ci(h, "response code");
  }
}

}  // namespace

std::string url_path(const std::string& url) {
  std::string rest = url;
  auto q = rest.find('?');
  if (q != std::string::npos) rest = rest.substr(0, q);
  auto scheme = rest.find("://");
  if (scheme != std::string::npos) {
    auto slash = rest.find('/', scheme + 3);
    rest = slash == std::string::npos ? "" : rest.substr(slash);
  } else if (!rest.empty() && rest.front() == '{') {
    auto slash = rest.find('/');
    rest = slash == std::string::npos ? "" : rest.substr(slash);
  }
  if (rest.size() > 1 && rest.back() == '/') rest.pop_back();
  return rest.size() > 1 && rest.front() == '/' ? rest : "";
}

PageFacts read_page_facts(const DocPage& page) {
  PageFacts facts;
  read_path(page, facts);
  read_method(page, facts);
  read_examples(page, facts);
  read_auth(page, facts);
  read_statuses(page, facts);
  return facts;
}

}  // namespace conform::derive
