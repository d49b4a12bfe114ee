#pragma once
/// Plain value types shared by every module. No I/O, no library headers beyond the STL.
#include <string>
#include <vector>

namespace conform {

/// One documented fact that a request, a response or a server must keep.
struct Requirement {
  std::string id;        ///< stable id, e.g. `whippy-email.sender_email.invalid-422`
  std::string summary;   ///< one short sentence in our own words
  std::string locator;   ///< `<snapshot>:<line>` of the page that states it
  std::string inferred;  ///< why, when the fact does not come from the page; empty otherwise
};

/// One rule of a schema that a document breaks.
struct Violation {
  std::string pointer;          ///< RFC 6901 pointer of the offending (or missing) value
  std::string keyword;          ///< schema keyword: required, type, enum, format, ...
  std::string message;          ///< a sentence for people
  std::string requirement;      ///< id of the requirement the rule belongs to
  std::string locator;          ///< doc line of that rule, when known
  bool settled = true;          ///< false: the rule is the acceptance core's, not the page's (open)
  std::string open_point = {};  ///< for an open rule: the id of its open point in the register
};

/// A point a page leaves open: either permitted answer passes, and the harness only observes.
struct OpenPoint {
  std::string id;     ///< e.g. `null-as-absent`, unique within the contract
  std::string where;  ///< locator in the payload or exchange: a pointer pattern or a topic
  std::vector<std::string> permitted;  ///< the answers a conforming server may give
  std::string sentence;                ///< why it is open, in one sentence
  std::string locator;                 ///< the page line that leaves it open ("" when general)
};

/// Which side of an exchange a document is.
enum class PayloadKind { request, response };

/// How one API checks `format: email` (each page settles it differently).
struct EmailPolicy {
  bool require_domain_dot = false;  ///< `invalid@something` is malformed when true
  bool allow_empty = false;         ///< "" passes when true (the page treats it as absent)
};

}  // namespace conform
