#include "validate/formats.hpp"

#include <cctype>

#include <cstring>

namespace conform {
namespace {

bool is_alnum(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
}

bool is_atext(char c) {
  return is_alnum(c) || std::strchr("!#$%&'*+-/=?^_`{|}~", c) != nullptr;
}

std::string check_local_part(std::string_view local) {
  if (local.empty()) return "the part before @ is empty";
  if (local.size() > 64) return "the part before @ is longer than 64 characters";
  if (local.front() == '.' || local.back() == '.')
    return "the part before @ starts or ends with a dot";
  for (size_t i = 0; i < local.size(); ++i) {
    if (local[i] == '.' && i + 1 < local.size() && local[i + 1] == '.') return "two dots in a row";
    if (local[i] != '.' && !is_atext(local[i])) return "a character not allowed before @";
  }
  return "";
}

std::string check_label(std::string_view label) {
  if (label.empty()) return "an empty domain label";
  if (label.size() > 63) return "a domain label longer than 63 characters";
  if (label.front() == '-' || label.back() == '-') return "a domain label starts or ends with '-'";
  for (char c : label) {
    if (!is_alnum(c) && c != '-') return "a character not allowed in the domain";
  }
  return "";
}

std::string check_domain(std::string_view domain, bool require_dot) {
  if (domain.empty()) return "the domain is empty";
  if (domain.size() > 253) return "the domain is longer than 253 characters";
  size_t labels = 0;
  size_t start = 0;
  while (true) {
    size_t dot = domain.find('.', start);
    std::string why = check_label(domain.substr(start, dot - start));
    if (!why.empty()) return why;
    ++labels;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  if (require_dot && labels < 2) return "the domain has no dot";
  return "";
}

bool digits(std::string_view s, size_t at, size_t count, int& value) {
  if (at + count > s.size()) return false;
  value = 0;
  for (size_t i = at; i < at + count; ++i) {
    if (s[i] < '0' || s[i] > '9') return false;
    value = value * 10 + (s[i] - '0');
  }
  return true;
}

int days_in_month(int year, int month) {
  static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  bool leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
  return month == 2 && leap ? 29 : days[month - 1];
}

std::string check_date(std::string_view s) {
  int year, month, day;
  if (!digits(s, 0, 4, year) || s.size() < 10 || s[4] != '-' || !digits(s, 5, 2, month) ||
      s[7] != '-' || !digits(s, 8, 2, day)) {
    return "expected a date as YYYY-MM-DD";
  }
  if (month < 1 || month > 12) return "the month is out of range";
  if (day < 1 || day > days_in_month(year, month)) return "the day is out of range";
  return "";
}

std::string check_offset(std::string_view s) {
  if (s == "Z" || s == "z") return "";
  int hours, minutes;
  if (s.size() != 6 || (s[0] != '+' && s[0] != '-') || !digits(s, 1, 2, hours) || s[3] != ':' ||
      !digits(s, 4, 2, minutes)) {
    return "expected a time zone offset as Z or +HH:MM";
  }
  if (hours > 23 || minutes > 59) return "the time zone offset is out of range";
  return "";
}

std::string check_time(std::string_view s) {
  int hour, minute, second;
  if (!digits(s, 0, 2, hour) || s.size() < 8 || s[2] != ':' || !digits(s, 3, 2, minute) ||
      s[5] != ':' || !digits(s, 6, 2, second)) {
    return "expected a time as HH:MM:SS";
  }
  if (hour > 23 || minute > 59 || second > 60) return "the time is out of range";
  size_t at = 8;
  if (at < s.size() && s[at] == '.') {
    size_t first = ++at;
    while (at < s.size() && s[at] >= '0' && s[at] <= '9') ++at;
    if (at == first) return "a decimal point with no fraction digits";
  }
  return check_offset(s.substr(at));
}

}  // namespace

std::string check_email(std::string_view value, const EmailPolicy& policy) {
  if (value.empty()) return policy.allow_empty ? "" : "an empty string is not an email address";
  size_t at = value.rfind('@');
  if (at == std::string_view::npos) return "no @ in the address";
  if (value.find('@') != at) return "more than one @ in the address";
  std::string why = check_local_part(value.substr(0, at));
  if (!why.empty()) return why;
  return check_domain(value.substr(at + 1), policy.require_domain_dot);
}

std::string check_date_time(std::string_view value) {
  if (value.size() < 20) return "too short for an RFC 3339 date-time";
  std::string why = check_date(value.substr(0, 10));
  if (!why.empty()) return why;
  if (value[10] != 'T' && value[10] != 't') return "expected 'T' between the date and the time";
  return check_time(value.substr(11));
}

}  // namespace conform

namespace conform {

std::string check_phone(std::string_view value) {
  std::string_view digits = value.substr(!value.empty() && value.front() == '+' ? 1 : 0);
  if (digits.size() < 6 || digits.size() > 15) return "a phone number has 6 to 15 digits";
  for (char c : digits) {
    if (c < '0' || c > '9') return "a phone number is digits, with an optional leading +";
  }
  return "";
}

std::string check_url(std::string_view value) {
  size_t scheme = value.starts_with("https://") ? 8 : value.starts_with("http://") ? 7 : 0;
  if (scheme == 0) return "a URL starts with https:// (or http://)";
  std::string_view rest = value.substr(scheme);
  std::string_view host = rest.substr(0, rest.find('/'));
  if (host.empty()) return "the URL has no host";
  for (char c : value) {
    if (static_cast<unsigned char>(c) <= ' ') return "a URL has no spaces or control characters";
  }
  return "";
}

namespace {

bool mime_token_char(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) ||
         std::string_view("!#$&^_.+-").find(c) != std::string_view::npos;
}

}  // namespace

std::string check_mime_type(std::string_view value) {
  size_t slash = value.find('/');
  if (slash == std::string_view::npos || slash == 0 || slash + 1 == value.size())
    return "a MIME type is type/subtype";
  for (size_t i = 0; i < value.size(); ++i) {
    if (i != slash && !mime_token_char(value[i]))
      return "a MIME type has no spaces or separators besides one /";
  }
  return "";
}

std::string check_base64(std::string_view value) {
  if (value.empty() || value.size() % 4 != 0)
    return "base64 text comes in groups of four characters";
  size_t pad = value.size() - value.find_last_not_of('=') - 1;
  if (pad > 2) return "base64 text ends with at most two =";
  for (size_t i = 0; i + pad < value.size(); ++i) {
    char c = value[i];
    if (!std::isalnum(static_cast<unsigned char>(c)) && c != '+' && c != '/')
      return "not a base64 character";
  }
  return "";
}

std::string check_format(const std::string& format, std::string_view value,
                         const EmailPolicy& policy) {
  if (format == "email") return check_email(value, policy);
  if (format == "date-time") return check_date_time(value);
  if (format == "phone") return check_phone(value);
  if (format == "url") return check_url(value);
  if (format == "mime-type") return check_mime_type(value);
  if (format == "base64") return check_base64(value);
  return "";
}

bool is_known_format(const std::string& format) {
  return format == "email" || format == "date-time" || format == "phone" || format == "url" ||
         format == "mime-type" || format == "base64";
}

}  // namespace conform
