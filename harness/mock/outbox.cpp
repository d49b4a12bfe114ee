#include "mock/outbox.hpp"

#include <stdexcept>

namespace conform {

Outbox::Outbox(const std::string& file, size_t keep) : keep_(keep) {
  if (file.empty()) return;
  file_ = std::fopen(file.c_str(), "a");
  if (!file_) throw std::runtime_error("cannot open outbox file '" + file + "' for appending");
}

Outbox::~Outbox() {
  if (file_) std::fclose(file_);
}

void Outbox::record(nlohmann::json entry) {
  nlohmann::json evicted;  // destroyed after the lock is released: freeing a message is not cheap
  std::lock_guard lock(mutex_);
  entry["seq"] = ++seq_;
  ++count_;
  if (file_) {
    // replace: a body accepted under a fault may hold invalid UTF-8, and dump must not throw.
    std::string line = entry.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
    line += '\n';
    std::fwrite(line.data(), 1, line.size(), file_);
    std::fflush(file_);
  }
  if (keep_ == 0) return;
  kept_.push_back(std::move(entry));
  if (kept_.size() > keep_) {
    evicted = std::move(kept_.front());
    kept_.pop_front();
  }
}

nlohmann::json Outbox::snapshot() const {
  std::lock_guard lock(mutex_);
  nlohmann::json messages = nlohmann::json::array();
  for (const auto& entry : kept_) messages.push_back(entry);
  return {{"count", count_}, {"kept", kept_.size()}, {"messages", std::move(messages)}};
}

void Outbox::clear() {
  std::lock_guard lock(mutex_);
  kept_.clear();
  count_ = 0;
}

size_t Outbox::count() const {
  std::lock_guard lock(mutex_);
  return count_;
}

}  // namespace conform
