#pragma once
/// Which raw errors are leaf causes: one rule, shared by the reference path (valijson's errors)
/// and the compiled program (its RawErrors), so that the two report the same pointers.
#include <algorithm>
#include <string>
#include <vector>

namespace conform {

/// True when `pointer` is `ancestor` or lies under it.
inline bool pointer_is_under(const std::string& pointer, const std::string& ancestor) {
  return pointer == ancestor ||
         (pointer.size() > ancestor.size() && pointer.compare(0, ancestor.size(), ancestor) == 0 &&
          pointer[ancestor.size()] == '/');
}

/// Cascades go. Under an anyOf/oneOf at P, errors at P itself (the other branches' type
/// mismatches) go, errors deeper than P stay, and the summary at P stays only when nothing
/// deeper (other than another summary) explains it. `E` has a `pointer`.
template <class E, class IsAlternative, class IsCascade>
std::vector<E> leaf_filter(const std::vector<E>& raw, IsAlternative is_alternative,
                           IsCascade is_cascade) {
  std::vector<std::string> alternatives;
  for (const auto& e : raw) {
    if (is_alternative(e)) alternatives.push_back(e.pointer);
  }
  auto deeper_than = [&](const std::string& p) {
    return std::any_of(raw.begin(), raw.end(), [&](const E& e) {
      return !is_cascade(e) && !is_alternative(e) && e.pointer != p &&
             pointer_is_under(e.pointer, p);
    });
  };
  std::vector<E> out;
  for (const auto& e : raw) {
    if (is_cascade(e)) continue;
    if (is_alternative(e)) {
      if (!deeper_than(e.pointer)) out.push_back(e);
      continue;
    }
    bool at_an_alternative =
        std::find(alternatives.begin(), alternatives.end(), e.pointer) != alternatives.end();
    if (!at_an_alternative) out.push_back(e);
  }
  return out;
}

}  // namespace conform
