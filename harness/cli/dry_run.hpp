#pragma once
/// `--dry-run`: every case a run would send, as a curl line, with nothing sent.
#include <ostream>
#include <string>

#include "engine/case_source.hpp"
#include "engine/send_guard.hpp"
#include "http/redact.hpp"

namespace conform {

/// Writes, for each case of `source`, a `# <id>: <what it must get>` line and the curl command
/// of the request as the run would send it: recipients rewritten by `guard`, credentials
/// redacted. A case the guard would refuse is a `# <id>: not sent: ...` line instead.
/// `--max-sends` is not applied (nothing is sent). Connects to nothing. Returns how many curl
/// lines it wrote.
size_t print_dry_run(const CaseSource& source, const SendGuard& guard, const Redactor& redactor,
                     const std::string& base_url, std::ostream& out);

}  // namespace conform
