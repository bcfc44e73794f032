// Complementary suppression: a partition's suppressed cells together hold none or at least the
// minimum, so the total minus the shown cells never gives a small group away.
#include <gtest/gtest.h>

#include <cstdint>
#include <vector>

#include "courtvoice/analytics/disclosure.hpp"

namespace courtvoice::analytics {
namespace {

std::int64_t hiddenSum(const std::vector<std::int64_t>& n, const std::vector<bool>& suppressed) {
  std::int64_t sum = 0;
  for (std::size_t i = 0; i < n.size(); ++i) sum += suppressed[i] ? n[i] : 0;
  return sum;
}

TEST(SuppressComplements, HidesTheNextSmallestCellWhenOneSmallCellIsSuppressed) {
  // Courts of one region: 3 responses (suppressed at min 10), 40, 12, 25.
  const std::vector<std::int64_t> n = {3, 40, 12, 25};
  std::vector<bool> suppressed = {true, false, false, false};
  EXPECT_EQ(suppressComplements(n, suppressed, 10), 1);
  EXPECT_EQ(suppressed, (std::vector<bool>{true, false, true, false}));
  EXPECT_EQ(hiddenSum(n, suppressed), 15);  // region total minus the shown courts: 15 people, not 3
}

TEST(SuppressComplements, KeepsGoingUntilTheHiddenCellsReachTheMinimum) {
  const std::vector<std::int64_t> n = {2, 1, 3, 50, 4};
  std::vector<bool> suppressed = {true, false, false, false, false};
  suppressComplements(n, suppressed, 10);
  EXPECT_GE(hiddenSum(n, suppressed), 10);
  EXPECT_FALSE(suppressed[3]);
}

TEST(SuppressComplements, LeavesAPartitionAloneWhenNothingOrEnoughIsHidden) {
  const std::vector<std::int64_t> n = {12, 40, 0, 25};
  std::vector<bool> none = {false, false, true, false};  // an empty cell hides nothing
  EXPECT_EQ(suppressComplements(n, none, 10), 0);
  const std::vector<std::int64_t> m = {5, 6, 40};
  std::vector<bool> enough = {true, true, false};
  EXPECT_EQ(suppressComplements(m, enough, 10), 0);
}

TEST(SuppressComplements, PrefersTheSmallestAndThenTheFirstCell) {
  const std::vector<std::int64_t> n = {4, 30, 20, 20};
  std::vector<bool> suppressed = {true, false, false, false};
  suppressComplements(n, suppressed, 10);
  EXPECT_EQ(suppressed, (std::vector<bool>{true, false, true, false}));
}

}  // namespace
}  // namespace courtvoice::analytics
