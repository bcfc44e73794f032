#pragma once
// Small statistical building blocks, each with its formula's source in the .cpp.
#include <cstdint>
#include <optional>

namespace courtvoice::analytics {

struct Interval {
  double low = 0;
  double high = 0;
};

/// The standard normal 0.975 quantile: the z of every 95% interval and two-sided 5% test.
inline constexpr double kZ95 = 1.959963984540054;

/// Wilson score interval for `successes` out of `n` at the normal quantile `z`.
Interval wilsonInterval(std::int64_t successes, std::int64_t n, double z = kZ95);

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

/// 95% t interval of a mean: mean +- t(0.975, n-1) * sd / sqrt(n); nullopt when n < 2.
std::optional<Interval> meanInterval95(const Moments& m);

/// 95% interval of an index value: the t interval of the respondents' means (t on n-1 degrees
/// of freedom), on the 0..100 scale, cut to [0, 100]; nullopt when n < 2.
std::optional<Interval> indexInterval95(const Moments& respondentMeans);

/// 95% interval of a net score (NPS, -100..100) from `promoters` (9-10) and `detractors` (0-6)
/// of `n`: nps +- z * 100 * sqrt((p + d - (p - d)^2) / n), cut to [-100, 100]; the multinomial
/// variance of the difference of two shares of one sample. Needs n > 0.
Interval npsInterval95(std::int64_t promoters, std::int64_t detractors, std::int64_t n);

}  // namespace courtvoice::analytics
