#include "derive/diff.hpp"

#include <vector>

#include "derive/text.hpp"

namespace conform::derive {
namespace {

struct Edit {
  char op;  // ' ', '-', '+'
  std::string line;
};

std::vector<Edit> edits_of(const std::vector<std::string>& a, const std::vector<std::string>& b) {
  size_t n = a.size(), m = b.size();
  std::vector<std::vector<unsigned>> lcs(n + 1, std::vector<unsigned>(m + 1, 0));
  for (size_t i = n; i-- > 0;)
    for (size_t j = m; j-- > 0;)
      lcs[i][j] = a[i] == b[j] ? lcs[i + 1][j + 1] + 1 : std::max(lcs[i + 1][j], lcs[i][j + 1]);
  std::vector<Edit> edits;
  size_t i = 0, j = 0;
  while (i < n || j < m) {
    if (i < n && j < m && a[i] == b[j])
      edits.push_back({' ', a[i++]}), ++j;
    else if (j < m && (i == n || lcs[i][j + 1] >= lcs[i + 1][j]))
      edits.push_back({'+', b[j++]});
    else
      edits.push_back({'-', a[i++]});
  }
  return edits;
}

}  // namespace

std::string line_diff(const std::string& committed, const std::string& derived, size_t max_lines) {
  if (committed == derived) return "";
  auto a = split_lines(committed), b = split_lines(derived);
  if (a.size() * b.size() > 4'000'000) return "  (files too large to diff line by line)\n";
  auto edits = edits_of(a, b);
  std::vector<bool> show(edits.size(), false);
  for (size_t k = 0; k < edits.size(); ++k) {
    if (edits[k].op == ' ') continue;
    for (size_t c = (k >= 2 ? k - 2 : 0); c <= k + 2 && c < edits.size(); ++c) show[c] = true;
  }
  std::string out;
  size_t printed = 0, line_a = 1;
  bool gap = true;
  for (size_t k = 0; k < edits.size(); ++k) {
    if (show[k]) {
      if (gap) out += "@@ committed line " + std::to_string(line_a) + " @@\n";
      if (++printed > max_lines) return out + "  ... (diff cut)\n";
      out += edits[k].op + edits[k].line + "\n";
    }
    gap = !show[k];
    if (edits[k].op != '+') ++line_a;
  }
  return out;
}

}  // namespace conform::derive
