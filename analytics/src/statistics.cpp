#include "courtvoice/analytics/statistics.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <stdexcept>

#include "scale_rules.hpp"

namespace courtvoice::analytics {

// Wilson, E. B. (1927), "Probable inference, the law of succession, and statistical inference",
// JASA 22:209-212. With p = s/n:
//   centre = (p + z^2/(2n)) / (1 + z^2/n)
//   half   = z / (1 + z^2/n) * sqrt(p(1-p)/n + z^2/(4n^2))
// Unlike the normal ("Wald") interval it stays inside [0, 1] and is sensible for p near 0 or 1
// and small n. With n = 0 nothing is known, so the interval is the whole range {0, 1}.
Interval wilsonInterval(std::int64_t successes, std::int64_t n, double z) {
  if (n < 0 || successes < 0 || successes > n) {
    throw std::invalid_argument("wilsonInterval: need 0 <= successes <= n");
  }
  if (n == 0) return {0.0, 1.0};
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(successes) / nn;
  const double z2 = z * z;
  const double denom = 1.0 + z2 / nn;
  const double centre = (p + z2 / (2.0 * nn)) / denom;
  const double half = z / denom * std::sqrt(p * (1.0 - p) / nn + z2 / (4.0 * nn * nn));
  // The bounds are exactly 0 and 1 at the extremes; rounding must not push them past.
  Interval out{std::max(0.0, centre - half), std::min(1.0, centre + half)};
  if (successes == 0) out.low = 0.0;
  if (successes == n) out.high = 1.0;
  return out;
}

// Chan, T. F., Golub, G. H. & LeVeque, R. J. (1979), "Updating formulae and a pairwise algorithm
// for computing sample variances" (Stanford CS report STAN-CS-79-773), the pairwise combination:
//   n = na + nb, delta = mean_b - mean_a
//   mean = mean_a + delta * nb / n
//   M2   = M2_a + M2_b + delta^2 * na * nb / n
// It is exact in real arithmetic and stable in floating point when the parts are of similar size.
void Moments::merge(const Moments& other) {
  if (other.n == 0) return;
  if (n == 0) {
    *this = other;
    return;
  }
  const double na = static_cast<double>(n);
  const double nb = static_cast<double>(other.n);
  const double total = na + nb;
  const double delta = other.mean - mean;
  mean += delta * nb / total;
  m2 += other.m2 + delta * delta * na * nb / total;
  n += other.n;
}

double Moments::sampleVariance() const {
  if (n < 2) return 0.0;
  return m2 / static_cast<double>(n - 1);
}

double Moments::sampleSd() const { return std::sqrt(sampleVariance()); }

namespace {

// t(0.975, df) for df = 1..30, to 10 significant digits: the root of the t CDF computed with
// mpmath (regularised incomplete beta, 30 digits); they agree with the printed tables
// (e.g. Abramowitz & Stegun table 26.10: 12.706, 4.303, ..., 2.042).
constexpr std::array<double, 30> kT975 = {
    12.70620474, 4.302652730, 3.182446305, 2.776445105, 2.570581836, 2.446911851,
    2.364624252, 2.306004135, 2.262157163, 2.228138852, 2.200985160, 2.178812830,
    2.160368656, 2.144786688, 2.131449546, 2.119905299, 2.109815578, 2.100922040,
    2.093024054, 2.085963447, 2.079613845, 2.073873068, 2.068657610, 2.063898562,
    2.059538553, 2.055529439, 2.051830516, 2.048407142, 2.045229642, 2.042272456};

}  // namespace

// Exact table values for df <= 30. Beyond, the Cornish-Fisher expansion of t in powers of 1/df
// around the normal quantile (Abramowitz & Stegun 26.7.5, four terms); for df > 30 it is within
// 4e-8 of the exact quantile, far below any precision a report shows.
double tQuantile95(std::int64_t df) {
  if (df < 1) throw std::invalid_argument("tQuantile95: degrees of freedom must be >= 1");
  if (df <= static_cast<std::int64_t>(kT975.size())) return kT975[static_cast<std::size_t>(df - 1)];
  const double v = static_cast<double>(df);
  const double z = kZ95;
  const double z3 = z * z * z;
  const double z5 = z3 * z * z;
  const double z7 = z5 * z * z;
  const double z9 = z7 * z * z;
  const double g1 = (z3 + z) / 4.0;
  const double g2 = (5.0 * z5 + 16.0 * z3 + 3.0 * z) / 96.0;
  const double g3 = (3.0 * z7 + 19.0 * z5 + 17.0 * z3 - 15.0 * z) / 384.0;
  const double g4 = (79.0 * z9 + 776.0 * z7 + 1482.0 * z5 - 1920.0 * z3 - 945.0 * z) / 92160.0;
  return z + g1 / v + g2 / (v * v) + g3 / (v * v * v) + g4 / (v * v * v * v);
}

std::optional<Interval> meanInterval95(const Moments& m) {
  if (m.n < 2) return std::nullopt;
  const double half = tQuantile95(m.n - 1) * m.sampleSd() / std::sqrt(static_cast<double>(m.n));
  return Interval{m.mean - half, m.mean + half};
}

std::optional<Interval> indexInterval95(const Moments& respondentMeans) {
  const std::optional<Interval> mean = meanInterval95(respondentMeans);
  if (!mean) return std::nullopt;
  return Interval{std::clamp(detail::indexValue(mean->low), 0.0, 100.0),
                  std::clamp(detail::indexValue(mean->high), 0.0, 100.0)};
}

// The net score is 100 (p - d) with p, d shares of one multinomial sample, so
// Var(p - d) = (p(1-p) + d(1-d) + 2pd) / n = (p + d - (p - d)^2) / n (the normal approximation
// used e.g. by Rocks (2016), "Interval estimation for the net promoter score", Amer. Stat.).
Interval npsInterval95(std::int64_t promoters, std::int64_t detractors, std::int64_t n) {
  if (n <= 0 || promoters < 0 || detractors < 0 || promoters + detractors > n) {
    throw std::invalid_argument("npsInterval95: need 0 <= promoters + detractors <= n, n > 0");
  }
  const double nn = static_cast<double>(n);
  const double p = static_cast<double>(promoters) / nn;
  const double d = static_cast<double>(detractors) / nn;
  const double half = kZ95 * 100.0 * std::sqrt(std::max(0.0, p + d - (p - d) * (p - d)) / nn);
  const double nps = 100.0 * (p - d);
  return {std::max(-100.0, nps - half), std::min(100.0, nps + half)};
}

}  // namespace courtvoice::analytics
