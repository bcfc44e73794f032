#include "courtvoice/server/request_deadline.hpp"

#include <sys/socket.h>


namespace courtvoice::server {

namespace {

// How often the watchdog looks: a request may outlive its deadline by this much.
constexpr std::chrono::milliseconds kTick{100};

}  // namespace

RequestWatchdog::RequestWatchdog(std::chrono::milliseconds timeout) : timeout_(timeout) {
  thread_ = std::thread([this] { run(); });
}

RequestWatchdog::~RequestWatchdog() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

void RequestWatchdog::run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    wake_.wait_for(lock, kTick);
    const auto now = std::chrono::steady_clock::now();
    for (auto& [id, entry] : entries_) {
      if (!entry.deadline || *entry.deadline > now) continue;
      entry.deadline.reset();
      entry.expired = true;
      // The reading side only: a blocked read returns 0 at once, and the 408 can still be sent.
      ::shutdown(entry.socket.impl()->sockfd(), SHUT_RD);
    }
  }
}

RequestWatchdog::Watch::Watch(RequestWatchdog& watchdog, const Poco::Net::StreamSocket& socket) : watchdog_(watchdog) {
  std::lock_guard lock(watchdog_.mutex_);
  id_ = watchdog_.nextId_++;
  watchdog_.entries_.emplace(id_, Entry{socket, std::nullopt, false});
}

RequestWatchdog::Watch::~Watch() {
  std::lock_guard lock(watchdog_.mutex_);
  watchdog_.entries_.erase(id_);
}

void RequestWatchdog::Watch::arm() {
  std::lock_guard lock(watchdog_.mutex_);
  watchdog_.entries_.at(id_).deadline = std::chrono::steady_clock::now() + watchdog_.timeout_;
}

void RequestWatchdog::Watch::disarm() {
  std::lock_guard lock(watchdog_.mutex_);
  watchdog_.entries_.at(id_).deadline.reset();
}

bool RequestWatchdog::Watch::expired() const {
  std::lock_guard lock(watchdog_.mutex_);
  return watchdog_.entries_.at(id_).expired;
}

RequestGuard& currentRequestGuard() {
  thread_local RequestGuard guard;
  return guard;
}

void finishRequestBody(bool complete) {
  RequestGuard& guard = currentRequestGuard();
  if (guard.body != BodyState::None) guard.body = complete ? BodyState::Complete : BodyState::Failed;
  if (guard.watch != nullptr) guard.watch->disarm();
}

bool requestDeadlinePassed() {
  const RequestGuard& guard = currentRequestGuard();
  return guard.watch != nullptr && guard.watch->expired();
}

}  // namespace courtvoice::server
