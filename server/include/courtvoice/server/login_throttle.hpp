#pragma once
// Failed sign-ins slow down, per account and per client: after `freeFailures` failures within
// the window, each further failure locks that key for twice as long as the one before
// (1 s, 2 s, 4 s, ... up to `maxLock`). While either key is locked a sign-in is refused before the
// password is even checked. Client addresses live only here, in memory, and an entry is dropped
// once `window` has passed since its last failure: nothing about clients outlives the window.
#include <chrono>
#include <cstddef>
#include <map>
#include <mutex>
#include <string>

#include "courtvoice/server/monotonic_clock.hpp"

namespace courtvoice::server {

struct ThrottleSettings {
  int freeFailures = 3;
  std::chrono::seconds firstLock{1};
  std::chrono::seconds maxLock{15 * 60};
  std::chrono::seconds window{15 * 60};  ///< failures older than this are forgotten
  std::size_t maxEntries = 100000;       ///< memory bound: the oldest entries go first
};

class LoginThrottle {
 public:
  LoginThrottle(const MonotonicClock& clock, ThrottleSettings settings) : clock_(clock), settings_(settings) {}

  /// 0 when a sign-in may be tried now; otherwise how long to wait (the longer of both keys).
  std::chrono::seconds retryAfter(const std::string& account, const std::string& client);
  void recordFailure(const std::string& account, const std::string& client);
  /// A success forgets the account's failures and the client's.
  void recordSuccess(const std::string& account, const std::string& client);
  /// Keys held (tests check that clients are forgotten).
  std::size_t entries();

 private:
  struct Entry {
    int failures = 0;
    std::chrono::steady_clock::time_point lastFailure;
    std::chrono::steady_clock::time_point lockedUntil;
  };
  void forgetOld(std::chrono::steady_clock::time_point now);
  void fail(const std::string& key, std::chrono::steady_clock::time_point now);
  std::chrono::seconds wait(const std::string& key, std::chrono::steady_clock::time_point now) const;

  const MonotonicClock& clock_;
  ThrottleSettings settings_;
  std::mutex mutex_;
  std::map<std::string, Entry> entries_;
};

}  // namespace courtvoice::server
