#pragma once
// Monotonic time as an interface, so tests move it (the catalog's freshness, the rate limiter).
#include <chrono>

namespace courtvoice::server {

class MonotonicClock {
 public:
  virtual ~MonotonicClock() = default;
  virtual std::chrono::steady_clock::time_point now() const = 0;
};

class SteadyClock final : public MonotonicClock {
 public:
  std::chrono::steady_clock::time_point now() const override { return std::chrono::steady_clock::now(); }
};

}  // namespace courtvoice::server
