#pragma once
// Small statistical building blocks, each with its formula's source in the .cpp.
#include <cstdint>

namespace courtvoice::analytics {

struct Interval {
  double low = 0;
  double high = 0;
};

/// Wilson score interval for `successes` out of `n` at the normal quantile `z` (1.96 for 95%).
Interval wilsonInterval(std::int64_t successes, std::int64_t n, double z = 1.96);

/// Mergeable moments: count, mean and the sum of squared deviations (M2).
/// Merge follows Chan, Golub & LeVeque (1979), "Updating formulae and a pairwise algorithm for
/// computing sample variances".
struct Moments {
  std::int64_t n = 0;
  double mean = 0;
  double m2 = 0;

  void merge(const Moments& other);
  double sampleVariance() const;  ///< m2 / (n - 1); 0 when n < 2
  double sampleSd() const;
};

/// Two-sided Student t quantile for a 95% interval with `df` degrees of freedom.
double tQuantile95(std::int64_t df);

}  // namespace courtvoice::analytics
