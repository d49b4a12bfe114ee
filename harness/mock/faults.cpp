#include "mock/faults.hpp"

#include <stdexcept>

namespace conform {

// Each description says what the mock does, never what a page says: which requirement that breaks
// at which API (and whether the page states it or the contract infers it) is read from the
// contracts by fault_verdicts, so `--list-faults` cannot claim more than they settle.
const std::vector<FaultSpec>& fault_table() {
  static const std::vector<FaultSpec> table = {
      {Fault::whippy_sender_email_400, "whippy-sender-email-400", "documented_status",
       "whippy-email", "an invalid sender_email gets 400 instead of 422",
       "whippy-email.sender_email.invalid-422"},
      {Fault::server_error_on_malformed_json, "server-error-on-malformed-json",
       "not_a_server_error", "*",
       "a body that is not JSON (or nests too deep) gets 500 instead of a refusal",
       "{api}.rejection"},
      {Fault::server_error_on_invalid, "server-error-on-invalid", "not_a_server_error", "*",
       "a request that breaks a settled rule gets 500 instead of a refusal", "{api}.rejection"},
      {Fault::accept_invalid, "accept-invalid", "negative_data_rejection", "*",
       "a body that breaks a settled rule is accepted with a success response", "{api}.rejection"},
      {Fault::accept_unknown_module, "accept-unknown-module", "negative_data_rejection",
       "bigin-mail", "a module_api_name outside Contacts/Pipelines/Accounts is accepted",
       "bigin-mail.module_api_name"},
      {Fault::reject_valid, "reject-valid", "positive_data_acceptance", "*",
       "every valid request (page examples, acceptance core) is refused with the API's error "
       "status"},
      {Fault::capillary_item_errors, "capillary-item-errors", "positive_data_acceptance",
       "capillary-message",
       "valid messages get 200 but every echoed item carries an error (a body-form rejection)"},
      {Fault::channel_case_sensitive, "channel-case-sensitive", "positive_data_acceptance",
       "capillary-message", "channel is matched case-sensitively: ?channel=SMS gets 400",
       "capillary-message.channel.case-insensitive"},
      {Fault::channel_default_email, "channel-default-email", "positive_data_acceptance",
       "capillary-message", "without ?channel the body is read as email instead of sms",
       "capillary-message.channel.default-sms"},
      {Fault::bigin_response_missing_details, "bigin-response-missing-details",
       "response_schema_conformance", "bigin-mail",
       "success items lack code and details (so no message_id)", "bigin-mail.response", "", true},
      {Fault::genesys_status_code_string, "genesys-status-code-string",
       "response_schema_conformance", "genesys-email",
       "the success body is {\"statusCode\":\"0\"}: a string, not an integer",
       "genesys-email.response", "", true},
      {Fault::capillary_success_as_string, "capillary-success-as-string",
       "response_schema_conformance", "capillary-email,capillary-message",
       "status.success is the string \"true\" instead of a boolean", "{api}.response", "", true},
      {Fault::success_202, "success-202", "status_code_conformance", "*",
       "success is answered 202 instead of 200", "{api}.response", "success-status", true},
      {Fault::text_plain_success, "text-plain-success", "content_type_conformance", "*",
       "success bodies are JSON but sent as Content-Type text/plain", "{api}.response", "", true},
      {Fault::ignore_auth, "ignore-auth", "auth_required", "*",
       "requests without (or with malformed) credentials are served instead of refused",
       "{api}.auth"},
      {Fault::slow_responses, "slow-responses", "response_time", "*",
       "every response is delayed by 300 ms; no page sets a time, so only --max-response-time "
       "fails it"},
      {Fault::bigin_message_id_missing, "bigin-message-id-missing", "response_schema_conformance",
       "bigin-mail", "success items keep code and details, but details lacks the message_id",
       "bigin-mail.response", "", true},
      {Fault::genesys_operation_name_optional, "genesys-operation-name-optional",
       "negative_data_rejection", "genesys-email",
       "a request without the required constant operationName is accepted",
       "genesys-email.operationName"},
      {Fault::capillary_email_no_wrapper, "capillary-email-no-wrapper",
       "response_schema_conformance", "capillary-email",
       "the success body has status and email at the top level, without the response wrapper",
       "capillary-email.response", "", true},
      {Fault::server_error_on_long_text, "server-error-on-long-text", "not_a_server_error",
       "whippy-email",
       "a sender_name over 1000 code points or with a non-ASCII character gets 500, not a 4xx"},
  };
  return table;
}

const FaultSpec* find_fault(const std::string& name) {
  for (const auto& spec : fault_table()) {
    if (name == spec.name) return &spec;
  }
  return nullptr;
}

FaultSet FaultSet::from_names(const std::vector<std::string>& names) {
  FaultSet set;
  for (const auto& name : names) {
    const FaultSpec* spec = find_fault(name);
    if (!spec) throw std::invalid_argument("unknown fault '" + name + "' (see --list-faults)");
    set.add(spec->fault);
  }
  return set;
}

}  // namespace conform
