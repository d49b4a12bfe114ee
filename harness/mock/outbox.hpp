#pragma once
/// What the mock "sent": every accepted message, in memory and optionally in a JSON-lines file.
#include <cstddef>
#include <cstdio>
#include <deque>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

namespace conform {

/// Accepted messages. Thread-safe. Memory keeps the most recent `keep`; the count is exact.
class Outbox {
 public:
  /// Appends to `file` when it is not empty; throws std::runtime_error when it cannot be opened.
  Outbox(const std::string& file, size_t keep);
  ~Outbox();
  Outbox(const Outbox&) = delete;
  Outbox& operator=(const Outbox&) = delete;

  /// Records one message (gets a `seq`). The file line is written and flushed before it returns.
  void record(nlohmann::json entry);
  /// `{"count": N, "kept": K, "messages": [...]}`: N accepted since the last clear, the last K.
  nlohmann::json snapshot() const;
  /// Forgets every message in memory and resets the count; the file is left as it is.
  void clear();
  /// Messages accepted since start or the last clear.
  size_t count() const;

 private:
  mutable std::mutex mutex_;
  std::deque<nlohmann::json> kept_;
  size_t keep_;
  size_t count_ = 0;
  size_t seq_ = 0;
  std::FILE* file_ = nullptr;
};

}  // namespace conform
