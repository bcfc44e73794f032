#pragma once
// A token bucket per client for the public POSTs: `burst` requests at once, then one every
// 60/perMinute seconds. Kept as the generic cell rate algorithm (GCRA): per client one time, the
// moment its bucket is full again, so an entry is worth keeping only until then. Memory: the
// clients seen within the last window (burst*60/perMinute seconds); a sweep once a window drops
// the others, so an entry lives at most two windows after its client's last request. At most
// `maxClients` entries. Nothing is logged or written anywhere.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <mutex>
#include <unordered_map>

#include "courtvoice/server/ip_network.hpp"
#include "courtvoice/server/monotonic_clock.hpp"

namespace courtvoice::server {

struct RateLimit {
  int burst = 10;                   ///< requests a fresh client may make at once
  int perMinute = 10;               ///< then this many per minute
  std::size_t maxClients = 100000;  ///< clients tracked at most (see RateLimiter)
};

class RateLimiter {
 public:
  struct Decision {
    bool allowed = true;
    std::chrono::seconds retryAfter{0};  ///< when refused: whole seconds until a request is allowed (>= 1)
  };

  RateLimiter(RateLimit limit, const MonotonicClock& clock);

  /// Takes one token from `client`'s bucket, or says how long until there is one. A refused
  /// request takes nothing. When `maxClients` clients are tracked and a sweep frees none, a new
  /// client shares one overflow bucket with every other new client until entries expire: an
  /// attack from that many addresses is slowed as a whole and known clients are not pushed out.
  Decision take(const IpAddress& client);

  std::size_t trackedClients() const;

 private:
  using Clock = std::chrono::steady_clock;
  struct KeyHash {
    std::uint64_t seed;
    std::size_t operator()(const IpAddress& key) const noexcept;
  };

  Decision takeFrom(Clock::time_point& fullAt, Clock::time_point now) const;
  void sweep(Clock::time_point now);

  RateLimit limit_;
  const MonotonicClock& clock_;
  Clock::duration interval_;   // between two tokens
  Clock::duration tolerance_;  // (burst - 1) * interval: how far ahead of now a bucket may run
  mutable std::mutex mutex_;
  std::unordered_map<IpAddress, Clock::time_point, KeyHash> fullAt_;
  Clock::time_point overflowFullAt_{};
  Clock::time_point lastSweep_{};
};

}  // namespace courtvoice::server
