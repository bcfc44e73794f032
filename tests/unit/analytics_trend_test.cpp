// Trends across versions: what the strategy team reads when an instrument has been edited. An
// item kept from version 1 to 2 is one series; an item marked series_break in version 2 starts a
// new one (and no change is computed across the break); a removed item stops; a new one starts.
//
// Expected values were computed independently with python3's standard library (statistics.mean,
// statistics.variance / stdev with divisor n - 1, math) from the answer lists written next to
// them, with z = 1.959963984540054 for 95% as in the summaries; t quantiles by Simpson integration of the t density plus bisection, which agree with
// the printed tables (Abramowitz & Stegun 26.10: t(.975; 7, 9, 11, 13) = 2.365, 2.262, 2.201,
// 2.160). Newcombe intervals and their p-values come from scipy (tests/fixtures/trend_statistics.py).
#include <gtest/gtest.h>

#include <cmath>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

#include "analytics_fixtures.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "support/in_memory_stores.hpp"

namespace courtvoice::analytics {
namespace {

using surveys::Date;
using surveys::ItemType;
using surveys::SurveyDefinition;
using testdata::code;
using testdata::makeItem;
using testdata::number;

constexpr double kTol = 1e-9;
constexpr double kTolCi = 1e-6;  // intervals use the t quantile, known to 10 digits

// Version 1: access_find, overall ("satisfied with the visit"), confidence, visits, role.
// Version 2: access_find, overall (reworded "satisfied with the service", series_break),
//            access_online (new), visits, role; confidence removed.
// Indices: access_index [access], overall_index [overall] in both.
SurveyDefinition version1() {
  SurveyDefinition def;
  def.id = "court_user";
  def.version = 1;
  def.audience = surveys::Audience::Citizen;
  def.languages = {"en"};
  def.title = {{"en", "Court user survey"}};
  def.items.push_back(makeItem("access_find", ItemType::Agreement5, "access", {surveys::NonAnswer::NotApplicable}));
  auto overall = makeItem("overall", ItemType::Satisfaction5, "overall");
  overall.text = {{"en", "Overall I was satisfied with my visit."}};
  def.items.push_back(overall);
  def.items.push_back(makeItem("confidence", ItemType::Agreement5, "overall"));
  auto visits = makeItem("visits", ItemType::Number, "background");
  visits.max = 100;
  def.items.push_back(visits);
  auto role = makeItem("role", ItemType::SingleChoice, "background");
  role.options = {{1, {{"en", "Party"}}}, {2, {{"en", "Witness"}}}};
  def.items.push_back(role);
  def.indices.push_back({"access_index", {{"en", "Access"}}, {"access"}});
  def.indices.push_back({"overall_index", {{"en", "Overall"}}, {"overall"}});
  return def;
}

SurveyDefinition version2() {
  SurveyDefinition def = version1();
  def.version = 2;
  def.items.erase(def.items.begin() + 2);  // confidence removed
  def.items[1].text = {{"en", "Overall I was satisfied with the service."}};
  def.items[1].seriesBreak = true;
  def.items.insert(def.items.begin() + 1, makeItem("access_online", ItemType::Agreement5, "access"));
  def.indices[0].name = {{"en", "Access to the court"}};
  return def;
}

surveys::StoredResponse response(int version, Date day, std::vector<surveys::Answer> answers) {
  surveys::StoredResponse stored;
  stored.response.submissionId = "s";
  stored.response.surveyId = "court_user";
  stored.response.version = version;
  stored.response.courtCode = "C1";
  stored.response.language = "en";
  stored.response.givenOn = day;
  stored.response.answers = std::move(answers);
  stored.region = "north";
  return stored;
}

// Version 1 is answered in 2025-Q1 (6 responses) and April (5); version 2 is published in May
// and answered in May-June (5) and 2025-Q3 (6).
std::vector<surveys::StoredResponse> twoVersions() {
  std::vector<surveys::StoredResponse> out;
  const std::vector<Date> q1 = {{2025, 1, 15}, {2025, 2, 10}, {2025, 2, 20}, {2025, 3, 1}, {2025, 3, 15}, {2025, 3, 30}};
  const int q1Access[] = {5, 4, 4, 3, 2, 5};
  const int q1Overall[] = {4, 4, 5, 3, 4, 2};
  const int q1Confidence[] = {5, 4, 3, 4, 4, 2};
  const double q1Visits[] = {1, 2, 2, 3, 1, 5};
  for (std::size_t i = 0; i < 6; ++i) {
    out.push_back(response(1, q1[i], {code("access_find", q1Access[i]), code("overall", q1Overall[i]),
                                       code("confidence", q1Confidence[i]), number("visits", q1Visits[i]),
                                       code("role", 1)}));
  }
  const int aprAccess[] = {4, 4, 5, 1, 3};
  const int aprOverall[] = {5, 4, 3, 4, 4};
  const int aprConfidence[] = {4, 4, 5, 3, 3};
  const double aprVisits[] = {2, 2, 4, 1, 1};
  for (int i = 0; i < 5; ++i) {
    out.push_back(response(1, {2025, 4, 2 + i}, {code("access_find", aprAccess[i]), code("overall", aprOverall[i]),
                                                 code("confidence", aprConfidence[i]),
                                                 number("visits", aprVisits[i]), code("role", 2)}));
  }
  const int mayAccess[] = {5, 2, 4, 2, 3};
  const int mayOnline[] = {4, 4, 5, 3, 2};
  const int mayOverall[] = {2, 3, 3, 4, 2};
  const double mayVisits[] = {3, 6, 2, 8, 4};
  for (int i = 0; i < 5; ++i) {
    out.push_back(response(2, {2025, 5 + i / 3, 10 + i}, {code("access_find", mayAccess[i]),
                                                          code("access_online", mayOnline[i]),
                                                          code("overall", mayOverall[i]),
                                                          number("visits", mayVisits[i]), code("role", 1)}));
  }
  const int q3Access[] = {5, 5, 4, 3, 4, 5};
  const int q3Online[] = {5, 4, 4, 4, 3, 5};
  const int q3Overall[] = {3, 4, 4, 5, 4, 4};
  const double q3Visits[] = {6, 9, 7, 12, 5, 10};
  for (int i = 0; i < 6; ++i) {
    out.push_back(response(2, {2025, 7 + i / 2, 5 + i}, {code("access_find", q3Access[i]),
                                                         code("access_online", q3Online[i]),
                                                         code("overall", q3Overall[i]),
                                                         number("visits", q3Visits[i]), code("role", 2)}));
  }
  return out;
}

TrendReport quarterlyReport() {
  TrendBuilder builder({version2(), version1()}, {Period::Quarter, 0});  // any order
  for (const auto& stored : twoVersions()) builder.add(stored);
  return builder.result();
}

const ItemTrend& itemOf(const TrendReport& report, const std::string& id) {
  for (const auto& item : report.items) {
    if (item.itemId == id) return item;
  }
  throw std::logic_error("no item " + id);
}

const IndexTrend& indexOf(const TrendReport& report, const std::string& id) {
  for (const auto& index : report.indices) {
    if (index.indexId == id) return index;
  }
  throw std::logic_error("no index " + id);
}

std::vector<std::string> periodsOf(const std::vector<TrendPoint>& points) {
  std::vector<std::string> out;
  for (const auto& point : points) out.push_back(point.period);
  return out;
}

TEST(TrendPeriods, KeysSortChronologically) {
  EXPECT_EQ(periodKey({2025, 3, 31}, Period::Month), "2025-03");
  EXPECT_EQ(periodKey({2025, 12, 1}, Period::Month), "2025-12");
  EXPECT_EQ(periodKey({2025, 3, 31}, Period::Quarter), "2025-Q1");
  EXPECT_EQ(periodKey({2025, 4, 1}, Period::Quarter), "2025-Q2");
  EXPECT_EQ(periodKey({2025, 12, 31}, Period::Quarter), "2025-Q4");
  EXPECT_EQ(periodKey({2025, 7, 14}, Period::Year), "2025");
  for (Period p : {Period::Month, Period::Quarter, Period::Year}) EXPECT_EQ(parsePeriod(toString(p)), p);
  EXPECT_FALSE(parsePeriod("week"));
}

TEST(TrendChanges, TwoProportionsNewcombeIntervalAndTheTestItImplies) {
  // 5/10 -> 5/6: d = 1/3; Newcombe's hybrid score interval (method 10) from the Wilson intervals
  // at z = 1.959963984540054: [-0.142967, 0.630059]; it includes 0, so not significant, and the
  // level at which it touches 0 gives p = 0.181453 (scipy, tests/fixtures/trend_statistics.py).
  const ProportionChange change = compareProportions(5, 10, 5, 6);
  EXPECT_NEAR(change.difference, 1.0 / 3.0, kTol);
  EXPECT_NEAR(change.ci.low, -0.14296713306729902, kTol);
  EXPECT_NEAR(change.ci.high, 0.6300594576645528, kTol);
  EXPECT_NEAR(change.pValue, 0.18145284098893813, 1e-9);
  EXPECT_FALSE(change.significant);
}

TEST(TrendChanges, SignificantProportionChangeAndIntervalKeptWithinOne) {
  // 1/5 -> 5/6: Newcombe [0.052257, 0.846607] excludes 0: significant, p = 0.029636 (scipy).
  // The score interval stays within [-1, 1] by construction (no cut needed, unlike Wald's 1.0936).
  const ProportionChange change = compareProportions(1, 5, 5, 6);
  EXPECT_NEAR(change.difference, 0.6333333333333333, kTol);
  EXPECT_NEAR(change.pValue, 0.029636365153249685, 1e-9);
  EXPECT_TRUE(change.significant);
  EXPECT_NEAR(change.ci.low, 0.05225693142169652, kTol);
  EXPECT_NEAR(change.ci.high, 0.8466071842577869, kTol);
}

TEST(TrendChanges, EqualExtremeSharesAreNoChange) {
  const ProportionChange change = compareProportions(6, 6, 9, 9);
  EXPECT_DOUBLE_EQ(change.difference, 0.0);
  EXPECT_DOUBLE_EQ(change.pValue, 1.0);
  EXPECT_FALSE(change.significant);
  // Newcombe for 6/6 -> 9/9 (scipy): [-0.299145, 0.390334].
  EXPECT_NEAR(change.ci.low, -0.29914504841954415, kTol);
  EXPECT_NEAR(change.ci.high, 0.3903342879021654, kTol);
  EXPECT_THROW(compareProportions(1, 0, 1, 2), std::invalid_argument);
  EXPECT_THROW(compareProportions(3, 2, 1, 2), std::invalid_argument);
}

Moments momentsOf(const std::vector<double>& values) {
  Moments m;
  for (double v : values) m.merge(Moments{1, v, 0.0});
  return m;
}

TEST(TrendChanges, WelchMatchesIndependentComputation) {
  // earlier [2,2,4,1,1,3,6,2,8,4]: mean 3.3, s 2.263233; later [6,9,7,12,5,10]: mean 8.166667,
  // s 2.639444. SE = 1.293574, t = 3.762187, Welch-Satterthwaite df = 9.371335 -> 9,
  // t(.975, 9) = 2.262157, interval 4.866667 +- 2.262157 * 1.293574 = [1.940399, 7.792934].
  const auto change = compareMeans(momentsOf({2, 2, 4, 1, 1, 3, 6, 2, 8, 4}), momentsOf({6, 9, 7, 12, 5, 10}));
  ASSERT_TRUE(change);
  EXPECT_NEAR(change->difference, 4.866666666666666, kTol);
  EXPECT_NEAR(change->t, 3.7621869258195337, 1e-9);
  EXPECT_NEAR(change->df, 9.371335334405183, 1e-9);
  EXPECT_NEAR(change->ci.low, 1.9403992918596216, kTolCi);
  EXPECT_NEAR(change->ci.high, 7.7929340414737105, kTolCi);
  EXPECT_TRUE(change->significant);
}

TEST(TrendChanges, WelchNeedsTwoAnswersEachAndSomeSpread) {
  EXPECT_FALSE(compareMeans(momentsOf({4}), momentsOf({1, 2, 3})));
  EXPECT_FALSE(compareMeans(momentsOf({4, 4, 4}), momentsOf({5, 5})));
  // One side without spread: df = n - 1 of the other (here 2), t(.975, 2) = 4.302653.
  const auto change = compareMeans(momentsOf({4, 4, 4}), momentsOf({1, 2, 3}));
  ASSERT_TRUE(change);
  EXPECT_NEAR(change->df, 2.0, 1e-12);
  EXPECT_NEAR(change->ci.high - change->difference, 4.302652730 * std::sqrt(1.0 / 3.0), kTolCi);
}

TEST(TrendContinuity, KeptItemIsOneSeriesAcrossBothVersions) {
  const TrendReport report = quarterlyReport();
  const ItemTrend& access = itemOf(report, "access_find");
  ASSERT_EQ(access.segments.size(), 1u);
  const ItemSegment& series = access.segments[0];
  EXPECT_EQ(series.fromVersion, 1);
  EXPECT_EQ(series.toVersion, 2);
  ASSERT_EQ(periodsOf(series.points), (std::vector<std::string>{"2025-Q1", "2025-Q2", "2025-Q3"}));
  // Q2 joins version 1's April answers [4,4,5,1,3] and version 2's [5,2,4,2,3]:
  // n 10, mean 3.3, sd 1.337494, favourable 5/10, Wilson (z = 1.959963984540054) [0.236593, 0.763407].
  const TrendPoint& q2 = series.points[1];
  EXPECT_EQ(q2.n, 10);
  EXPECT_NEAR(*q2.mean, 3.3, kTol);
  EXPECT_NEAR(*q2.sd, 1.3374935098492586, kTol);
  EXPECT_NEAR(*q2.favourable, 0.5, kTol);
  EXPECT_NEAR(q2.favourableCi->low, 0.236593090512564, kTol);
  EXPECT_NEAR(q2.favourableCi->high, 0.7634069094874361, kTol);
  // Q1 [5,4,4,3,2,5] -> Q2: % favourable 4/6 -> 5/10, d = -1/6, Newcombe [-0.520707, 0.284812],
  // p = 0.514764 (scipy, tests/fixtures/trend_statistics.py); means 3.833333 -> 3.3, Welch t = -0.836333, df 11.870153
  // -> 11, t(.975, 11) = 2.200985, interval [-1.936911, 0.870244].
  ASSERT_TRUE(q2.favourableChange);
  EXPECT_NEAR(q2.favourableChange->difference, -1.0 / 6.0, kTol);
  EXPECT_NEAR(q2.favourableChange->pValue, 0.5147637171296453, 1e-9);
  EXPECT_NEAR(q2.favourableChange->ci.low, -0.5207072618160324, kTol);
  EXPECT_NEAR(q2.favourableChange->ci.high, 0.2848115129685179, kTol);
  EXPECT_FALSE(q2.favourableChange->significant);
  ASSERT_TRUE(q2.meanChange);
  EXPECT_NEAR(q2.meanChange->difference, -0.5333333333333337, kTol);
  EXPECT_NEAR(q2.meanChange->t, -0.8363333975829073, 1e-9);
  EXPECT_NEAR(q2.meanChange->df, 11.8701533977906, 1e-9);
  EXPECT_NEAR(q2.meanChange->ci.low, -1.936910848522165, kTolCi);
  EXPECT_NEAR(q2.meanChange->ci.high, 0.8702441818554978, kTolCi);
  EXPECT_FALSE(q2.meanChange->significant);
  // The first point has nothing to compare with.
  EXPECT_FALSE(series.points[0].favourableChange);
  EXPECT_FALSE(series.points[0].meanChange);
  // Q3 [5,5,4,3,4,5]: favourable 5/6, Q2 -> Q3 Welch t = 1.918852, df 13.958903 -> 13,
  // interval [-0.130061, 2.196727].
  ASSERT_TRUE(series.points[2].meanChange);
  EXPECT_NEAR(*series.points[2].favourable, 5.0 / 6.0, kTol);
  EXPECT_NEAR(series.points[2].meanChange->t, 1.9188518278295355, 1e-9);
  EXPECT_NEAR(series.points[2].meanChange->ci.low, -0.13006079258871495, kTolCi);
  EXPECT_NEAR(series.points[2].meanChange->ci.high, 2.1967274592553814, kTolCi);
  // 5/10 -> 5/6: Newcombe p = 0.181453 (scipy).
  EXPECT_NEAR(series.points[2].favourableChange->pValue, 0.18145284098893813, 1e-9);
}

TEST(TrendContinuity, SeriesBreakStartsANewSegmentWithNoChangeAcrossIt) {
  const TrendReport report = quarterlyReport();
  ASSERT_EQ(report.breaks.size(), 1u);
  EXPECT_EQ(report.breaks[0], (SeriesBreak{"overall", 2, "2025-Q2", "series_break"}));

  const ItemTrend& overall = itemOf(report, "overall");
  EXPECT_EQ(overall.text.at("en"), "Overall I was satisfied with the service.");  // the newest wording
  ASSERT_EQ(overall.segments.size(), 2u);
  const ItemSegment& before = overall.segments[0];
  const ItemSegment& after = overall.segments[1];
  EXPECT_EQ(before.fromVersion, 1);
  EXPECT_EQ(before.toVersion, 1);
  EXPECT_EQ(after.fromVersion, 2);
  EXPECT_EQ(after.toVersion, 2);
  ASSERT_EQ(periodsOf(before.points), (std::vector<std::string>{"2025-Q1", "2025-Q2"}));
  ASSERT_EQ(periodsOf(after.points), (std::vector<std::string>{"2025-Q2", "2025-Q3"}));

  // Q2 is split: version 1's April answers [5,4,3,4,4] (mean 4, 4/5 favourable) end the old
  // series; version 2's [2,3,3,4,2] (mean 2.8, 1/5) start the new one. Neither mixes the other.
  EXPECT_EQ(before.points[1].n, 5);
  EXPECT_NEAR(*before.points[1].mean, 4.0, kTol);
  EXPECT_NEAR(*before.points[1].favourable, 0.8, kTol);
  EXPECT_EQ(after.points[0].n, 5);
  EXPECT_NEAR(*after.points[0].mean, 2.8, kTol);
  EXPECT_NEAR(*after.points[0].favourable, 0.2, kTol);

  // None from the old series into the new one. Q2 is partial in both segments (version 1 was
  // answered only in April, version 2 only in May-June), so it is shown but compared with nothing:
  // neither Q1 -> Q2 of the old series nor Q2 -> Q3 of the new one.
  EXPECT_EQ(before.points[1].partial, PartialReason::MonthsMissing);
  EXPECT_EQ(after.points[0].partial, PartialReason::MonthsMissing);
  EXPECT_FALSE(before.points[1].favourableChange);
  EXPECT_FALSE(after.points[0].favourableChange);
  EXPECT_FALSE(after.points[0].meanChange);
  const TrendPoint& q3 = after.points[1];
  EXPECT_EQ(q3.partial, PartialReason::None);
  EXPECT_FALSE(q3.favourableChange || q3.meanChange);
  // The whole of Q2 has responses in each of its months: the period itself is complete.
  EXPECT_EQ(report.periods[1].partial, PartialReason::None);
  // The baselines: each segment's first full quarter; the new series has only Q3.
  EXPECT_EQ(before.baseline, "2025-Q1");
  EXPECT_EQ(after.baseline, "2025-Q3");
  EXPECT_FALSE(q3.favourableVsBaseline);
}

TEST(TrendContinuity, RemovedItemStopsAndNewItemStarts) {
  const TrendReport report = quarterlyReport();
  const ItemTrend& confidence = itemOf(report, "confidence");
  ASSERT_EQ(confidence.segments.size(), 1u);
  EXPECT_EQ(confidence.segments[0].fromVersion, 1);
  EXPECT_EQ(confidence.segments[0].toVersion, 1);
  EXPECT_EQ(periodsOf(confidence.segments[0].points), (std::vector<std::string>{"2025-Q1", "2025-Q2"}));
  EXPECT_EQ(confidence.segments[0].points[1].n, 5);  // April only: [4,4,5,3,3]

  const ItemTrend& online = itemOf(report, "access_online");
  ASSERT_EQ(online.segments.size(), 1u);
  EXPECT_EQ(online.segments[0].fromVersion, 2);
  EXPECT_EQ(periodsOf(online.segments[0].points), (std::vector<std::string>{"2025-Q2", "2025-Q3"}));
  EXPECT_FALSE(online.segments[0].points[0].favourableChange);  // nothing before its start
  // It started in May: its first quarter has two of three months, is partial and not compared.
  EXPECT_EQ(online.segments[0].points[0].partial, PartialReason::MonthsMissing);
  EXPECT_FALSE(online.segments[0].points[1].favourableChange);
  EXPECT_EQ(online.segments[0].baseline, "2025-Q3");

  // Neither a removed nor a new item is a break.
  for (const auto& b : report.breaks) EXPECT_EQ(b.id, "overall");
  // Items in the newest version's order, then the removed one.
  std::vector<std::string> ids;
  for (const auto& item : report.items) ids.push_back(item.itemId);
  EXPECT_EQ(ids, (std::vector<std::string>{"access_find", "access_online", "overall", "visits", "role", "confidence"}));
}

TEST(TrendContinuity, NumberAndChoiceItemsAcrossVersions) {
  const TrendReport report = quarterlyReport();
  const ItemTrend& visits = itemOf(report, "visits");
  ASSERT_EQ(visits.segments.size(), 1u);
  const auto& points = visits.segments[0].points;
  ASSERT_EQ(points.size(), 3u);
  // Q2 [2,2,4,1,1,3,6,2,8,4] -> Q3 [6,9,7,12,5,10]: as in WelchMatchesIndependentComputation.
  EXPECT_NEAR(*points[1].mean, 3.3, kTol);
  EXPECT_NEAR(*points[1].sd, 2.263232692902394, kTol);
  EXPECT_NEAR(*points[2].mean, 8.166666666666666, kTol);
  ASSERT_TRUE(points[2].meanChange);
  EXPECT_NEAR(points[2].meanChange->t, 3.7621869258195337, 1e-9);
  EXPECT_FALSE(points[2].favourable);
  EXPECT_FALSE(points[2].favourableChange);

  const ItemTrend& role = itemOf(report, "role");
  ASSERT_EQ(role.segments.size(), 1u);
  EXPECT_EQ(role.segments[0].points[1].n, 10);
  EXPECT_FALSE(role.segments[0].points[1].mean);
  EXPECT_FALSE(role.segments[0].points[1].meanChange);
}

TEST(TrendIndices, ValuesPerPeriodAndBreakWhenAnItemOfTheIndexBreaks) {
  const TrendReport report = quarterlyReport();
  ASSERT_EQ(report.periods.size(), 3u);
  EXPECT_EQ(report.periods[1].period, "2025-Q2");
  EXPECT_EQ(report.periods[1].responses, 10);

  // access_index: version 1 respondents give access_find alone, version 2 respondents the mean
  // of access_find and access_online. Q1 [5,4,4,3,2,5] -> (23/6 - 1) * 25 = 70.833333;
  // Q2 [4,4,5,1,3, 4.5,3,4.5,2.5,2.5] -> 60; Q3 [5,4.5,4,3.5,3.5,5] -> 81.25.
  // Q2 -> Q3 on 0..100: 21.25, Welch df 13.993899 -> 13, interval 25 x [-0.181688, 1.881688].
  const IndexTrend& access = indexOf(report, "access_index");
  EXPECT_EQ(access.name.at("en"), "Access to the court");
  ASSERT_EQ(access.segments.size(), 1u);  // a new item in the index does not break it
  const auto& points = access.segments[0].points;
  ASSERT_EQ(points.size(), 3u);
  EXPECT_NEAR(*points[0].value, 70.83333333333334, kTol);
  EXPECT_NEAR(*points[1].value, 60.0, kTol);
  EXPECT_EQ(points[1].n, 10);
  EXPECT_NEAR(*points[2].value, 81.25, kTol);
  ASSERT_TRUE(points[2].change);
  EXPECT_NEAR(points[2].change->difference, 21.25, 1e-9);
  EXPECT_NEAR(points[2].change->t, 1.779912272537429, 1e-9);
  EXPECT_NEAR(points[2].change->ci.low, -4.5421891197428845, 1e-5);
  EXPECT_NEAR(points[2].change->ci.high, 47.042189119742886, 1e-5);
  EXPECT_FALSE(points[2].change->significant);

  // overall_index is made of "overall" (and "confidence" in version 1): it breaks with overall.
  ASSERT_EQ(report.indexBreaks.size(), 1u);
  EXPECT_EQ(report.indexBreaks[0], (SeriesBreak{"overall_index", 2, "2025-Q2", "item_break"}));
  const IndexTrend& overall = indexOf(report, "overall_index");
  ASSERT_EQ(overall.segments.size(), 2u);
  // Old: Q1 means of (overall, confidence) [4.5,4,4,3.5,4,2] -> 66.666667; Q2 [4.5,4,4,3.5,3.5] -> 72.5.
  // New: Q2 [2,3,3,4,2] -> 45; Q3 [3,4,4,5,4,4] -> 75.
  ASSERT_EQ(overall.segments[0].points.size(), 2u);
  ASSERT_EQ(overall.segments[1].points.size(), 2u);
  EXPECT_NEAR(*overall.segments[0].points[0].value, 66.66666666666666, kTol);
  EXPECT_NEAR(*overall.segments[0].points[1].value, 72.5, kTol);
  EXPECT_NEAR(*overall.segments[1].points[0].value, 45.0, kTol);
  EXPECT_NEAR(*overall.segments[1].points[1].value, 75.0, kTol);
  EXPECT_FALSE(overall.segments[1].points[0].change);
}

TEST(TrendSuppression, SmallCellsShowNothingAndBreakTheChain) {
  // Monthly, minimum 5: January 5 responses, February 3 (suppressed), March none (a gap, shown
  // as suppressed), April 6 of which 4 answer confidence.
  const SurveyDefinition def = version1();
  TrendBuilder builder({def}, {Period::Month, 5});
  const auto add = [&](Date day, int access, std::optional<int> confidence) {
    std::vector<surveys::Answer> answers = {code("access_find", access)};
    if (confidence) answers.push_back(code("confidence", *confidence));
    builder.add(response(1, day, answers));
  };
  for (int i = 0; i < 5; ++i) add({2025, 1, 10 + i}, 4, 4);
  for (int i = 0; i < 3; ++i) add({2025, 2, 10 + i}, 2, 2);
  for (int i = 0; i < 6; ++i) add({2025, 4, 10 + i}, 5, i < 4 ? std::optional<int>(5) : std::nullopt);
  const TrendReport report = builder.result();
  EXPECT_EQ(report.minGroupSize, 5);

  ASSERT_EQ(report.periods.size(), 4u);
  EXPECT_EQ(report.periods[0].responses, 5);
  EXPECT_FALSE(report.periods[0].suppressed);
  EXPECT_TRUE(report.periods[1].suppressed);
  EXPECT_EQ(report.periods[1].responses, 0);  // not 3
  EXPECT_EQ(report.periods[2].period, "2025-03");
  EXPECT_TRUE(report.periods[2].suppressed);
  EXPECT_EQ(report.periods[3].responses, 6);

  const auto& access = itemOf(report, "access_find").segments.at(0).points;
  ASSERT_EQ(periodsOf(access), (std::vector<std::string>{"2025-01", "2025-02", "2025-03", "2025-04"}));
  EXPECT_FALSE(access[0].suppressed);
  EXPECT_EQ(access[0].n, 5);
  for (int i : {1, 2}) {
    EXPECT_TRUE(access[static_cast<std::size_t>(i)].suppressed);
    EXPECT_EQ(access[static_cast<std::size_t>(i)].n, 0);
    EXPECT_FALSE(access[static_cast<std::size_t>(i)].mean);
    EXPECT_FALSE(access[static_cast<std::size_t>(i)].favourable);
  }
  // April is shown but compared with nothing: its neighbour is suppressed.
  EXPECT_FALSE(access[3].suppressed);
  EXPECT_FALSE(access[3].favourableChange);
  EXPECT_FALSE(access[3].meanChange);
  // Within a shown period an item with fewer answers than the minimum is suppressed too.
  const auto& confidence = itemOf(report, "confidence").segments.at(0).points;
  EXPECT_TRUE(confidence[3].suppressed);
  EXPECT_EQ(confidence[3].n, 0);
  // And the index likewise (4 respondents answered an overall item in April).
  const auto& overallIndex = indexOf(report, "overall_index").segments.at(0).points;
  EXPECT_TRUE(overallIndex[3].suppressed);
  EXPECT_FALSE(overallIndex[3].value);
}

TEST(TrendSuppression, NonAnswersAreLeftOutOfTheDenominator) {
  TrendBuilder builder({version1()}, {Period::Year, 5});
  for (int i = 0; i < 5; ++i) builder.add(response(1, {2025, 2, 1 + i}, {code("access_find", 4)}));
  for (int i = 0; i < 3; ++i) {
    builder.add(response(1, {2025, 3, 1 + i}, {testdata::non("access_find", surveys::NonAnswer::NotApplicable)}));
  }
  const TrendReport report = builder.result();
  const TrendPoint& point = itemOf(report, "access_find").segments.at(0).points.at(0);
  EXPECT_EQ(point.period, "2025");
  EXPECT_EQ(point.n, 5);
  EXPECT_NEAR(*point.favourable, 1.0, kTol);
  EXPECT_EQ(report.periods.at(0).responses, 8);
}

TEST(TrendBuilderTest, MergedPartsEqualOnePass) {
  const auto all = twoVersions();
  TrendBuilder left({version1(), version2()}, {Period::Quarter, 0});
  TrendBuilder right({version1(), version2()}, {Period::Quarter, 0});
  for (std::size_t i = 0; i < all.size(); ++i) (i % 2 == 0 ? left : right).add(all[i]);
  left.merge(right);
  const TrendReport merged = left.result();
  const TrendReport once = quarterlyReport();
  ASSERT_EQ(merged.items.size(), once.items.size());
  for (std::size_t i = 0; i < once.items.size(); ++i) {
    ASSERT_EQ(merged.items[i].segments.size(), once.items[i].segments.size());
    for (std::size_t s = 0; s < once.items[i].segments.size(); ++s) {
      const auto& a = merged.items[i].segments[s].points;
      const auto& b = once.items[i].segments[s].points;
      ASSERT_EQ(a.size(), b.size());
      for (std::size_t p = 0; p < a.size(); ++p) {
        EXPECT_EQ(a[p].n, b[p].n);
        EXPECT_EQ(a[p].mean.has_value(), b[p].mean.has_value());
        if (a[p].mean) {
          EXPECT_NEAR(*a[p].mean, *b[p].mean, 1e-12);
        }
        EXPECT_EQ(a[p].meanChange.has_value(), b[p].meanChange.has_value());
        if (a[p].meanChange) {
          EXPECT_NEAR(a[p].meanChange->t, b[p].meanChange->t, 1e-9);
        }
      }
    }
  }
  EXPECT_EQ(merged.breaks, once.breaks);

  TrendBuilder monthly({version1(), version2()}, {Period::Month, 0});
  EXPECT_THROW(left.merge(monthly), std::invalid_argument);
  TrendBuilder onlyFirst({version1()}, {Period::Quarter, 0});
  EXPECT_THROW(left.merge(onlyFirst), std::invalid_argument);
}

TEST(TrendBuilderTest, RefusesBadDefinitionsAndCountsUnknownVersions) {
  EXPECT_THROW(TrendBuilder({}, {}), std::invalid_argument);
  EXPECT_THROW(TrendBuilder({version1(), version1()}, {}), std::invalid_argument);
  SurveyDefinition other = version2();
  other.id = "court_staff";
  EXPECT_THROW(TrendBuilder({version1(), other}, {}), std::invalid_argument);
  EXPECT_THROW(TrendBuilder({version1()}, {Period::Quarter, -1}), std::invalid_argument);

  TrendBuilder builder({version1()}, {Period::Quarter, 0});
  builder.add(response(1, {2025, 1, 2}, {code("access_find", 4)}));
  builder.add(response(3, {2025, 1, 2}, {code("access_find", 4)}));  // version 3 was not given
  auto staff = response(1, {2025, 1, 2}, {});
  staff.response.surveyId = "court_staff";
  EXPECT_THROW(builder.add(staff), std::invalid_argument);
  const TrendReport report = builder.result();
  EXPECT_EQ(report.ignoredResponses, 1);
  EXPECT_TRUE(report.periods.at(0).suppressed);  // 1 counted response, under the minimum 5
}

TEST(TrendBuilderTest, TypeChangeWithoutTheFlagStillBreaksTheSeries) {
  // validateNewVersion refuses this; data stored before that rule must not mix scales anyway.
  SurveyDefinition v2 = version1();
  v2.version = 2;
  v2.items[2].type = ItemType::Scale0to10;  // confidence 1..5 -> 0..10, no series_break
  TrendBuilder builder({version1(), v2}, {Period::Quarter, 0});
  for (int i = 0; i < 5; ++i) builder.add(response(1, {2025, 2, 1 + i}, {code("confidence", 4)}));
  for (int i = 0; i < 5; ++i) builder.add(response(2, {2025, 8, 1 + i}, {code("confidence", 9)}));
  const TrendReport report = builder.result();
  ASSERT_EQ(report.breaks.size(), 1u);
  EXPECT_EQ(report.breaks[0], (SeriesBreak{"confidence", 2, "2025-Q3", "type_changed"}));
  const ItemTrend& confidence = itemOf(report, "confidence");
  ASSERT_EQ(confidence.segments.size(), 2u);
  EXPECT_EQ(confidence.segments[0].type, ItemType::Agreement5);
  EXPECT_EQ(confidence.segments[1].type, ItemType::Scale0to10);
  EXPECT_NEAR(*confidence.segments[1].points.at(0).favourable, 1.0, kTol);  // 9 is favourable on 0..10
  // Breaks reported before any response to the new version have no period yet.
  TrendBuilder early({version1(), v2}, {Period::Quarter, 0});
  early.add(response(1, {2025, 2, 1}, {code("confidence", 4)}));
  EXPECT_EQ(early.result().breaks.at(0).period, "");
}

TEST(TrendBuilderTest, RefusesMoreThanSixHundredPeriods) {
  // 2000-01 to 2050-01 monthly is 601 months; yearly it is 51 years and fine.
  const auto build = [](Period period) {
    TrendBuilder builder({version1()}, {period, 0});
    builder.add(response(1, {2000, 1, 1}, {code("access_find", 4)}));
    builder.add(response(1, {2050, 1, 1}, {code("access_find", 4)}));
    return builder.result();
  };
  try {
    build(Period::Month);
    ADD_FAILURE() << "expected a DomainError";
  } catch (const surveys::DomainError& error) {
    EXPECT_EQ(error.code(), "too_many_periods");
    EXPECT_EQ(error.field(), "period");
  }
  EXPECT_EQ(build(Period::Year).periods.size(), 51u);
}

TEST(TrendFromStore, ReadsTheQueriedResponsesOfEveryVersion) {
  // Each response its own submission id, or the store would keep only the first.
  surveys::testing::InMemoryResponseStore distinct;
  int next = 0;
  for (auto stored : twoVersions()) {
    stored.response.submissionId = "s" + std::to_string(++next);
    distinct.submit(stored.response);
  }
  surveys::ResponseQuery query;
  query.surveyId = "court_user";
  query.to = Date{2025, 6, 30};  // the first half year only
  const TrendReport report = trend({version1(), version2()}, distinct, query, {Period::Quarter, 0});
  ASSERT_EQ(report.periods.size(), 2u);
  EXPECT_EQ(report.periods[0].responses, 6);
  EXPECT_EQ(report.periods[1].responses, 10);
  const auto& access = itemOf(report, "access_find").segments.at(0).points;
  ASSERT_EQ(access.size(), 2u);
  EXPECT_NEAR(*access[1].mean, 3.3, kTol);
  EXPECT_EQ(report.breaks.at(0).period, "2025-Q2");
}

}  // namespace
}  // namespace courtvoice::analytics
