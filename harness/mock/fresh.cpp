#include "mock/fresh.hpp"

#include <chrono>
#include <ctime>
#include <functional>
#include <random>
#include <thread>

namespace conform {
namespace {

std::mt19937_64& generator() {
  thread_local std::mt19937_64 engine([] {
    std::random_device device;
    auto thread_salt = std::hash<std::thread::id>{}(std::this_thread::get_id());
    return (static_cast<unsigned long long>(device()) << 32) ^ device() ^ thread_salt;
  }());
  return engine;
}

std::string format_now(const char* pattern) {
  std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm parts{};
  gmtime_r(&now, &parts);
  char buffer[64];
  size_t n = std::strftime(buffer, sizeof buffer, pattern, &parts);
  return std::string(buffer, n);
}

}  // namespace

std::string fresh_hex(size_t length) {
  static const char* digits = "0123456789abcdef";
  std::string out(length, '0');
  unsigned long long bits = 0;
  for (size_t i = 0; i < length; ++i) {
    if (i % 16 == 0) bits = generator()();
    out[i] = digits[bits & 15];
    bits >>= 4;
  }
  return out;
}

std::string fresh_uuid() {
  std::string hex = fresh_hex(32);
  hex[12] = '4';
  hex[16] = "89ab"[hex[16] % 4];
  return hex.substr(0, 8) + "-" + hex.substr(8, 4) + "-" + hex.substr(12, 4) + "-" +
         hex.substr(16, 4) + "-" + hex.substr(20);
}

std::string fresh_decimal(size_t length) {
  std::string out(length, '0');
  for (size_t i = 0; i < length; ++i) {
    out[i] = static_cast<char>('0' + generator()() % 10);
  }
  if (!out.empty() && out[0] == '0') out[0] = '1';
  return out;
}

std::string now_rfc3339() {
  return format_now("%Y-%m-%dT%H:%M:%SZ");
}

std::string now_capillary() {
  return format_now("%Y-%m-%d %H:%M:%S::+00:00");
}

}  // namespace conform
