#include "cli/safety_flags.hpp"

#include <algorithm>
#include <cctype>

#include "cli/flag_checks.hpp"
#include "cli/usage_error.hpp"
#include "engine/recipient_pattern.hpp"
#include "validate/formats.hpp"

namespace conform {
namespace {

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_loopback_ipv4(const std::string& host) {
  int parts = 0;
  size_t start = 0;
  while (start <= host.size() && parts < 5) {
    size_t dot = host.find('.', start);
    if (dot == std::string::npos) dot = host.size();
    std::string part = host.substr(start, dot - start);
    bool digits =
        !part.empty() && part.size() <= 3 &&
        std::all_of(part.begin(), part.end(), [](unsigned char c) { return std::isdigit(c); });
    if (!digits || std::stoi(part) > 255 || (parts == 0 && part != "127")) return false;
    ++parts;
    start = dot + 1;
  }
  return parts == 4;
}

void check_sinks(const SafetyFlagValues& flags) {
  if (const auto& email = flags.recipient) {
    if (!is_plain_address(*email) || !check_email(*email, EmailPolicy{true, false}).empty())
      throw UsageError("--recipient takes one email address, such as sink@example.com, got '" +
                       *email + "'");
  }
  if (const auto& phone = flags.recipient_phone) {
    if (!check_phone(*phone).empty())
      throw UsageError(
          "--recipient-phone takes one phone number (an optional + and 6 to 15 digits), got '" +
          *phone + "'");
  }
  for (const auto& pattern : flags.allowed) {
    if (pattern.empty())
      throw UsageError("--allow-recipient takes a pattern such as '*@sink.example.com'");
  }
}

}  // namespace

bool is_loopback_host(const std::string& host) {
  std::string name = lower(host);
  if (name.size() > 2 && name.front() == '[' && name.back() == ']')
    name = name.substr(1, name.size() - 2);
  if (name.ends_with(".")) name.pop_back();
  return name == "localhost" || name == "::1" || name == "0:0:0:0:0:0:0:1" ||
         is_loopback_ipv4(name);
}

void add_safety_flags(CLI::App& app, SafetyFlagValues& flags) {
  app.add_flag("--live", flags.live,
               "allow a target that is not on loopback (127.0.0.0/8, ::1, localhost):\n"
               "its positive cases send real messages to the recipients in them, so a\n"
               "live run also needs --recipient/--recipient-phone or --allow-recipient");
  app.add_option("--recipient", flags.recipient,
                 "rewrite every email recipient field (the contract's \"recipients\") of\n"
                 "every case to this sink address before sending; a field a negative\n"
                 "case breaks on purpose is kept, and the recipient check decides")
      ->type_name("ADDRESS");
  app.add_option("--recipient-phone", flags.recipient_phone,
                 "the same for phone recipient fields (SMS, WhatsApp, Zalo)")
      ->type_name("NUMBER");
  add_repeatable(app, "--allow-recipient", flags.allowed, "PATTERN",
                 "send only cases whose every recipient is a sink or matches a glob such\n"
                 "as '*@sink.example.com' (repeatable; * never matches @ , ; < > or\n"
                 "spaces); any other case is SKIP, not sent");
  app.add_flag("--dry-run", flags.dry_run,
               "build every case (recipients rewritten) and print it as a curl line,\n"
               "credentials redacted; connect to nothing, send nothing, exit 0");
  add_value(app, "--max-sends", flags.max_sends, "N",
            "send at most N requests (every case counts, the no-credential probes\n"
            "too, and fuzz's shrink requests); the rest are SKIP, not sent, and the\n"
            "summary says so")
      ->check(whole_number(1, 1000000000));
}

SendPolicy send_policy(const SafetyFlagValues& flags, const std::optional<Target>& target,
                       bool sends) {
  check_sinks(flags);
  SendPolicy policy;
  policy.email_sink = flags.recipient.value_or("");
  policy.phone_sink = flags.recipient_phone.value_or("");
  policy.allowed = flags.allowed;
  policy.max_sends = flags.max_sends;
  policy.check_recipients = !flags.allowed.empty();
  if (!target || !sends || is_loopback_host(target->host)) return policy;
  if (!flags.live) {
    throw UsageError(
        "the target " + target->host +
        " is not on loopback, and against a real send-email/SMS API "
        "every positive case sends real messages to the recipients in it: pass --live (with "
        "--recipient or --allow-recipient) to mean it, or --dry-run to see what would be sent");
  }
  if (!flags.recipient && !flags.recipient_phone && flags.allowed.empty()) {
    throw UsageError(
        "a --live run must say where its messages may go: --recipient ADDRESS (and "
        "--recipient-phone NUMBER) rewrites every recipient to your sink, --allow-recipient "
        "PATTERN refuses any case that would reach anyone else");
  }
  policy.check_recipients = true;
  return policy;
}

void say_guard_counts(const SendGuard& guard, const std::string& command, std::ostream& err) {
  if (!guard.policy().active()) return;
  GuardCounts n = guard.counts();
  err << command << ": safety: " << n.sent << " sent (" << n.rewritten
      << " with recipients rewritten), " << n.refused
      << " not sent for a recipient outside the allowed ones";
  if (guard.policy().max_sends > 0)
    err << ", " << n.capped << " not sent after --max-sends " << guard.policy().max_sends
        << " was reached";
  err << "\n";
}

}  // namespace conform
