// The reporting rules of the second edition, on small definitions of this file's own, in the
// reference (Summarizer, TrendBuilder) and in the results engine: the index rule (a respondent
// counts only with at least half, rounded up, of the index's shown 5-point items answered),
// grouping by court level, and the suppression of groups and trend points that come from fewer
// than two courts when a survey has report_by_court false. Expected values are worked out by hand
// next to each test.
#include <gtest/gtest.h>

#include "analytics_fixtures.hpp"
#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "support/in_memory_stores.hpp"

namespace courtvoice::analytics {
namespace {

using namespace testdata;
using surveys::Court;
using surveys::Date;

/// role (single choice 1 party / 2 other); q1, q2, q3 (scale5, core); q4 (scale5, core, shown
/// only to role 1); p1, p2 (scale5, pair); note (text). Indices: core_index [core],
/// pair_index [pair]. Minimum group size 1 unless a test sets it.
SurveyDefinition rulesDefinition() {
  SurveyDefinition def;
  def.id = "rules";
  def.version = 1;
  def.audience = surveys::Audience::Judge;
  def.languages = {"en"};
  def.title = {{"en", "Rules"}};
  Item role = makeItem("role", ItemType::SingleChoice, "background");
  role.options = {{1, {{"en", "Party"}}}, {2, {{"en", "Other"}}}};
  def.items.push_back(role);
  for (const char* id : {"q1", "q2", "q3", "q4"}) {
    def.items.push_back(makeItem(id, ItemType::Scale5, "core", {NonAnswer::NotApplicable}));
  }
  def.items.back().showIf = surveys::Condition{"role", {1}};
  def.items.push_back(makeItem("p1", ItemType::Scale5, "pair"));
  def.items.push_back(makeItem("p2", ItemType::Scale5, "pair"));
  def.items.push_back(makeItem("note", ItemType::Text, "comment"));
  def.indices.push_back({"core_index", {{"en", "Core"}}, {"core"}});
  def.indices.push_back({"pair_index", {{"en", "Pair"}}, {"pair"}});
  def.minGroupSize = 5;
  return def;
}

StoredResponse rulesResponse(std::vector<Answer> answers, std::string court = "C1", Date day = {2025, 3, 10}) {
  static int counter = 0;
  StoredResponse r = respond(std::move(answers), court, "", day);
  r.response.submissionId = "rules-" + std::to_string(++counter);  // the store keeps one per id
  r.response.surveyId = "rules";
  r.response.version = 1;
  return r;
}

// Shown core items and answers with a value, per respondent (q4 is shown to role 1 only):
//   R1 role 1: q1 5, q2 4, q3 -, q4 -        shown 4, answered 2 >= 2: counts, mean 4.5
//   R2 role 1: q1 2, q2 N/A, q3 N/A, q4 N/A  shown 4, answered 1 <  2: left out
//   R3 role 2: q1 3, q2 N/A                   shown 3, answered 1 <  2: left out
//   R4 role 2: q1 1, q2 2                     shown 3, answered 2 >= 2: counts, mean 1.5
//   R5 role 2: q1 4                           shown 3, answered 1 <  2: left out
//   R6 no role (q4 hidden): q1 5, q2 5, q3 4  shown 3, answered 3:      counts, mean 14/3
// core_index = (mean(4.5, 1.5, 14/3) - 1) x 25 = (32/9 - 1) x 25 = 575/9 = 63.888..., n 3.
// Counting everyone with one answer (the old rule) would give n 6 and
// (mean(4.5, 2, 3, 1.5, 4, 14/3) - 1) x 25 = (59/18 - 1) x 25 = 56.944..., so the two differ.
// pair_index (2 items, half rounded up = 1): R1 p1 4, R4 p1 2, R6 p2 5 each count with one
// answer; R2, R3, R5 answer neither: (mean(4, 2, 5) - 1) x 25 = (11/3 - 1) x 25 = 66.666..., n 3.
std::vector<StoredResponse> partialRespondents() {
  return {
      rulesResponse({code("role", 1), code("q1", 5), code("q2", 4), code("p1", 4), text("note", "judge X was rude")}),
      rulesResponse({code("role", 1), code("q1", 2), non("q2", NonAnswer::NotApplicable),
                     non("q3", NonAnswer::NotApplicable), non("q4", NonAnswer::NotApplicable)}),
      rulesResponse({code("role", 2), code("q1", 3), non("q2", NonAnswer::NotApplicable)}, "C2"),
      rulesResponse({code("role", 2), code("q1", 1), code("q2", 2), code("p1", 2)}, "C2"),
      rulesResponse({code("role", 2), code("q1", 4)}, "C2"),
      rulesResponse({code("q1", 5), code("q2", 5), code("q3", 4), code("p2", 5)}, "C2"),
  };
}

constexpr double kCoreIndex = 575.0 / 9.0;
constexpr double kPairIndex = (11.0 / 3.0 - 1.0) * 25.0;

const std::vector<Court>& rulesRegistry() {
  static const std::vector<Court> courts = {
      {"C1", {{"en", "C1"}}, "north", "district", true},
      {"C2", {{"en", "C2"}}, "north", "district", true},
      {"C3", {{"en", "C3"}}, "south", "regional", true},
  };
  return courts;
}

/// The registry's region and level on a response, as the stores fill them.
StoredResponse placed(StoredResponse r) {
  for (const Court& c : rulesRegistry()) {
    if (c.code == r.response.courtCode) {
      r.region = c.region;
      r.level = c.level;
    }
  }
  return r;
}

TEST(IndexRule, RespondentsWithFewerThanHalfOfTheShownItemsAnsweredAreLeftOut) {
  Summarizer summarizer(rulesDefinition(), {GroupBy::None, 1});
  for (const auto& r : partialRespondents()) summarizer.add(r);
  const GroupSummary g = summarizer.result().groups.at(0);
  const IndexSummary& core = indexOf(g, "core_index");
  EXPECT_EQ(core.n, 3);
  EXPECT_NEAR(*core.value, kCoreIndex, 1e-9);
  const IndexSummary& pair = indexOf(g, "pair_index");
  EXPECT_EQ(pair.n, 3);
  EXPECT_NEAR(*pair.value, kPairIndex, 1e-9);
  // The items themselves still count every answer: q1 has six.
  EXPECT_EQ(itemOf(g, "q1").n, 6);
}

// An item answered although its condition does not hold (possible when an older version's
// responses are read with a newer definition) was shown to that respondent. Role 2, q1 2 and
// q4 4: shown q1..q4 (4), answered 2 >= 2, counts with mean 3: (3 - 1) x 25 = 50.
TEST(IndexRule, AnAnsweredItemCountsAsShownEvenWhenItsConditionFails) {
  Summarizer summarizer(rulesDefinition(), {GroupBy::None, 1});
  summarizer.add(rulesResponse({code("role", 2), code("q1", 2), code("q4", 4)}));
  const SurveySummary summary = summarizer.result();  // kept: `core` refers into it
  const IndexSummary& core = indexOf(summary.groups.at(0), "core_index");
  EXPECT_EQ(core.n, 1);
  EXPECT_NEAR(*core.value, 50.0, 1e-9);
}

TEST(IndexRule, TheTrendCountsTheSameRespondents) {
  TrendBuilder builder({rulesDefinition()}, {Period::Quarter, 1});
  for (const auto& r : partialRespondents()) builder.add(r);
  const TrendReport report = builder.result();
  ASSERT_EQ(report.indices.size(), 2U);
  const IndexPoint& core = report.indices[0].segments.at(0).points.at(0);
  EXPECT_EQ(core.period, "2025-Q1");
  EXPECT_EQ(core.n, 3);
  EXPECT_NEAR(*core.value, kCoreIndex, 1e-9);
  const IndexPoint& pair = report.indices[1].segments.at(0).points.at(0);
  EXPECT_EQ(pair.n, 3);
  EXPECT_NEAR(*pair.value, kPairIndex, 1e-9);
}

TEST(IndexRule, TheEngineCountsTheSameRespondents) {
  surveys::testing::InMemoryResponseStore store;
  for (const auto& r : partialRespondents()) store.submit(r.response);
  ResultsEngine engine(store);
  const GroupSummary g = engine.summary(rulesDefinition(), rulesRegistry(), {}, {GroupBy::None, 1}).groups.at(0);
  EXPECT_EQ(indexOf(g, "core_index").n, 3);
  EXPECT_NEAR(*indexOf(g, "core_index").value, kCoreIndex, 1e-9);
  EXPECT_EQ(indexOf(g, "pair_index").n, 3);
  EXPECT_NEAR(*indexOf(g, "pair_index").value, kPairIndex, 1e-9);
  const TrendReport trend = engine.trend({rulesDefinition()}, rulesRegistry(), {}, {Period::Quarter, 1});
  EXPECT_EQ(trend.indices[0].segments.at(0).points.at(0).n, 3);
  EXPECT_NEAR(*trend.indices[0].segments.at(0).points.at(0).value, kCoreIndex, 1e-9);
}

TEST(Grouping, ByCourtLevelOfTheRegistry) {
  // C1, C2 district; C3 regional. q1: district 5, 3, 4 (mean 4); regional 2 (mean 2).
  std::vector<StoredResponse> rs = {placed(rulesResponse({code("q1", 5)}, "C1")),
                                    placed(rulesResponse({code("q1", 3)}, "C2")),
                                    placed(rulesResponse({code("q1", 4)}, "C2")),
                                    placed(rulesResponse({code("q1", 2)}, "C3"))};
  SurveyDefinition def = rulesDefinition();
  Summarizer reference(def, {GroupBy::Level, 1});
  surveys::testing::InMemoryResponseStore store;
  for (const auto& r : rs) {
    reference.add(r);
    store.submit(r.response);
  }
  ResultsEngine engine(store);
  for (const SurveySummary& summary : {reference.result(), engine.summary(def, rulesRegistry(), {}, {GroupBy::Level, 1})}) {
    EXPECT_EQ(summary.groupBy, GroupBy::Level);
    ASSERT_EQ(summary.groups.size(), 2U);
    EXPECT_EQ(summary.groups[0].key, "district");
    EXPECT_EQ(summary.groups[0].responses, 3);
    EXPECT_NEAR(*itemOf(summary.groups[0], "q1").mean, 4.0, 1e-12);
    EXPECT_EQ(summary.groups[1].key, "regional");
    EXPECT_NEAR(*itemOf(summary.groups[1], "q1").mean, 2.0, 1e-12);
  }
  EXPECT_EQ(toString(GroupBy::Level), "level");
  EXPECT_EQ(parseGroupBy("level"), GroupBy::Level);
}

// Not reported by court: region north has C1 (2 responses) and C2 (3), region south only C3 (4).
// Minimum 1, so only the court rule can suppress. By region: north shown (5 responses), south
// suppressed although 4 >= 1; total 5. With report_by_court true, south is shown (control).
std::vector<StoredResponse> threeCourts() {
  std::vector<StoredResponse> rs;
  for (int i = 0; i < 2; ++i) rs.push_back(placed(rulesResponse({code("q1", 4), code("q2", 4)}, "C1")));
  for (int i = 0; i < 3; ++i) rs.push_back(placed(rulesResponse({code("q1", 2), code("q2", 2)}, "C2")));
  for (int i = 0; i < 4; ++i) rs.push_back(placed(rulesResponse({code("q1", 5), code("q2", 5)}, "C3")));
  return rs;
}

void expectSouthSuppressed(const SurveySummary& summary, const std::string& who) {
  ASSERT_EQ(summary.groups.size(), 2U) << who;
  EXPECT_EQ(summary.groups[0].key, "north") << who;
  EXPECT_FALSE(summary.groups[0].suppressed) << who;
  EXPECT_EQ(summary.groups[0].responses, 5) << who;
  // q1 in north: 4, 4, 2, 2, 2 -> mean 14/5.
  EXPECT_NEAR(*itemOf(summary.groups[0], "q1").mean, 2.8, 1e-12) << who;
  EXPECT_EQ(summary.groups[1].key, "south") << who;
  EXPECT_TRUE(summary.groups[1].suppressed) << who;
  EXPECT_EQ(summary.groups[1].responses, 0) << who;
  EXPECT_TRUE(summary.groups[1].items.empty()) << who;
  EXPECT_TRUE(summary.groups[1].indices.empty()) << who;
  EXPECT_EQ(summary.totalResponses, 5) << who;
}

TEST(TwoCourtRule, AGroupFromOneCourtIsSuppressedWhenTheSurveyIsNotReportedByCourt) {
  SurveyDefinition def = rulesDefinition();
  def.reportByCourt = false;
  Summarizer reference(def, {GroupBy::Region, 1});
  surveys::testing::InMemoryResponseStore store;
  for (const auto& r : threeCourts()) {
    reference.add(r);
    store.submit(r.response);
  }
  ResultsEngine engine(store);
  expectSouthSuppressed(reference.result(), "reference");
  expectSouthSuppressed(engine.summary(def, rulesRegistry(), {}, {GroupBy::Region, 1}), "engine");
  // Filtered to C1 alone (the API refuses that filter; the rule still holds): one court, suppressed.
  ResultsFilter oneCourt;
  oneCourt.courts = {"C1"};
  EXPECT_TRUE(engine.summary(def, rulesRegistry(), oneCourt, {GroupBy::None, 1}).groups.at(0).suppressed);

  def.reportByCourt = true;
  const SurveySummary control = engine.summary(def, rulesRegistry(), {}, {GroupBy::Region, 1});
  EXPECT_FALSE(control.groups.at(1).suppressed);
  EXPECT_EQ(control.groups.at(1).responses, 4);
}

TEST(TwoCourtRule, MergedSummarisersTellOneCourtFromTwo) {
  SurveyDefinition def = rulesDefinition();
  def.reportByCourt = false;
  // Two summarisers of one court each: neither alone is shown, merged they are (C1 + C2).
  Summarizer first(def, {GroupBy::None, 1});
  Summarizer second(def, {GroupBy::None, 1});
  for (const auto& r : threeCourts()) (r.response.courtCode == "C1" ? first : second).add(r);
  // second holds C2 and C3: already two courts.
  EXPECT_TRUE(first.result().groups.at(0).suppressed);
  Summarizer c1Again(def, {GroupBy::None, 1});
  c1Again.add(threeCourts().front());
  first.merge(c1Again);
  EXPECT_TRUE(first.result().groups.at(0).suppressed) << "C1 twice is still one court";
  first.merge(second);
  EXPECT_FALSE(first.result().groups.at(0).suppressed);
  EXPECT_EQ(first.result().groups.at(0).responses, 10);
}

// Trend by quarter, not reported by court: 2025-Q1 has C1 (2) and C3 (2) responses, 2025-Q2 only
// C3 (3), 2025-Q3 C1 and C2 (one each). Minimum 1. Q2 is suppressed (period, items, index) though
// it has 3 responses; Q3 is shown, and its change is not computed (the previous point is suppressed).
TEST(TwoCourtRule, ATrendPeriodFromOneCourtIsSuppressed) {
  SurveyDefinition def = rulesDefinition();
  def.reportByCourt = false;
  std::vector<StoredResponse> rs;
  for (int i = 0; i < 2; ++i) rs.push_back(placed(rulesResponse({code("q1", 4)}, "C1", {2025, 2, 1})));
  for (int i = 0; i < 2; ++i) rs.push_back(placed(rulesResponse({code("q1", 2)}, "C3", {2025, 3, 1})));
  for (int i = 0; i < 3; ++i) rs.push_back(placed(rulesResponse({code("q1", 5)}, "C3", {2025, 5, 1})));
  rs.push_back(placed(rulesResponse({code("q1", 1)}, "C1", {2025, 8, 1})));
  rs.push_back(placed(rulesResponse({code("q1", 3)}, "C2", {2025, 8, 2})));
  TrendBuilder reference({def}, {Period::Quarter, 1});
  surveys::testing::InMemoryResponseStore store;
  for (const auto& r : rs) {
    reference.add(r);
    store.submit(r.response);
  }
  ResultsEngine engine(store);
  for (const TrendReport& report : {reference.result(), engine.trend({def}, rulesRegistry(), {}, {Period::Quarter, 1})}) {
    ASSERT_EQ(report.periods.size(), 3U);
    EXPECT_FALSE(report.periods[0].suppressed);
    EXPECT_EQ(report.periods[0].responses, 4);
    EXPECT_TRUE(report.periods[1].suppressed);
    EXPECT_EQ(report.periods[1].responses, 0);
    EXPECT_FALSE(report.periods[2].suppressed);
    const ItemTrend& q1 = report.items.at(1);
    ASSERT_EQ(q1.itemId, "q1");
    const auto& points = q1.segments.at(0).points;
    ASSERT_EQ(points.size(), 3U);
    EXPECT_NEAR(*points[0].mean, 3.0, 1e-12);  // 4, 4, 2, 2
    EXPECT_TRUE(points[1].suppressed);
    EXPECT_FALSE(points[1].mean);
    EXPECT_NEAR(*points[2].mean, 2.0, 1e-12);  // 1, 3
    EXPECT_FALSE(points[2].meanChange);
    EXPECT_TRUE(report.indices.at(0).segments.at(0).points.at(1).suppressed);
  }
  // Reported by court, Q2 is shown (control).
  def.reportByCourt = true;
  EXPECT_FALSE(engine.trend({def}, rulesRegistry(), {}, {Period::Quarter, 1}).periods[1].suppressed);
}

}  // namespace
}  // namespace courtvoice::analytics
