#include "courtvoice/server/rate_limiter.hpp"

#include <cstring>
#include <random>
#include <stdexcept>

namespace courtvoice::server {

namespace {

// splitmix64's finaliser: every bit of the address moves the bucket.
std::uint64_t mix(std::uint64_t x) {
  x ^= x >> 30;
  x *= 0xbf58476d1ce4e5b9ULL;
  x ^= x >> 27;
  x *= 0x94d049bb133111ebULL;
  return x ^ (x >> 31);
}

}  // namespace

std::size_t RateLimiter::KeyHash::operator()(const IpAddress& key) const noexcept {
  std::uint64_t high = 0;
  std::uint64_t low = 0;
  std::memcpy(&high, key.bytes.data(), 8);
  std::memcpy(&low, key.bytes.data() + 8, 8);
  return static_cast<std::size_t>(mix(high ^ seed) ^ mix(low + seed));
}

RateLimiter::RateLimiter(RateLimit limit, const MonotonicClock& clock)
    : limit_(limit),
      clock_(clock),
      // A seed per process, so nobody can choose addresses that all fall in one hash bucket.
      fullAt_(0, KeyHash{std::random_device{}() * 0x9e3779b97f4a7c15ULL}) {
  if (limit.burst < 1 || limit.perMinute < 1 || limit.maxClients < 1) {
    throw std::invalid_argument("rate limit: burst, perMinute and maxClients must be at least 1");
  }
  interval_ = std::chrono::duration_cast<Clock::duration>(std::chrono::minutes(1)) / limit.perMinute;
  tolerance_ = interval_ * (limit.burst - 1);
  lastSweep_ = clock_.now();
}

RateLimiter::Decision RateLimiter::takeFrom(Clock::time_point& fullAt, Clock::time_point now) const {
  const Clock::time_point start = fullAt > now ? fullAt : now;
  const Clock::duration ahead = start - now;
  if (ahead > tolerance_) {
    // The next token frees up when the bucket is back to `tolerance` ahead of now.
    const auto wait = ahead - tolerance_;
    auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
    if (seconds < std::chrono::seconds(1)) seconds = std::chrono::seconds(1);
    return {false, seconds};
  }
  fullAt = start + interval_;
  return {true, std::chrono::seconds(0)};
}

void RateLimiter::sweep(Clock::time_point now) {
  // A bucket full again is the same as no entry.
  std::erase_if(fullAt_, [now](const auto& entry) { return entry.second <= now; });
  lastSweep_ = now;
}

RateLimiter::Decision RateLimiter::take(const IpAddress& client) {
  const Clock::time_point now = clock_.now();
  const std::lock_guard lock(mutex_);
  // Every entry is sweepable one window (burst * interval) after its client's last request.
  if (now - lastSweep_ >= interval_ * limit_.burst) sweep(now);
  if (const auto it = fullAt_.find(client); it != fullAt_.end()) return takeFrom(it->second, now);
  if (fullAt_.size() >= limit_.maxClients) {
    // No sooner than a token interval after the last sweep (nothing expires faster), so a flood
    // of new addresses does not make every request walk the whole table.
    if (now - lastSweep_ >= interval_) sweep(now);
    if (fullAt_.size() >= limit_.maxClients) return takeFrom(overflowFullAt_, now);
  }
  Clock::time_point fullAt = now;
  const Decision decision = takeFrom(fullAt, now);  // a fresh bucket always has a token
  fullAt_.emplace(client, fullAt);
  return decision;
}

std::size_t RateLimiter::trackedClients() const {
  const std::lock_guard lock(mutex_);
  return fullAt_.size();
}

}  // namespace courtvoice::server
