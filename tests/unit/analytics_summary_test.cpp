// Item statistics and indices of the Summarizer on small hand-made data sets. Expected values
// are computed by hand or with python3's statistics module, as noted next to each.
#include <gtest/gtest.h>

#include <stdexcept>

#include "analytics_fixtures.hpp"
#include "courtvoice/analytics/summary.hpp"

namespace courtvoice::analytics {
namespace {

using namespace testdata;

/// Summarises with no grouping and a minimum of 1, so nothing is suppressed; returns the group.
GroupSummary overall(const std::vector<StoredResponse>& responses) {
  Summarizer summarizer(makeDefinition(), SummaryOptions{GroupBy::None, 1});
  for (const auto& r : responses) summarizer.add(r);
  SurveySummary summary = summarizer.result();
  EXPECT_EQ(summary.groups.size(), 1u);
  return summary.groups.at(0);
}

TEST(ItemSummary, ScaleItemCountsMeanSdAndEvenMedian) {
  // access_find: 1,2,3,3,4,4,5,5, two "not applicable", one response without it.
  std::vector<StoredResponse> rs;
  for (int v : {1, 2, 3, 3, 4, 4, 5, 5}) rs.push_back(respond({code("access_find", v)}));
  rs.push_back(respond({non("access_find", NonAnswer::NotApplicable)}));
  rs.push_back(respond({non("access_find", NonAnswer::NotApplicable)}));
  rs.push_back(respond({code("recommend", 7)}));
  const ItemSummary item = itemOf(overall(rs), "access_find");

  EXPECT_FALSE(item.suppressed);
  EXPECT_EQ(item.n, 8);
  EXPECT_EQ(item.counts, (std::map<int, std::int64_t>{{1, 1}, {2, 1}, {3, 2}, {4, 2}, {5, 2}}));
  EXPECT_EQ(item.nonAnswers, (std::map<std::string, std::int64_t>{{"not_applicable", 2}, {"skipped", 1}}));
  // python3 -c "import statistics as s; a=[1,2,3,3,4,4,5,5]; print(s.mean(a), s.stdev(a), s.median(a))"
  //   -> 3.375 1.4078859531733587 3.5
  ASSERT_TRUE(item.mean && item.sd && item.median);
  EXPECT_NEAR(*item.mean, 3.375, 1e-12);
  EXPECT_NEAR(*item.sd, 1.4078859531733587, 1e-12);
  EXPECT_DOUBLE_EQ(*item.median, 3.5);  // (3 + 4) / 2: the two middle values of 8
  // favourable: 4,4,5,5 of 8 = 0.5; Wilson 4 of 8 (closed form, see statistics test; z = 1.959963984540054):
  //   0.2152160622138776, 0.7847839377861224
  ASSERT_TRUE(item.favourable && item.favourableCi);
  EXPECT_DOUBLE_EQ(*item.favourable, 0.5);
  EXPECT_NEAR(item.favourableCi->low, 0.2152160622138776, 1e-12);
  EXPECT_NEAR(item.favourableCi->high, 0.7847839377861224, 1e-12);
  EXPECT_FALSE(item.nps);  // NPS is for 0-10 items only
}

TEST(ItemSummary, OddMedianIsTheMiddleValue) {
  // 1,1,2,4,5,5,5: the 4th of 7 is 4 (python3 statistics.median -> 4)
  std::vector<StoredResponse> rs;
  for (int v : {5, 1, 4, 5, 2, 1, 5}) rs.push_back(respond({code("access_find", v)}));
  const ItemSummary item = itemOf(overall(rs), "access_find");
  ASSERT_TRUE(item.median);
  EXPECT_DOUBLE_EQ(*item.median, 4.0);
}

TEST(ItemSummary, NonAnswersAreLeftOutOfEveryDenominator) {
  // access_staff: 4, 5, 2 plus "not applicable" x2 and "no opinion" x1.
  // By hand: n = 3, mean 11/3, favourable 2/3 (not 2/6); Wilson 2 of 3: 0.20765960080204773,
  // 0.9385080552796038 (closed form); sd python3 statistics.stdev([4,5,2]) = 1.5275252316519468.
  std::vector<StoredResponse> rs;
  for (int v : {4, 5, 2}) rs.push_back(respond({code("access_staff", v)}));
  rs.push_back(respond({non("access_staff", NonAnswer::NotApplicable)}));
  rs.push_back(respond({non("access_staff", NonAnswer::NotApplicable)}));
  rs.push_back(respond({non("access_staff", NonAnswer::NoOpinion)}));
  const ItemSummary item = itemOf(overall(rs), "access_staff");
  EXPECT_EQ(item.n, 3);
  EXPECT_EQ(item.counts, (std::map<int, std::int64_t>{{2, 1}, {4, 1}, {5, 1}}));
  EXPECT_EQ(item.nonAnswers, (std::map<std::string, std::int64_t>{{"not_applicable", 2}, {"no_opinion", 1}}));
  EXPECT_NEAR(*item.mean, 11.0 / 3.0, 1e-12);
  EXPECT_NEAR(*item.sd, 1.5275252316519468, 1e-12);
  EXPECT_NEAR(*item.favourable, 2.0 / 3.0, 1e-12);
  EXPECT_NEAR(item.favourableCi->low, 0.20765960080204773, 1e-12);
  EXPECT_NEAR(item.favourableCi->high, 0.9385080552796038, 1e-12);
}

TEST(ItemSummary, FavourableShareAndIntervalOnSmallSet) {
  // access_staff: 5,5,4,3,2,4,1,5,4 and two "no opinion". By hand: favourable = 6 of 9.
  // Wilson 6 of 9 (closed form): 0.35420213558039626, 0.879416181613089.
  // python3 statistics: mean 3.6666666666666665, stdev 1.4142135623730951, median 4.
  std::vector<StoredResponse> rs;
  for (int v : {5, 5, 4, 3, 2, 4, 1, 5, 4}) rs.push_back(respond({code("access_staff", v)}));
  rs.push_back(respond({non("access_staff", NonAnswer::NoOpinion)}));
  rs.push_back(respond({non("access_staff", NonAnswer::NoOpinion)}));
  const ItemSummary item = itemOf(overall(rs), "access_staff");
  EXPECT_EQ(item.n, 9);
  EXPECT_NEAR(*item.favourable, 6.0 / 9.0, 1e-12);
  EXPECT_NEAR(item.favourableCi->low, 0.35420213558039626, 1e-12);
  EXPECT_NEAR(item.favourableCi->high, 0.879416181613089, 1e-12);
  EXPECT_NEAR(*item.mean, 3.6666666666666665, 1e-12);
  EXPECT_NEAR(*item.sd, 1.4142135623730951, 1e-12);
  EXPECT_DOUBLE_EQ(*item.median, 4.0);
}

TEST(ItemSummary, NetPromoterScoreOnZeroToTen) {
  // recommend: 10,9,9,8,7,6,0,3,10 and one "don't know". By hand: promoters (9-10) 4,
  // detractors (0-6) 3, n 9: NPS = (4 - 3) / 9 * 100 = 11.111..; favourable (9-10) = 4/9.
  // python3 statistics: mean 6.888888888888889, stdev 3.4075080500434787, median 8.
  // Wilson 4 of 9 (closed form): 0.1887785210976646, 0.733348706504507.
  // NPS interval (statistics test): 11.11 -+ z * 100 * sqrt((p + d - (p - d)^2) / 9), p = 4/9,
  // d = 3/9, z = scipy's norm.ppf(0.975): -46.04730313721461, 68.26952535943684.
  std::vector<StoredResponse> rs;
  for (int v : {10, 9, 9, 8, 7, 6, 0, 3, 10}) rs.push_back(respond({code("recommend", v)}));
  rs.push_back(respond({non("recommend", NonAnswer::DontKnow)}));
  const ItemSummary item = itemOf(overall(rs), "recommend");
  EXPECT_EQ(item.n, 9);
  ASSERT_TRUE(item.nps);
  EXPECT_NEAR(*item.nps, 100.0 / 9.0, 1e-12);
  ASSERT_TRUE(item.npsCi);
  EXPECT_NEAR(item.npsCi->low, -46.04730313721461, 1e-9);
  EXPECT_NEAR(item.npsCi->high, 68.26952535943684, 1e-9);
  EXPECT_NEAR(*item.favourable, 4.0 / 9.0, 1e-12);
  EXPECT_NEAR(item.favourableCi->low, 0.1887785210976646, 1e-12);
  EXPECT_NEAR(item.favourableCi->high, 0.733348706504507, 1e-12);
  EXPECT_NEAR(*item.mean, 6.888888888888889, 1e-12);
  EXPECT_NEAR(*item.sd, 3.4075080500434787, 1e-12);
  EXPECT_DOUBLE_EQ(*item.median, 8.0);
  EXPECT_EQ(item.nonAnswers, (std::map<std::string, std::int64_t>{{"dont_know", 1}}));
}

TEST(ItemSummary, NetPromoterScoreSpansMinusToPlusHundred) {
  std::vector<StoredResponse> detractors;
  for (int v : {0, 3, 6}) detractors.push_back(respond({code("recommend", v)}));
  EXPECT_DOUBLE_EQ(*itemOf(overall(detractors), "recommend").nps, -100.0);
  std::vector<StoredResponse> promoters;
  for (int v : {9, 10}) promoters.push_back(respond({code("recommend", v)}));
  EXPECT_DOUBLE_EQ(*itemOf(overall(promoters), "recommend").nps, 100.0);
  std::vector<StoredResponse> passives;
  for (int v : {7, 8}) passives.push_back(respond({code("recommend", v)}));
  EXPECT_DOUBLE_EQ(*itemOf(overall(passives), "recommend").nps, 0.0);
}

TEST(ItemSummary, NumberItemMomentsAndMedian) {
  // visits: 1,2,2,3,10,20. python3 statistics: mean 6.333333333333333, stdev 7.447594690010102,
  // median 2.5.
  std::vector<StoredResponse> rs;
  for (double v : {3.0, 20.0, 2.0, 1.0, 10.0, 2.0}) rs.push_back(respond({number("visits", v)}));
  const ItemSummary item = itemOf(overall(rs), "visits");
  EXPECT_EQ(item.n, 6);
  EXPECT_NEAR(*item.mean, 6.333333333333333, 1e-12);
  EXPECT_NEAR(*item.sd, 7.447594690010102, 1e-12);
  EXPECT_DOUBLE_EQ(*item.median, 2.5);
  EXPECT_TRUE(item.counts.empty());
  EXPECT_FALSE(item.favourable);
}

TEST(ItemSummary, SingleAnswerHasNoStandardDeviation) {
  const ItemSummary item = itemOf(overall({respond({number("visits", 4)})}), "visits");
  EXPECT_EQ(item.n, 1);
  EXPECT_DOUBLE_EQ(*item.mean, 4.0);
  EXPECT_FALSE(item.sd);
}

TEST(ItemSummary, ChoiceItemsReportCountsOnly) {
  // channels: {1,2},{2},{2,3},{1}: 4 respondents; code 1 twice, 2 three times, 3 once.
  std::vector<StoredResponse> rs;
  rs.push_back(respond({choices("channels", {1, 2}), code("appeared", 1)}));
  rs.push_back(respond({choices("channels", {2}), code("appeared", 2)}));
  rs.push_back(respond({choices("channels", {2, 3}), code("appeared", 2)}));
  rs.push_back(respond({choices("channels", {1})}));
  const GroupSummary g = overall(rs);
  const ItemSummary& multi = itemOf(g, "channels");
  EXPECT_EQ(multi.n, 4);
  EXPECT_EQ(multi.counts, (std::map<int, std::int64_t>{{1, 2}, {2, 3}, {3, 1}}));
  EXPECT_FALSE(multi.mean);
  EXPECT_FALSE(multi.median);
  EXPECT_FALSE(multi.favourable);
  const ItemSummary& single = itemOf(g, "appeared");
  EXPECT_EQ(single.n, 3);
  EXPECT_EQ(single.counts, (std::map<int, std::int64_t>{{1, 1}, {2, 2}}));
  EXPECT_EQ(single.nonAnswers, (std::map<std::string, std::int64_t>{{"skipped", 1}}));
  EXPECT_FALSE(single.mean);
}

TEST(ItemSummary, ChoiceListedTwiceCountsOnce) {
  const ItemSummary item = itemOf(overall({respond({choices("channels", {2, 3, 2})})}), "channels");
  EXPECT_EQ(item.n, 1);
  EXPECT_EQ(item.counts, (std::map<int, std::int64_t>{{2, 1}, {3, 1}}));
}

TEST(ItemSummary, TextItemsReportOnlyHowManyAnswered) {
  std::vector<StoredResponse> rs{respond({text("comment", "slow queue")}), respond({text("comment", "fine")}),
                                 respond({code("appeared", 2)})};
  const ItemSummary item = itemOf(overall(rs), "comment");
  EXPECT_EQ(item.n, 2);
  EXPECT_TRUE(item.counts.empty());
  EXPECT_FALSE(item.mean);
  EXPECT_EQ(item.nonAnswers, (std::map<std::string, std::int64_t>{{"skipped", 1}}));
}

TEST(ItemSummary, HiddenItemIsNotSkipped) {
  // fair_listened is shown only when appeared = 1.
  std::vector<StoredResponse> rs;
  rs.push_back(respond({code("appeared", 1), code("fair_listened", 4), code("access_find", 3)}));
  rs.push_back(respond({code("appeared", 1)}));  // shown, not answered: skipped
  rs.push_back(respond({code("appeared", 2)}));  // hidden: not asked
  rs.push_back(respond({code("appeared", 2)}));  // hidden: not asked
  rs.push_back(respond({code("appeared", 1), non("fair_listened", NonAnswer::NotApplicable)}));
  const GroupSummary g = overall(rs);
  const ItemSummary& fair = itemOf(g, "fair_listened");
  EXPECT_EQ(fair.n, 1);
  EXPECT_EQ(fair.nonAnswers, (std::map<std::string, std::int64_t>{{"not_applicable", 1}, {"skipped", 1}}));
  // An unconditional item absent from a response is always skipped: four of five here.
  EXPECT_EQ(itemOf(g, "access_find").nonAnswers, (std::map<std::string, std::int64_t>{{"skipped", 4}}));
}

TEST(ItemSummary, AnswersToItemsOutsideTheDefinitionAreIgnored) {
  // A response of another version may answer an item that the summarised version dropped.
  std::vector<StoredResponse> rs{respond({code("old_item", 3), code("access_find", 4)}),
                                 respond({code("access_find", 2)})};
  rs[0].response.version = 1;
  const GroupSummary g = overall(rs);
  EXPECT_EQ(g.responses, 2);
  EXPECT_EQ(itemOf(g, "access_find").n, 2);
  EXPECT_DOUBLE_EQ(*itemOf(g, "access_find").mean, 3.0);
  for (const ItemSummary& item : g.items) EXPECT_NE(item.itemId, "old_item");
}

TEST(ItemSummary, ScaleValueOutsideTheScaleIsNotCounted) {
  // Validation keeps this out of the store; if an older version scaled the item differently,
  // the value cannot be read on this version's scale and is left out.
  std::vector<StoredResponse> rs{respond({code("access_find", 9)}), respond({code("access_find", 5)})};
  const ItemSummary item = itemOf(overall(rs), "access_find");
  EXPECT_EQ(item.n, 1);
  EXPECT_EQ(item.counts, (std::map<int, std::int64_t>{{5, 1}}));
}

TEST(ItemSummary, ItemsFollowDefinitionOrder) {
  const GroupSummary g = overall({respond({code("access_find", 4)})});
  const SurveyDefinition def = makeDefinition();
  ASSERT_EQ(g.items.size(), def.items.size());
  for (std::size_t i = 0; i < def.items.size(); ++i) EXPECT_EQ(g.items[i].itemId, def.items[i].id);
}

// Indices: per respondent, the mean of their substantive 5-point answers in the index's
// dimensions; index = (mean of those respondent means - 1) * 25.
//   A: access 5, 4; fairness 2        B: access 1, N/A; fairness hidden
//   C: access 3, 3; fairness 4        D: access N/A, no opinion; fairness N/A (contributes nothing)
// By hand: access_index   = (mean(4.5, 1, 3) - 1) * 25 = (8.5/3 - 1) * 25 = 45.8333..., n 3
//          fairness_index = (mean(2, 4) - 1) * 25 = 50, n 2
//          overall_index  = (mean(11/3, 1, 10/3) - 1) * 25 = (8/3 - 1) * 25 = 41.6666..., n 3
// (python3: (statistics.mean([4.5,1,3])-1)*25 -> 45.833333333333336.) Pooling the access
// answers instead would give (16/5 - 1) * 25 = 55, so the test tells the two apart.
TEST(IndexSummary, RespondentMeansOnZeroToHundred) {
  std::vector<StoredResponse> rs;
  rs.push_back(respond({code("access_find", 5), code("access_staff", 4), code("access_rating", 10),
                        code("appeared", 1), code("fair_listened", 2)}));
  rs.push_back(respond({code("access_find", 1), non("access_staff", NonAnswer::NotApplicable),
                        code("access_rating", 0), code("appeared", 2)}));
  rs.push_back(respond({code("access_find", 3), code("access_staff", 3), code("appeared", 1),
                        code("fair_listened", 4)}));
  rs.push_back(respond({non("access_find", NonAnswer::NotApplicable), non("access_staff", NonAnswer::NoOpinion),
                        code("appeared", 1), non("fair_listened", NonAnswer::NotApplicable)}));
  const GroupSummary g = overall(rs);
  ASSERT_EQ(g.indices.size(), 3u);
  EXPECT_EQ(g.indices[0].indexId, "access_index");
  EXPECT_EQ(g.indices[1].indexId, "fairness_index");
  EXPECT_EQ(g.indices[2].indexId, "overall_index");
  const IndexSummary& access = indexOf(g, "access_index");
  EXPECT_EQ(access.n, 3);
  EXPECT_NEAR(*access.value, 45.833333333333336, 1e-9);
  const IndexSummary& fairness = indexOf(g, "fairness_index");
  EXPECT_EQ(fairness.n, 2);
  EXPECT_NEAR(*fairness.value, 50.0, 1e-9);
  const IndexSummary& all = indexOf(g, "overall_index");
  EXPECT_EQ(all.n, 3);
  EXPECT_NEAR(*all.value, (8.0 / 3.0 - 1.0) * 25.0, 1e-9);
}

TEST(IndexSummary, AllOnesIsZeroAndAllFivesIsHundred) {
  std::vector<StoredResponse> low{respond({code("access_find", 1), code("access_staff", 1)}),
                                  respond({code("access_find", 1)})};
  EXPECT_DOUBLE_EQ(*indexOf(overall(low), "access_index").value, 0.0);
  std::vector<StoredResponse> high{respond({code("access_find", 5), code("access_staff", 5)}),
                                   respond({code("access_staff", 5)})};
  EXPECT_DOUBLE_EQ(*indexOf(overall(high), "access_index").value, 100.0);
}

TEST(IndexSummary, NoContributorsMeansNoValue) {
  // Nobody answered a fairness item; with a minimum of 1 the index is suppressed (n 0 < 1).
  const GroupSummary g = overall({respond({code("access_find", 4)})});
  const IndexSummary& fairness = indexOf(g, "fairness_index");
  EXPECT_TRUE(fairness.suppressed);
  EXPECT_FALSE(fairness.value);
  EXPECT_EQ(fairness.n, 0);
}

TEST(Summarizer, RejectsResponsesOfAnotherSurvey) {
  Summarizer summarizer(makeDefinition(), SummaryOptions{});
  StoredResponse other = respond({code("access_find", 4)});
  other.response.surveyId = "staff_survey";
  EXPECT_THROW(summarizer.add(other), std::invalid_argument);
}

TEST(Summarizer, RejectsNegativeMinimum) {
  EXPECT_THROW(Summarizer(makeDefinition(), SummaryOptions{GroupBy::None, -1}), std::invalid_argument);
}

TEST(GroupByNames, RoundTrip) {
  for (GroupBy g : {GroupBy::None, GroupBy::Court, GroupBy::Region, GroupBy::Month, GroupBy::Quarter}) {
    EXPECT_EQ(parseGroupBy(toString(g)), g);
  }
  EXPECT_EQ(toString(GroupBy::Quarter), "quarter");
  EXPECT_EQ(parseGroupBy("court"), GroupBy::Court);
  EXPECT_FALSE(parseGroupBy("week"));
  EXPECT_FALSE(parseGroupBy(""));
}

}  // namespace
}  // namespace courtvoice::analytics
