#pragma once
/// Named ways the mock breaks its contracts on purpose (`--fault NAME`), and the one table of them.
#include <bitset>
#include <cstddef>
#include <string>
#include <vector>

namespace conform {

class Catalog;

/// A deliberate defect the mock can switch on. The table in faults.cpp describes each one.
enum class Fault : size_t {
  whippy_sender_email_400,
  server_error_on_malformed_json,
  server_error_on_invalid,
  accept_invalid,
  accept_unknown_module,
  reject_valid,
  capillary_item_errors,
  channel_case_sensitive,
  channel_default_email,
  bigin_response_missing_details,
  genesys_status_code_string,
  capillary_success_as_string,
  success_202,
  text_plain_success,
  ignore_auth,
  slow_responses,
  bigin_message_id_missing,
  genesys_operation_name_optional,
  capillary_email_no_wrapper,
  server_error_on_long_text,
  count_,  ///< not a fault: the number of faults
};

/// One row of the fault table: what `--fault NAME` does, what it breaks, and which replay check
/// must notice. What it means at each API is read from that API's contract (fault_verdicts).
struct FaultSpec {
  Fault fault;
  const char* name;            ///< stable name for `--fault`
  const char* expected_check;  ///< the check (DESIGN.md names) that should catch it
  const char* apis;            ///< the API ids it affects, comma-separated; "*" for all
  const char* description;     ///< what the mock does, one sentence printed by `--list-faults`
  /// The requirement it breaks, `{api}` standing for each affected API's id; "" when it breaks
  /// no one requirement (each case's own, or only conform's rules such as "never a 5xx").
  const char* breaks = "";
  /// An open point that permits it: at an API whose contract registers it, the fault is only
  /// OBSERVED ("" for none).
  const char* open_point = "";
  /// True when it changes the success response: where a page documents none, it is observed.
  bool touches_response = false;
};

/// Every fault, in the order `conform mock --list-faults` prints them.
const std::vector<FaultSpec>& fault_table();

/// The row named `name`, or nullptr.
const FaultSpec* find_fault(const std::string& name);

/// What a fault means at one API, read from that API's contract.
struct FaultVerdict {
  std::string api;
  std::string requirement;  ///< the settled requirement it breaks there; "" when none
  std::string locator;      ///< that requirement's doc locator ("" when it has none)
  bool inferred = false;    ///< the requirement is inferred, not stated by the page
  std::string permitted;    ///< why it never fails there ("permitted by open point success-status")
};

/// One verdict per API the fault affects (catalog order). Throws std::invalid_argument when the
/// row names a requirement or API the catalog lacks (a table bug the tests catch).
std::vector<FaultVerdict> fault_verdicts(const FaultSpec& spec, const Catalog& catalog);

/// The faults switched on for one mock.
class FaultSet {
 public:
  /// The faults with these names; throws std::invalid_argument naming the first unknown one.
  static FaultSet from_names(const std::vector<std::string>& names);
  /// True when `fault` is on.
  bool has(Fault fault) const { return bits_.test(static_cast<size_t>(fault)); }
  /// Switches `fault` on.
  void add(Fault fault) { bits_.set(static_cast<size_t>(fault)); }
  /// True when no fault is on.
  bool empty() const { return bits_.none(); }

 private:
  std::bitset<static_cast<size_t>(Fault::count_)> bits_;
};

}  // namespace conform
