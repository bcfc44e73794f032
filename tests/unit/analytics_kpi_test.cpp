// KPI periods, the milestone due at a day, and the status rule (docs/analytics.md, "KPI status").
// Expected milestones and statuses: tests/fixtures/kpi_status.txt, computed by
// tests/fixtures/kpi_status.py (numpy.interp on datetime ordinals, the rule written out there).
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "courtvoice/analytics/kpi.hpp"

namespace courtvoice::analytics {
namespace {

using surveys::Date;
using surveys::KpiPeriodUnit;

surveys::KpiDefinition plannedKpi() {
  surveys::KpiDefinition kpi;
  kpi.period = KpiPeriodUnit::Year;
  kpi.baseline = {"2025", 60.0, false};
  kpi.milestones = {{2026, 64.0}, {2027, 68.0}, {2028, 72.0}};
  kpi.target = {2029, 80.0};
  return kpi;
}

std::optional<double> numberOrNone(const std::string& text) {
  if (text == "-") return std::nullopt;
  return std::stod(text);
}

TEST(KpiPeriods, YearsAndQuartersHaveTheirFirstAndLastDays) {
  const auto year = parseKpiPeriod("2025", KpiPeriodUnit::Year);
  ASSERT_TRUE(year);
  EXPECT_EQ(year->start, (Date{2025, 1, 1}));
  EXPECT_EQ(year->end, (Date{2025, 12, 31}));
  const auto q1 = parseKpiPeriod("2028-Q1", KpiPeriodUnit::Quarter);
  ASSERT_TRUE(q1);
  EXPECT_EQ(q1->end, (Date{2028, 3, 31}));
  EXPECT_EQ(parseKpiPeriod("2026-Q2", KpiPeriodUnit::Quarter)->end, (Date{2026, 6, 30}));
  EXPECT_FALSE(parseKpiPeriod("2025-Q1", KpiPeriodUnit::Year));
  EXPECT_FALSE(parseKpiPeriod("2025", KpiPeriodUnit::Quarter));
  EXPECT_FALSE(parseKpiPeriod("2025-Q5", KpiPeriodUnit::Quarter));
  EXPECT_FALSE(parseKpiPeriod("1999", KpiPeriodUnit::Year));
}

TEST(KpiPeriods, OnlyPeriodsThatEndedBeforeTodayAreComplete) {
  const auto first = *parseKpiPeriod("2025-Q3", KpiPeriodUnit::Quarter);
  const auto periods = completeKpiPeriods(first, KpiPeriodUnit::Quarter, Date{2026, 4, 1});
  ASSERT_EQ(periods.size(), 3U);
  EXPECT_EQ(periods[0].key, "2025-Q3");
  EXPECT_EQ(periods[1].key, "2025-Q4");
  EXPECT_EQ(periods[2].key, "2026-Q1");
  // The running year is not complete; a quarter ending yesterday is.
  EXPECT_TRUE(completeKpiPeriods(*parseKpiPeriod("2026", KpiPeriodUnit::Year), KpiPeriodUnit::Year,
                                 Date{2026, 12, 31}).empty());
  EXPECT_EQ(completeKpiPeriods(first, KpiPeriodUnit::Quarter, Date{2025, 10, 1}).size(), 1U);
}

TEST(KpiPlan, BaselineMilestonesAndTargetAtTheEndOfTheirPeriods) {
  const auto plan = kpiPlan(plannedKpi());
  ASSERT_EQ(plan.size(), 5U);
  EXPECT_EQ(plan.front().date, (Date{2025, 12, 31}));
  EXPECT_EQ(plan.back().date, (Date{2029, 12, 31}));
  EXPECT_DOUBLE_EQ(plan.back().value, 80.0);
  EXPECT_FALSE(plannedValueAt({}, Date{2026, 1, 1}));
}

TEST(KpiStatusFixture, MilestonesAndStatusesMatchTheIndependentComputation) {
  std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/tests/fixtures/kpi_status.txt");
  ASSERT_TRUE(in) << "tests/fixtures/kpi_status.txt missing";
  const auto plan = kpiPlan(plannedKpi());
  std::string line;
  int cases = 0;
  while (std::getline(in, line)) {
    if (line.empty()) continue;
    std::istringstream fields(line);
    std::string name, day, value, low, high, direction, planned, status;
    fields >> name >> day >> value >> low >> high >> direction >> planned >> status;
    SCOPED_TRACE(name);
    const auto date = Date::parse(day);
    ASSERT_TRUE(date);
    const auto due = plannedValueAt(plan, *date);
    ASSERT_TRUE(due);
    EXPECT_NEAR(*due, std::stod(planned), 1e-12);
    KpiReading reading;
    reading.value = numberOrNone(value);
    if (const auto l = numberOrNone(low), h = numberOrNone(high); l && h) reading.ci = Interval{*l, *h};
    reading.suppressed = !reading.value;
    EXPECT_EQ(toString(kpiStatus(reading, due, direction == "higher")), status);
    ++cases;
  }
  EXPECT_EQ(cases, 15);
}

TEST(KpiStatusRule, AValueExactlyAtItsMilestoneIsOnTrack) {
  const KpiReading reading{64.0, Interval{61.0, 67.0}, false};
  EXPECT_EQ(kpiStatus(reading, 64.0, true), KpiStatus::OnTrack);
  EXPECT_EQ(kpiStatus(reading, 64.0, false), KpiStatus::OnTrack);
  // Just below it, with the interval reaching it: at risk.
  EXPECT_EQ(kpiStatus({63.9, Interval{61.0, 67.0}, false}, 64.0, true), KpiStatus::AtRisk);
}

TEST(KpiStatusRule, SuppressedOrMissingFiguresAreInsufficientData) {
  EXPECT_EQ(kpiStatus({70.0, Interval{60.0, 80.0}, true}, 50.0, true), KpiStatus::InsufficientData);
  EXPECT_EQ(kpiStatus({70.0, std::nullopt, false}, 50.0, true), KpiStatus::InsufficientData);
  EXPECT_EQ(kpiStatus({70.0, Interval{60.0, 80.0}, false}, std::nullopt, true), KpiStatus::InsufficientData);
}

}  // namespace
}  // namespace courtvoice::analytics
