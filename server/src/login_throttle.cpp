#include "courtvoice/server/login_throttle.hpp"

#include <algorithm>

namespace courtvoice::server {
namespace {
std::string accountKey(const std::string& account) { return "account:" + account; }
std::string clientKey(const std::string& client) { return "client:" + client; }
}  // namespace

void LoginThrottle::forgetOld(std::chrono::steady_clock::time_point now) {
  std::erase_if(entries_, [&](const auto& entry) {
    return now - entry.second.lastFailure > settings_.window && now >= entry.second.lockedUntil;
  });
  while (entries_.size() > settings_.maxEntries) {
    const auto oldest = std::min_element(entries_.begin(), entries_.end(), [](const auto& a, const auto& b) {
      return a.second.lastFailure < b.second.lastFailure;
    });
    entries_.erase(oldest);
  }
}

std::chrono::seconds LoginThrottle::wait(const std::string& key, std::chrono::steady_clock::time_point now) const {
  const auto it = entries_.find(key);
  if (it == entries_.end() || now >= it->second.lockedUntil) return std::chrono::seconds(0);
  // Rounded up: a client told 0 would try again at once.
  return std::chrono::ceil<std::chrono::seconds>(it->second.lockedUntil - now);
}

void LoginThrottle::fail(const std::string& key, std::chrono::steady_clock::time_point now) {
  Entry& entry = entries_[key];
  ++entry.failures;
  entry.lastFailure = now;
  const int over = entry.failures - settings_.freeFailures;
  if (over <= 0) return;
  auto lock = settings_.firstLock;
  for (int i = 1; i < over && lock < settings_.maxLock; ++i) lock *= 2;
  entry.lockedUntil = now + std::min(lock, settings_.maxLock);
}

std::chrono::seconds LoginThrottle::retryAfter(const std::string& account, const std::string& client) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  forgetOld(now);
  return std::max(wait(accountKey(account), now), wait(clientKey(client), now));
}

void LoginThrottle::recordFailure(const std::string& account, const std::string& client) {
  std::lock_guard lock(mutex_);
  const auto now = clock_.now();
  fail(accountKey(account), now);
  fail(clientKey(client), now);
  forgetOld(now);
}

void LoginThrottle::recordSuccess(const std::string& account, const std::string& client) {
  std::lock_guard lock(mutex_);
  entries_.erase(accountKey(account));
  entries_.erase(clientKey(client));
}

std::size_t LoginThrottle::entries() {
  std::lock_guard lock(mutex_);
  forgetOld(clock_.now());
  return entries_.size();
}

}  // namespace courtvoice::server
