#pragma once
/// SIGINT and SIGTERM during a run: the first asks the run to stop (no case starts after it,
/// the ones in flight finish, the summary and every report are written, marked interrupted);
/// another one more than a second later ends the process at once, as the default action would.
#include <atomic>

namespace conform {

/// Installs the handlers; from then on the signal's number lands in `run_interrupt()`.
void catch_interrupts();

/// 0 until SIGINT or SIGTERM arrives, then that signal's number.
const std::atomic<int>& run_interrupt();

/// The exit code of a run a signal stopped: 128 + the signal's number (130 for SIGINT, 143 for
/// SIGTERM), as a shell reports a process the signal killed.
int interrupted_exit_code(int signal_number);

}  // namespace conform
