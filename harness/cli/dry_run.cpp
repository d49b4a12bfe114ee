#include "cli/dry_run.hpp"

namespace conform {

size_t print_dry_run(const CaseSource& source, const SendGuard& guard, const Redactor& redactor,
                     const std::string& base_url, std::ostream& out) {
  size_t printed = 0;
  for (size_t i = 0; i < source.size(); ++i) {
    ReplayCase made, rewritten;
    const ReplayCase* c = source.at(i, made);
    if (!c) continue;
    Admission admission = guard.inspect(*c, rewritten);
    if (!admission.send) {
      out << "# " << redactor.scrub(c->id) << ": " << redactor.scrub(admission.refusal) << "\n";
      continue;
    }
    HttpRequest request = admission.send->request;
    redactor.redact(request);
    out << "# " << redactor.scrub(c->id) << ": " << case_expectation(*c) << "\n"
        << curl_command(base_url, request) << "\n";
    ++printed;
  }
  out << std::flush;
  return printed;
}

}  // namespace conform
