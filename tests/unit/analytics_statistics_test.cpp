// Statistical building blocks against values computed independently of the code under test.
#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

#include "courtvoice/analytics/statistics.hpp"

namespace courtvoice::analytics {
namespace {

// Expected Wilson bounds come from the algebraically different closed form
//   (s + z^2/2 -+ z*sqrt(s(n-s)/n + z^2/4)) / (n + z^2)
// evaluated with python3:
//   python3 -c "from math import sqrt; s,n,z=81,263,1.959963984540054; c=s+z*z/2; h=z*sqrt(s*(n-s)/n+z*z/4);
//               print((c-h)/(n+z*z),(c+h)/(n+z*z))"
TEST(WilsonInterval, MatchesClosedFormFor81Of263) {
  const Interval ci = wilsonInterval(81, 263);
  EXPECT_NEAR(ci.low, 0.2552885198782742, 1e-12);   // python3 one-liner above
  EXPECT_NEAR(ci.high, 0.36620957698280004, 1e-12);
}

TEST(WilsonInterval, WidensWithLargerZ) {
  // Same one-liner with z = 2.5758 (99%): 0.24013760654080463, 0.3852815887477392
  const Interval ci = wilsonInterval(81, 263, 2.5758);
  EXPECT_NEAR(ci.low, 0.24013760654080463, 1e-12);
  EXPECT_NEAR(ci.high, 0.3852815887477392, 1e-12);
}

TEST(WilsonInterval, ZeroSuccessesStartsAtZero) {
  // s = 0: low = 0, high = z^2 / (n + z^2) = 3.8416 / 13.8416 = 0.2775401687666166 (by hand)
  const Interval ci = wilsonInterval(0, 10, 1.96);  // z = 1.96: the figures below are by hand
  EXPECT_DOUBLE_EQ(ci.low, 0.0);
  EXPECT_NEAR(ci.high, 3.8416 / 13.8416, 1e-12);
}

TEST(WilsonInterval, AllSuccessesEndsAtOne) {
  // s = n: low = n / (n + z^2) = 10 / 13.8416 = 0.7224598312333834 (by hand), high = 1
  const Interval ci = wilsonInterval(10, 10, 1.96);
  EXPECT_NEAR(ci.low, 10.0 / 13.8416, 1e-12);
  EXPECT_DOUBLE_EQ(ci.high, 1.0);
}

TEST(WilsonInterval, HalfIsSymmetricAroundOneHalf) {
  // python3 one-liner above with s,n = 5,10: 0.23658959361548726, 0.7634104063845127
  const Interval ci = wilsonInterval(5, 10, 1.96);  // at z = 1.96, as the one-liner
  EXPECT_NEAR(ci.low, 0.23658959361548726, 1e-12);
  EXPECT_NEAR(ci.high, 0.7634104063845127, 1e-12);
  EXPECT_NEAR(ci.low + ci.high, 1.0, 1e-12);
}

TEST(WilsonInterval, NoObservationsGivesTheWholeRange) {
  const Interval ci = wilsonInterval(0, 0);
  EXPECT_DOUBLE_EQ(ci.low, 0.0);
  EXPECT_DOUBLE_EQ(ci.high, 1.0);
}

TEST(WilsonInterval, RejectsImpossibleCounts) {
  EXPECT_THROW(wilsonInterval(5, 4), std::invalid_argument);
  EXPECT_THROW(wilsonInterval(-1, 4), std::invalid_argument);
  EXPECT_THROW(wilsonInterval(0, -1), std::invalid_argument);
}

TEST(WilsonInterval, MarginAtHalfWith385IsAboutFivePoints) {
  // domain.md: n = 385 gives +-5% at p = 0.5. The Wilson half-width for 192 of 385, from the
  // python3 one-liner above as (high - low) / 2 = h / (n + z^2): 0.04969792592577349.
  const Interval ci = wilsonInterval(192, 385, 1.96);
  EXPECT_NEAR((ci.high - ci.low) / 2, 0.04969792592577349, 1e-12);
}

Moments fromValues(const std::vector<double>& values) {
  Moments m;
  for (double v : values) m.merge(Moments{1, v, 0.0});  // one value at a time: Welford's update
  return m;
}

// Data {2,4,4,4,5,5,7,9}: by hand, mean = 40/8 = 5; squared deviations 9+1+1+1+0+0+4+16 = 32;
// sample variance 32/7 = 4.571428..., population variance 32/8 = 4
// (python3 -c "import statistics as s; print(s.variance([2,4,4,4,5,5,7,9]))" -> 4.571428571428571).
TEST(Moments, OnePassMatchesTwoPassHandComputation) {
  const Moments m = fromValues({2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_EQ(m.n, 8);
  EXPECT_NEAR(m.mean, 5.0, 1e-12);
  EXPECT_NEAR(m.m2, 32.0, 1e-12);
  EXPECT_NEAR(m.sampleVariance(), 32.0 / 7.0, 1e-12);
  EXPECT_NEAR(m.sampleSd(), std::sqrt(32.0 / 7.0), 1e-12);
}

TEST(Moments, MergeOfPartsEqualsOnePassOverTheUnion) {
  Moments left = fromValues({2, 4, 4});
  const Moments right = fromValues({4, 5, 5, 7, 9});
  left.merge(right);
  const Moments all = fromValues({2, 4, 4, 4, 5, 5, 7, 9});
  EXPECT_EQ(left.n, all.n);
  EXPECT_NEAR(left.mean, all.mean, 1e-12);
  EXPECT_NEAR(left.m2, all.m2, 1e-12);
  EXPECT_NEAR(left.m2, 32.0, 1e-12);  // the hand value above
}

TEST(Moments, MergeIsOrderIndependent) {
  Moments a = fromValues({9, 7});
  a.merge(fromValues({2}));
  a.merge(fromValues({5, 4, 5, 4, 4}));
  EXPECT_EQ(a.n, 8);
  EXPECT_NEAR(a.mean, 5.0, 1e-12);
  EXPECT_NEAR(a.m2, 32.0, 1e-12);
}

TEST(Moments, MergeWithEmptyChangesNothing) {
  Moments a = fromValues({1, 2, 3});
  a.merge(Moments{});
  EXPECT_EQ(a.n, 3);
  EXPECT_NEAR(a.mean, 2.0, 1e-12);
  EXPECT_NEAR(a.m2, 2.0, 1e-12);  // (1-2)^2 + 0 + (3-2)^2
  Moments empty;
  empty.merge(a);
  EXPECT_EQ(empty.n, 3);
  EXPECT_NEAR(empty.mean, 2.0, 1e-12);
  EXPECT_NEAR(empty.m2, 2.0, 1e-12);
}

TEST(Moments, StaysAccurateFarFromZero) {
  // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, deviations -6 -3 3 6, M2 = 36+9+9+36 = 90, var = 30
  // (by hand); the naive sum-of-squares formula loses every digit here.
  Moments a = fromValues({1e9 + 4, 1e9 + 7});
  a.merge(fromValues({1e9 + 13, 1e9 + 16}));
  EXPECT_NEAR(a.mean, 1e9 + 10, 1e-6);
  EXPECT_NEAR(a.sampleVariance(), 30.0, 1e-6);
}

TEST(Moments, VarianceOfFewerThanTwoIsZero) {
  EXPECT_DOUBLE_EQ(Moments{}.sampleVariance(), 0.0);
  EXPECT_DOUBLE_EQ(fromValues({42}).sampleVariance(), 0.0);
}

// Published two-sided 95% t values (e.g. Abramowitz & Stegun table 26.10, or any statistics
// textbook table): 12.706, 4.303, 3.182, 2.571, 2.228, 2.086, 2.042, 2.021, 2.000, 1.980, 1.960.
TEST(TQuantile95, MatchesPublishedTable) {
  EXPECT_NEAR(tQuantile95(1), 12.706, 0.0005);
  EXPECT_NEAR(tQuantile95(2), 4.303, 0.0005);
  EXPECT_NEAR(tQuantile95(3), 3.182, 0.0005);
  EXPECT_NEAR(tQuantile95(5), 2.571, 0.0005);
  EXPECT_NEAR(tQuantile95(10), 2.228, 0.0005);
  EXPECT_NEAR(tQuantile95(20), 2.086, 0.0005);
  EXPECT_NEAR(tQuantile95(30), 2.042, 0.0005);
  EXPECT_NEAR(tQuantile95(40), 2.021, 0.0005);
  EXPECT_NEAR(tQuantile95(60), 2.000, 0.0005);
  EXPECT_NEAR(tQuantile95(120), 1.980, 0.0005);
  EXPECT_NEAR(tQuantile95(1000000), 1.960, 0.0005);
}

TEST(TQuantile95, BeyondTheTableMatchesExactQuantiles) {
  // Exact quantiles from mpmath (root of 1 - I_{v/(v+t^2)}(v/2, 1/2)/2 = 0.975, 30 digits):
  // df 31: 2.0395134464, 35: 2.03010792825, 50: 2.0085591121, 200: 1.97189622363
  EXPECT_NEAR(tQuantile95(31), 2.0395134464, 1e-6);
  EXPECT_NEAR(tQuantile95(35), 2.03010792825, 1e-6);
  EXPECT_NEAR(tQuantile95(50), 2.0085591121, 1e-6);
  EXPECT_NEAR(tQuantile95(200), 1.97189622363, 1e-6);
}

TEST(TQuantile95, DecreasesTowardsTheNormalQuantile) {
  double previous = tQuantile95(1);
  for (std::int64_t df = 2; df <= 500; ++df) {
    const double t = tQuantile95(df);
    EXPECT_LT(t, previous) << "df " << df;
    EXPECT_GT(t, 1.959963984540054) << "df " << df;  // the normal 0.975 quantile
    previous = t;
  }
}

TEST(TQuantile95, RejectsNoDegreesOfFreedom) {
  EXPECT_THROW(tQuantile95(0), std::invalid_argument);
  EXPECT_THROW(tQuantile95(-3), std::invalid_argument);
}

// The interval of an index value is the t interval of the respondents' 1..5 means, mapped to
// 0..100. Expected values from scipy 1.10 (Debian's python3-scipy):
//   x = [1, 2.5, 3, 4.5, 5, 4]; m = x.mean(); se = x.std(ddof=1) / sqrt(6); t = stats.t.ppf(0.975, 5)
//   ((m - t*se - 1) * 25, (m + t*se - 1) * 25)
TEST(IndexInterval, IsTheTIntervalOfTheRespondentsMeansOnTheIndexScale) {
  Moments m;
  for (double x : {1.0, 2.5, 3.0, 4.5, 5.0, 4.0}) m.merge(Moments{1, x, 0.0});
  const auto ci = indexInterval95(m);
  ASSERT_TRUE(ci.has_value());
  EXPECT_NEAR(ci->low, 19.71514741795484, 1e-7);
  EXPECT_NEAR(ci->high, 96.95151924871183, 1e-7);
  EXPECT_FALSE(indexInterval95(Moments{1, 3.0, 0.0}).has_value());  // one respondent: no interval
}

TEST(IndexInterval, IsCutToTheIndexScale) {
  Moments m;
  for (double x : {5.0, 5.0, 4.0}) m.merge(Moments{1, x, 0.0});
  const auto ci = indexInterval95(m);
  ASSERT_TRUE(ci.has_value());
  EXPECT_EQ(ci->high, 100.0);
  EXPECT_GT(ci->low, 0.0);
}

// Net score interval: p = 7/20 promoters, d = 4/20 detractors; scipy's norm.ppf(0.975) and
//   half = z * 100 * sqrt((p + d - (p - d)**2) / 20)  ->  15 -+ 31.83056336224786
TEST(NpsInterval, UsesTheMultinomialVarianceOfTheDifference) {
  const Interval ci = npsInterval95(7, 4, 20);
  EXPECT_NEAR(ci.low, -16.83056336224786, 1e-9);
  EXPECT_NEAR(ci.high, 46.83056336224786, 1e-9);
  const Interval all = npsInterval95(10, 0, 10);  // every answer a promoter: no spread
  EXPECT_EQ(all.low, 100.0);
  EXPECT_EQ(all.high, 100.0);
  EXPECT_THROW(npsInterval95(6, 5, 10), std::invalid_argument);
}

TEST(NormalQuantile, IsTheExact975Quantile) {
  // scipy.stats.norm.ppf(0.975) = 1.959963984540054
  EXPECT_EQ(kZ95, 1.959963984540054);
}

}  // namespace
}  // namespace courtvoice::analytics
