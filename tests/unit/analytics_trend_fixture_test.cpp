// The trend statistics against values computed independently with scipy/numpy by
// tests/fixtures/trend_statistics.py (its docstring states each method): Newcombe's hybrid score
// interval and its p-value (incl. 0/n, n/n and equal shares), Holm's adjusted p-values, Welch
// p-values, index intervals, and a monthly series with previous-period, baseline and
// year-on-year changes, Holm within each family, and a running month left out of every test.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <vector>

#include "analytics_fixtures.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::analytics {
namespace {

using surveys::Date;
using surveys::ItemType;

constexpr double kTol = 1e-9;

std::vector<std::vector<std::string>> fixtureLines(const std::string& kind) {
  std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/tests/fixtures/trend_statistics.txt");
  std::vector<std::vector<std::string>> out;
  std::string line;
  while (std::getline(in, line)) {
    std::istringstream words(line);
    std::vector<std::string> fields;
    for (std::string word; words >> word;) fields.push_back(word);
    if (!fields.empty() && fields[0] == kind) out.push_back(fields);
  }
  return out;
}

double num(const std::string& text) { return std::stod(text); }
std::int64_t whole(const std::string& text) { return std::stoll(text); }

TEST(TrendFixture, NewcombeIntervalsAndPValues) {
  const auto lines = fixtureLines("newcombe");
  ASSERT_GE(lines.size(), 10u);
  for (const auto& f : lines) {
    SCOPED_TRACE(f[1] + "/" + f[2] + " -> " + f[3] + "/" + f[4]);
    const ProportionChange change = compareProportions(whole(f[1]), whole(f[2]), whole(f[3]), whole(f[4]));
    EXPECT_NEAR(change.difference, num(f[5]), kTol);
    EXPECT_NEAR(change.ci.low, num(f[6]), kTol);
    EXPECT_NEAR(change.ci.high, num(f[7]), kTol);
    EXPECT_NEAR(change.pValue, num(f[8]), 1e-9 * std::max(1.0, num(f[8]) * 1e3));
    EXPECT_EQ(change.significant, f[9] == "1");
    // The mark follows the interval shown, and the p-value agrees with both.
    EXPECT_EQ(change.significant, change.ci.low > 0 || change.ci.high < 0);
    EXPECT_EQ(change.significant, change.pValue < 0.05);
  }
}

TEST(TrendFixture, HolmAdjustedPValues) {
  const auto lines = fixtureLines("holm");
  ASSERT_EQ(lines.size(), 4u);
  for (const auto& f : lines) {
    const auto m = static_cast<std::size_t>(whole(f[1]));
    std::vector<double> p;
    for (std::size_t i = 0; i < m; ++i) p.push_back(num(f[2 + i]));
    const std::vector<double> adjusted = holmAdjust(p);
    ASSERT_EQ(adjusted.size(), m);
    for (std::size_t i = 0; i < m; ++i) EXPECT_NEAR(adjusted[i], num(f[2 + m + i]), 1e-12) << "test " << i;
  }
}

TEST(TrendFixture, WelchPValueOnTheIntervalsDegreesOfFreedom) {
  const auto lines = fixtureLines("welch");
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& f : lines) {
    std::size_t at = 1;
    const auto sample = [&] {
      Moments m;
      const auto n = whole(f[at++]);
      for (std::int64_t i = 0; i < n; ++i) m.merge(Moments{1, num(f[at++]), 0.0});
      return m;
    };
    const Moments earlier = sample();
    const Moments later = sample();
    const auto change = compareMeans(earlier, later);
    ASSERT_TRUE(change);
    EXPECT_NEAR(change->difference, num(f[at]), kTol);
    EXPECT_NEAR(change->ci.low, num(f[at + 1]), 1e-6);  // tQuantile95 is known to 1e-8 relative
    EXPECT_NEAR(change->ci.high, num(f[at + 2]), 1e-6);
    EXPECT_NEAR(change->t, num(f[at + 3]), kTol);
    EXPECT_NEAR(change->df, num(f[at + 4]), kTol);
    EXPECT_NEAR(change->pValue, num(f[at + 5]), 1e-9);
    EXPECT_EQ(change->significant, change->pValue < 0.05);
  }
}

TEST(TrendFixture, IndexIntervalIsTOnRespondentsMeans) {
  const auto lines = fixtureLines("index");
  ASSERT_EQ(lines.size(), 3u);
  for (const auto& f : lines) {
    Moments m;
    const auto n = whole(f[1]);
    for (std::int64_t i = 0; i < n; ++i) m.merge(Moments{1, num(f[2 + static_cast<std::size_t>(i)]), 0.0});
    const auto at = static_cast<std::size_t>(2 + n);
    const auto ci = indexInterval95(m);
    ASSERT_TRUE(ci);
    EXPECT_NEAR((m.mean - 1) * 25, num(f[at]), kTol);
    EXPECT_NEAR(ci->low, num(f[at + 1]), 1e-6);
    EXPECT_NEAR(ci->high, num(f[at + 2]), 1e-6);
  }
}

// One 5-point item "q", the only item of index "i"; answers per month from the fixture.
surveys::SurveyDefinition monthlyDefinition() {
  surveys::SurveyDefinition def;
  def.id = "court_user";
  def.version = 2;
  def.audience = surveys::Audience::Citizen;
  def.languages = {"en"};
  def.title = {{"en", "Monthly"}};
  def.items.push_back(testdata::makeItem("q", ItemType::Agreement5, "d"));
  def.indices.push_back({"i", {{"en", "Index"}}, {"d"}});
  return def;
}

TrendReport monthlyReport() {
  TrendOptions options;
  options.period = Period::Month;
  options.minGroupSize = 5;
  TrendContext context;
  context.today = Date::parse(fixtureLines("today").at(0).at(1));
  TrendBuilder builder({monthlyDefinition()}, options, context);
  for (const auto& f : fixtureLines("answer")) {
    builder.add(testdata::respond({testdata::code("q", static_cast<int>(whole(f[2])))}, "C1", "north",
                                  *Date::parse(f[1])));
  }
  return builder.result();
}

template <typename Point>
const Point& pointOf(const std::vector<Point>& points, const std::string& period) {
  for (const auto& point : points) {
    if (point.period == period) return point;
  }
  throw std::logic_error("no point " + period);
}

TEST(TrendFixture, MonthlySeriesPreviousBaselineAndYearAgoWithHolm) {
  const TrendReport report = monthlyReport();
  ASSERT_EQ(report.items.size(), 1u);
  const ItemTrend& item = report.items[0];
  ASSERT_EQ(item.segments.size(), 1u);
  const auto& points = item.segments[0].points;
  EXPECT_EQ(item.segments[0].baseline, "2024-01");
  const IndexTrend& index = report.indices.at(0);
  const auto& indexPoints = index.segments.at(0).points;

  // The running month is shown, marked, and never compared.
  const TrendPoint& running = pointOf(points, "2025-03");
  EXPECT_EQ(running.partial, PartialReason::Running);
  EXPECT_FALSE(running.suppressed);
  EXPECT_FALSE(running.favourableChange || running.favourableVsBaseline || running.favourableVsYearAgo);
  EXPECT_EQ(pointOf(indexPoints, "2025-03").partial, PartialReason::Running);
  EXPECT_FALSE(pointOf(indexPoints, "2025-03").vsYearAgo);

  std::map<std::string, int> counted;
  for (const auto& f : fixtureLines("favourable_change")) {
    SCOPED_TRACE(f[1] + " " + f[2]);
    const TrendPoint& point = pointOf(points, f[2]);
    const auto& change = f[1] == "previous" ? point.favourableChange
                         : f[1] == "baseline" ? point.favourableVsBaseline
                                              : point.favourableVsYearAgo;
    ASSERT_TRUE(change);
    EXPECT_NEAR(change->difference, num(f[3]), kTol);
    EXPECT_NEAR(change->ci.low, num(f[4]), kTol);
    EXPECT_NEAR(change->ci.high, num(f[5]), kTol);
    EXPECT_NEAR(change->pValue, num(f[6]), 1e-9);
    EXPECT_NEAR(change->pAdjusted, num(f[7]), 1e-9);
    EXPECT_EQ(change->significantAdjusted, change->significant && num(f[7]) < 0.05);
    ++counted[f[1]];
  }
  EXPECT_EQ(item.favourableTests.previous.tests, counted["previous"]);
  EXPECT_EQ(item.favourableTests.baseline.tests, counted["baseline"]);
  EXPECT_EQ(item.favourableTests.yearAgo.tests, counted["year_ago"]);
  EXPECT_EQ(counted["year_ago"], 2);  // 2025-01 and 2025-02; 2025-03 is running
  EXPECT_NEAR(item.favourableTests.previous.expectedByChance(), 0.05 * counted["previous"], 1e-12);

  for (const auto& f : fixtureLines("index_change")) {
    SCOPED_TRACE(f[1] + " " + f[2]);
    const IndexPoint& point = pointOf(indexPoints, f[2]);
    const auto& change = f[1] == "previous" ? point.change : f[1] == "baseline" ? point.vsBaseline : point.vsYearAgo;
    ASSERT_TRUE(change);
    EXPECT_NEAR(change->difference, num(f[3]), 1e-8);
    EXPECT_NEAR(change->ci.low, num(f[4]), 1e-5);
    EXPECT_NEAR(change->ci.high, num(f[5]), 1e-5);
    EXPECT_NEAR(change->pValue, num(f[6]), 1e-9);
    EXPECT_NEAR(change->pAdjusted, num(f[7]), 1e-9);
  }
  for (const auto& f : fixtureLines("index_point")) {
    const IndexPoint& point = pointOf(indexPoints, f[1]);
    ASSERT_TRUE(point.value && point.ci);
    EXPECT_NEAR(*point.value, num(f[2]), 1e-9);
    EXPECT_NEAR(point.ci->low, num(f[3]), 1e-5);
    EXPECT_NEAR(point.ci->high, num(f[4]), 1e-5);
  }
}

TEST(TrendFixture, ChosenBaselineAndWrongBaselineKey) {
  TrendOptions options;
  options.period = Period::Month;
  options.minGroupSize = 5;
  TrendContext context;
  context.baseline = "2024-06";
  TrendBuilder builder({monthlyDefinition()}, options, context);
  for (const auto& f : fixtureLines("answer")) {
    builder.add(testdata::respond({testdata::code("q", static_cast<int>(whole(f[2])))}, "C1", "north",
                                  *Date::parse(f[1])));
  }
  const TrendReport report = builder.result();
  const auto& segment = report.items.at(0).segments.at(0);
  EXPECT_EQ(segment.baseline, "2024-06");
  EXPECT_FALSE(pointOf(segment.points, "2024-05").favourableVsBaseline);
  EXPECT_FALSE(pointOf(segment.points, "2024-06").favourableVsBaseline);
  ASSERT_TRUE(pointOf(segment.points, "2024-07").favourableVsBaseline);
  context.baseline = "2024-Q2";  // a quarter for a monthly trend
  EXPECT_THROW(TrendBuilder({monthlyDefinition()}, options, context), surveys::DomainError);
}

TEST(TrendFixture, PartialQuartersAreMarkedAndNotCompared) {
  // Responses in February-March 2025 (Q1 misses January) and in all of Q2: Q1 is partial.
  TrendOptions options;
  options.period = Period::Quarter;
  options.minGroupSize = 1;
  TrendBuilder builder({monthlyDefinition()}, options);
  for (const Date day : {Date{2025, 2, 3}, Date{2025, 3, 3}, Date{2025, 4, 3}, Date{2025, 5, 3}, Date{2025, 6, 3}}) {
    for (int code : {2, 4, 5}) builder.add(testdata::respond({testdata::code("q", code)}, "C1", "north", day));
  }
  TrendReport report = builder.result();
  ASSERT_EQ(report.periods.size(), 2u);
  EXPECT_EQ(report.periods[0].partial, PartialReason::MonthsMissing);
  EXPECT_EQ(report.periods[1].partial, PartialReason::None);
  const auto& points = report.items.at(0).segments.at(0).points;
  EXPECT_EQ(points[0].partial, PartialReason::MonthsMissing);
  EXPECT_EQ(points[0].n, 6);  // still shown with its figures
  EXPECT_FALSE(points[1].favourableChange);
  EXPECT_EQ(report.items.at(0).segments.at(0).baseline, "2025-Q2");  // the first full quarter

  // The date filter cuts Q2 when it ends on 15 June; "today" in Q2 makes it running.
  TrendContext cutContext;
  cutContext.to = Date{2025, 6, 15};
  TrendBuilder cut({monthlyDefinition()}, options, cutContext);
  TrendContext runningContext;
  runningContext.today = Date{2025, 5, 20};
  TrendBuilder running({monthlyDefinition()}, options, runningContext);
  for (const Date day : {Date{2025, 4, 3}, Date{2025, 5, 3}, Date{2025, 6, 3}}) {
    cut.add(testdata::respond({testdata::code("q", 4)}, "C1", "north", day));
    running.add(testdata::respond({testdata::code("q", 4)}, "C1", "north", day));
  }
  EXPECT_EQ(cut.result().periods.at(0).partial, PartialReason::CutByFilter);
  EXPECT_EQ(running.result().periods.at(0).partial, PartialReason::Running);
}

}  // namespace
}  // namespace courtvoice::analytics
