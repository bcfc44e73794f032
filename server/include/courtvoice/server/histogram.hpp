#pragma once
// Counts of observations in buckets with fixed upper bounds: what a Prometheus histogram shows
// (metrics.hpp writes it). Not thread-safe: its owner guards it.
#include <cstdint>
#include <vector>

namespace courtvoice::server {

struct Histogram {
  Histogram() = default;
  explicit Histogram(std::vector<double> upperBounds)
      : bounds(std::move(upperBounds)), buckets(bounds.size(), 0) {}

  /// Adds one observation to the first bucket whose bound it does not exceed (over all: +Inf only).
  void observe(double value) {
    std::size_t bucket = 0;
    while (bucket < bounds.size() && value > bounds[bucket]) ++bucket;
    if (bucket < bounds.size()) ++buckets[bucket];
    ++count;
    sum += value;
  }

  std::vector<double> bounds;          ///< ascending; +Inf is implied
  std::vector<std::uint64_t> buckets;  ///< per bucket, not cumulative
  std::uint64_t count = 0;
  double sum = 0;
};

}  // namespace courtvoice::server
