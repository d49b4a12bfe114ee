#pragma once
/// Named ways the mock breaks its contracts on purpose (`--fault NAME`), and the one table of them.
#include <bitset>
#include <cstddef>
#include <string>
#include <vector>

namespace conform {

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

/// One row of the fault table: what `--fault NAME` breaks, and which replay check must notice.
struct FaultSpec {
  Fault fault;
  const char* name;            ///< stable name for `--fault`
  const char* expected_check;  ///< the check (DESIGN.md names) that should catch it
  const char* apis;            ///< the API ids it affects, comma-separated; "*" for all
  const char* description;     ///< one sentence, printed by `--list-faults`
};

/// Every fault, in the order `conform mock --list-faults` prints them.
const std::vector<FaultSpec>& fault_table();

/// The row named `name`, or nullptr.
const FaultSpec* find_fault(const std::string& name);

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
