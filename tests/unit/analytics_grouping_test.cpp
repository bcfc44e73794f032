// Grouping by court, region, month and quarter, and suppression of small groups and cells.
#include <gtest/gtest.h>

#include <stdexcept>

#include "analytics_fixtures.hpp"
#include "courtvoice/analytics/summary.hpp"

namespace courtvoice::analytics {
namespace {

using namespace testdata;

// Five responses; access_find answers 1..5 so every group has a known mean.
//   C1 north 2024-12-31 -> 1     C1 north 2025-01-15 -> 2     C2 north 2025-02-03 -> 3
//   C3 south 2025-04-10 -> 4     C3 south 2025-04-11 -> 5
std::vector<StoredResponse> fiveResponses() {
  return {respond({code("access_find", 4)}, "C3", "south", {2025, 4, 10}),
          respond({code("access_find", 1)}, "C1", "north", {2024, 12, 31}),
          respond({code("access_find", 3)}, "C2", "north", {2025, 2, 3}),
          respond({code("access_find", 5)}, "C3", "south", {2025, 4, 11}),
          respond({code("access_find", 2)}, "C1", "north", {2025, 1, 15})};
}

SurveySummary summarizeFive(GroupBy groupBy) {
  Summarizer summarizer(makeDefinition(), SummaryOptions{groupBy, 1});
  for (const auto& r : fiveResponses()) summarizer.add(r);
  return summarizer.result();
}

struct Expected {
  std::string key;
  std::int64_t responses;
  double mean;  // of access_find, by hand
};

void expectGroups(const SurveySummary& summary, const std::vector<Expected>& expected) {
  ASSERT_EQ(summary.groups.size(), expected.size());
  for (std::size_t i = 0; i < expected.size(); ++i) {
    const GroupSummary& g = summary.groups[i];
    EXPECT_EQ(g.key, expected[i].key);
    EXPECT_EQ(g.responses, expected[i].responses) << g.key;
    EXPECT_FALSE(g.suppressed) << g.key;
    EXPECT_NEAR(*itemOf(g, "access_find").mean, expected[i].mean, 1e-12) << g.key;
  }
  EXPECT_EQ(summary.totalResponses, 5);
}

TEST(SummaryGrouping, NoneIsOneGroupWithEmptyKey) {
  const SurveySummary s = summarizeFive(GroupBy::None);
  EXPECT_EQ(s.groupBy, GroupBy::None);
  expectGroups(s, {{"", 5, 3.0}});
}

TEST(SummaryGrouping, ByCourtSortedByCode) {
  expectGroups(summarizeFive(GroupBy::Court), {{"C1", 2, 1.5}, {"C2", 1, 3.0}, {"C3", 2, 4.5}});
}

TEST(SummaryGrouping, ByRegion) {
  expectGroups(summarizeFive(GroupBy::Region), {{"north", 3, 2.0}, {"south", 2, 4.5}});
}

TEST(SummaryGrouping, ByMonth) {
  expectGroups(summarizeFive(GroupBy::Month),
               {{"2024-12", 1, 1.0}, {"2025-01", 1, 2.0}, {"2025-02", 1, 3.0}, {"2025-04", 2, 4.5}});
}

TEST(SummaryGrouping, ByQuarter) {
  expectGroups(summarizeFive(GroupBy::Quarter), {{"2024-Q4", 1, 1.0}, {"2025-Q1", 2, 2.5}, {"2025-Q2", 2, 4.5}});
}

// Suppression with a minimum of 3: court C1 has 4 responses, C2 has 2.
SurveySummary summarizeForSuppression() {
  std::vector<StoredResponse> rs;
  // C1: access_find by all 4; fair_listened answered by 2 (under the minimum); fairness index
  // contributed by those 2 only.
  rs.push_back(respond({code("access_find", 4), code("appeared", 1), code("fair_listened", 5)}, "C1"));
  rs.push_back(respond({code("access_find", 5), code("appeared", 1), code("fair_listened", 2)}, "C1"));
  rs.push_back(respond({code("access_find", 2), code("appeared", 2)}, "C1"));
  rs.push_back(respond({code("access_find", 3), code("appeared", 1), non("fair_listened", NonAnswer::DontKnow)}, "C1"));
  rs.push_back(respond({code("access_find", 1), code("appeared", 1), code("fair_listened", 1)}, "C2"));
  rs.push_back(respond({code("access_find", 1)}, "C2"));
  Summarizer summarizer(makeDefinition(), SummaryOptions{GroupBy::Court, 3});
  for (const auto& r : rs) summarizer.add(r);
  return summarizer.result();
}

TEST(SummarySuppression, GroupUnderMinimumShowsNothingNotEvenItsCount) {
  const SurveySummary s = summarizeForSuppression();
  EXPECT_EQ(s.minGroupSize, 3);
  ASSERT_EQ(s.groups.size(), 2u);
  const GroupSummary& c2 = s.groups[1];
  EXPECT_EQ(c2.key, "C2");
  EXPECT_TRUE(c2.suppressed);
  EXPECT_EQ(c2.responses, 0);
  EXPECT_TRUE(c2.items.empty());
  EXPECT_TRUE(c2.indices.empty());
  // The total counts only what is shown, so total minus C1 does not give C2's size away.
  EXPECT_EQ(s.totalResponses, 4);
}

TEST(SummarySuppression, GroupAtMinimumIsShown) {
  const SurveySummary s = summarizeForSuppression();
  const GroupSummary& c1 = s.groups[0];
  EXPECT_EQ(c1.key, "C1");
  EXPECT_FALSE(c1.suppressed);
  EXPECT_EQ(c1.responses, 4);
  const ItemSummary& find = itemOf(c1, "access_find");
  EXPECT_FALSE(find.suppressed);
  EXPECT_EQ(find.n, 4);
  EXPECT_NEAR(*find.mean, 3.5, 1e-12);  // (4+5+2+3)/4, by hand
  EXPECT_FALSE(indexOf(c1, "access_index").suppressed);
  EXPECT_EQ(indexOf(c1, "access_index").n, 4);
}

TEST(SummarySuppression, ItemUnderMinimumInsideShownGroupShowsNothing) {
  const GroupSummary c1 = summarizeForSuppression().groups[0];
  const ItemSummary& fair = itemOf(c1, "fair_listened");  // 2 substantive answers < 3
  EXPECT_TRUE(fair.suppressed);
  EXPECT_EQ(fair.n, 0);
  EXPECT_TRUE(fair.counts.empty());
  EXPECT_TRUE(fair.nonAnswers.empty());  // with responses and skipped they would give n away
  EXPECT_FALSE(fair.mean);
  EXPECT_FALSE(fair.sd);
  EXPECT_FALSE(fair.median);
  EXPECT_FALSE(fair.favourable);
  EXPECT_FALSE(fair.favourableCi);
  const IndexSummary& fairness = indexOf(c1, "fairness_index");  // 2 respondents < 3
  EXPECT_TRUE(fairness.suppressed);
  EXPECT_EQ(fairness.n, 0);
  EXPECT_FALSE(fairness.value);
}

TEST(SummarySuppression, ZeroMinimumUsesTheDefinitionsDefault) {
  // A citizen survey with no minimum of its own: 5 (domain.md). Four responses are too few.
  SurveyDefinition def = makeDefinition();
  def.minGroupSize = 0;
  Summarizer summarizer(def, SummaryOptions{GroupBy::None, 0});
  for (int v : {1, 2, 3, 4}) summarizer.add(respond({code("access_find", v)}));
  SurveySummary s = summarizer.result();
  EXPECT_EQ(s.minGroupSize, 5);
  ASSERT_EQ(s.groups.size(), 1u);
  EXPECT_TRUE(s.groups[0].suppressed);
  summarizer.add(respond({code("access_find", 5)}));
  s = summarizer.result();
  EXPECT_FALSE(s.groups[0].suppressed);
  EXPECT_EQ(s.groups[0].responses, 5);
}

TEST(SummarySuppression, StaffSurveysDefaultToTen) {
  SurveyDefinition def = makeDefinition();
  def.audience = surveys::Audience::Staff;
  Summarizer summarizer(def, SummaryOptions{});
  for (int i = 0; i < 9; ++i) summarizer.add(respond({code("access_find", 4)}));
  const SurveySummary s = summarizer.result();
  EXPECT_EQ(s.minGroupSize, 10);
  EXPECT_TRUE(s.groups.at(0).suppressed);
}

TEST(SummarySuppression, DefinitionMinimumApplies) {
  SurveyDefinition def = makeDefinition();
  def.minGroupSize = 2;
  Summarizer summarizer(def, SummaryOptions{});
  for (int v : {2, 4}) summarizer.add(respond({code("access_find", v)}));
  const SurveySummary s = summarizer.result();
  EXPECT_EQ(s.minGroupSize, 2);
  EXPECT_FALSE(s.groups.at(0).suppressed);
  EXPECT_NEAR(*itemOf(s.groups[0], "access_find").mean, 3.0, 1e-12);
}

TEST(SummarySuppression, NoResponsesAtAllIsOneSuppressedGroup) {
  const SurveySummary s = Summarizer(makeDefinition(), SummaryOptions{}).result();
  ASSERT_EQ(s.groups.size(), 1u);
  EXPECT_EQ(s.groups[0].key, "");
  EXPECT_TRUE(s.groups[0].suppressed);
  EXPECT_EQ(s.totalResponses, 0);
  EXPECT_EQ(s.surveyId, "court_user");
}

}  // namespace
}  // namespace courtvoice::analytics
