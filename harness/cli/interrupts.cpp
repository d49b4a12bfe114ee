#include "cli/interrupts.hpp"

#include <unistd.h>
#include <csignal>
#include <ctime>

namespace conform {
namespace {

std::atomic<int> interrupt_signal{0};
std::atomic<long long> first_signal_ms{0};

long long monotonic_ms() {
  timespec now{};
  clock_gettime(CLOCK_MONOTONIC, &now);  // async-signal-safe
  return static_cast<long long>(now.tv_sec) * 1000 + now.tv_nsec / 1000000;
}

/// Async-signal-safe. The first signal asks the run to stop. A signal within a second of it is
/// the same request delivered twice (`timeout` and CI runners signal the process and its
/// group); a later one means "now", and ends the process as the default action would.
void on_signal(int signal_number) {
  int none = 0;
  if (interrupt_signal.compare_exchange_strong(none, signal_number)) {
    first_signal_ms.store(monotonic_ms());
    return;
  }
  if (monotonic_ms() - first_signal_ms.load() > 1000) _exit(128 + signal_number);
}

}  // namespace

void catch_interrupts() {
  struct sigaction action = {};
  action.sa_handler = on_signal;
  action.sa_flags =
      SA_RESTART;  // the requests in flight go on: their reads and writes are restarted
  sigemptyset(&action.sa_mask);
  sigaction(SIGINT, &action, nullptr);
  sigaction(SIGTERM, &action, nullptr);
}

const std::atomic<int>& run_interrupt() {
  return interrupt_signal;
}

int interrupted_exit_code(int signal_number) {
  return 128 + signal_number;
}

}  // namespace conform
