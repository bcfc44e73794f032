// The league table's statistics (analytics/league.hpp) against figures computed independently
// with scipy (tests/fixtures/league_welch.py -> league_welch.json: Welch's t test by
// scipy.stats.ttest_ind(equal_var=False), interval with t(0.975, floor(df)), times 25 into index
// points), and the periods it compares.
#include <fstream>
#include <sstream>

#include <gtest/gtest.h>
#include <Poco/JSON/Parser.h>

#include "courtvoice/analytics/league.hpp"

namespace courtvoice::analytics {
namespace {

Poco::JSON::Object::Ptr fixture() {
  std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/tests/fixtures/league_welch.json");
  std::stringstream text;
  text << in.rdbuf();
  return Poco::JSON::Parser().parse(text.str()).extract<Poco::JSON::Object::Ptr>();
}

std::vector<double> numbers(const Poco::JSON::Object::Ptr& object, const std::string& key) {
  std::vector<double> out;
  const auto array = object->getArray(key);
  for (std::size_t i = 0; i < array->size(); ++i) out.push_back(array->getElement<double>(static_cast<unsigned>(i)));
  return out;
}

Moments momentsOf(const std::vector<double>& values) {
  Moments m;
  for (double v : values) m.merge(Moments{1, v, 0.0});
  return m;
}

GroupSummary groupOf(const std::string& key, const std::vector<double>& respondentMeans) {
  GroupSummary group;
  group.key = key;
  group.responses = static_cast<std::int64_t>(respondentMeans.size());
  IndexSummary index;
  index.indexId = "fairness_index";
  index.moments = momentsOf(respondentMeans);
  index.n = index.moments.n;
  index.value = (index.moments.mean - 1) * 25;
  index.ci = indexInterval95(index.moments);
  index.suppressed = false;
  group.indices.push_back(index);
  return group;
}

SurveySummary summaryOf(std::vector<GroupSummary> groups) {
  SurveySummary s;
  s.minGroupSize = 5;
  s.groups = std::move(groups);
  return s;
}

void expectChange(const std::optional<MeanChange>& got, const Poco::JSON::Object::Ptr& want) {
  ASSERT_TRUE(got.has_value());
  EXPECT_NEAR(got->difference, want->getValue<double>("difference"), 1e-9);
  EXPECT_NEAR(got->t, want->getValue<double>("t"), 1e-9);
  EXPECT_NEAR(got->df, want->getValue<double>("df"), 1e-9);
  // tQuantile95 is exact to about 1e-6 (statistics.cpp), so the bounds are within that times the SE.
  EXPECT_NEAR(got->ci.low, want->getValue<double>("low"), 1e-4);
  EXPECT_NEAR(got->ci.high, want->getValue<double>("high"), 1e-4);
  EXPECT_EQ(got->significant, want->getValue<bool>("significant"));
}

struct LeagueFixture : ::testing::Test {
  Poco::JSON::Object::Ptr f = fixture();
  std::vector<double> now = numbers(f, "court_now");
  std::vector<double> rest = numbers(f, "rest_now");

  LeagueTable table(const std::vector<double>& courtNow, const std::vector<double>& previous,
                    const std::vector<double>& yearAgo) {
    std::vector<double> country = courtNow;
    country.insert(country.end(), rest.begin(), rest.end());
    return buildLeague({"AST-01"}, summaryOf({groupOf("AST-01", courtNow)}), summaryOf({groupOf("AST-01", previous)}),
                       summaryOf({groupOf("AST-01", yearAgo)}), summaryOf({groupOf("", country)}), "");
  }
};

TEST_F(LeagueFixture, ChangesFromPreviousPeriodAndYearAgoMatchScipyWelch) {
  const LeagueTable t = table(now, numbers(f, "court_previous"), numbers(f, "court_year_ago"));
  ASSERT_EQ(t.rows.size(), 1u);
  const LeagueIndex& index = t.rows[0].indices.at(0);
  ASSERT_FALSE(index.suppressed);
  EXPECT_NEAR(*index.value, f->getObject("index_now")->getValue<double>("value"), 1e-9);
  EXPECT_NEAR(index.ci->low, f->getObject("index_now")->getValue<double>("low"), 1e-4);
  EXPECT_NEAR(index.ci->high, f->getObject("index_now")->getValue<double>("high"), 1e-4);
  expectChange(index.changePrevious, f->getObject("change_previous"));   // significant
  expectChange(index.changeYearAgo, f->getObject("change_year_ago"));    // not significant
}

TEST_F(LeagueFixture, CourtAgainstTheRestOfTheCountryMatchesScipyWelch) {
  // The national figure holds the court's respondents: the test is against the others only.
  const LeagueTable t = table(now, numbers(f, "court_previous"), numbers(f, "court_year_ago"));
  expectChange(t.rows[0].indices.at(0).versusRest, f->getObject("versus_rest"));
  EXPECT_GT(t.rows[0].indices.at(0).versusRest->difference, 0);
}

TEST_F(LeagueFixture, CourtWithoutSpreadIsStillTestedAgainstTheRest) {
  const auto flat = numbers(f, "flat_court");
  const LeagueTable t = table(flat, numbers(f, "court_previous"), numbers(f, "court_year_ago"));
  expectChange(t.rows[0].indices.at(0).versusRest, f->getObject("flat_versus_rest"));
}

TEST(LeagueStatistics, TwoRespondentsOnEachSideMatchScipyAndAreNotSignificant) {
  const auto f = fixture()->getObject("two_and_two");
  expectChange(compareIndices(momentsOf(numbers(f, "earlier")), momentsOf(numbers(f, "later"))), f);
}

TEST(LeagueStatistics, MomentsWithoutAPartAreThoseOfTheRest) {
  const std::vector<double> part{1, 2, 2, 5};
  const std::vector<double> rest{3, 3, 4, 5, 1, 2};
  std::vector<double> all = part;
  all.insert(all.end(), rest.begin(), rest.end());
  const Moments got = momentsWithout(momentsOf(all), momentsOf(part));
  EXPECT_EQ(got.n, 6);
  EXPECT_NEAR(got.mean, 3.0, 1e-12);
  EXPECT_NEAR(got.m2, 10.0, 1e-9);  // sum of (x - 3)^2 over the rest
}

TEST(LeagueStatistics, SuppressedOrMissingCourtsHaveNoNumbersAndNoChanges) {
  GroupSummary small;
  small.key = "SMALL";
  small.suppressed = true;
  GroupSummary big = groupOf("BIG", {4, 4.5, 3, 5, 4, 3.5});
  GroupSummary bigBefore = groupOf("BIG", {4, 4.5, 3, 5, 4, 3.5});
  bigBefore.indices[0].suppressed = true;  // the previous period's index under the minimum: no change
  const LeagueTable t = buildLeague({"BIG", "NONE", "SMALL"}, summaryOf({big, small}), summaryOf({bigBefore}),
                                    summaryOf({}), summaryOf({groupOf("", {4, 4.5, 3, 5, 4, 3.5, 1, 2})}), "");
  ASSERT_EQ(t.rows.size(), 3u);
  EXPECT_FALSE(t.rows[0].suppressed);
  EXPECT_FALSE(t.rows[0].indices[0].changePrevious.has_value());
  EXPECT_FALSE(t.rows[0].indices[0].changeYearAgo.has_value());
  EXPECT_TRUE(t.rows[0].indices[0].versusRest.has_value());
  EXPECT_TRUE(t.rows[1].suppressed);
  EXPECT_TRUE(t.rows[1].indices.empty());
  EXPECT_TRUE(t.rows[2].suppressed);
  EXPECT_EQ(t.rows[2].responses, 0);
}

TEST(LeaguePeriodsTest, QuarterHasThePreviousQuarterAndTheSameQuarterAYearBefore) {
  const auto p = quarterPeriods("2025-Q1");
  ASSERT_TRUE(p.has_value());
  EXPECT_EQ(p->current.from.toString(), "2025-01-01");
  EXPECT_EQ(p->current.to.toString(), "2025-03-31");
  EXPECT_EQ(p->previous.from.toString(), "2024-10-01");
  EXPECT_EQ(p->previous.to.toString(), "2024-12-31");
  EXPECT_EQ(p->yearAgo.from.toString(), "2024-01-01");
  EXPECT_EQ(p->yearAgo.to.toString(), "2024-03-31");
  EXPECT_FALSE(quarterPeriods("2025-Q5"));
  EXPECT_FALSE(quarterPeriods("2025-3"));
}

TEST(LeaguePeriodsTest, LatestCompleteQuarterIsTheOneBeforeToday) {
  EXPECT_EQ(latestCompleteQuarter(surveys::Date{2026, 11, 30}).key, "2026-Q3");
  EXPECT_EQ(latestCompleteQuarter(surveys::Date{2026, 1, 1}).key, "2025-Q4");
  EXPECT_EQ(latestCompleteQuarter(surveys::Date{2026, 4, 1}).current.to.toString(), "2026-03-31");
}

TEST(LeaguePeriodsTest, SpanOfDaysComparesWithAsManyDaysBeforeAndTheSameDatesAYearBefore) {
  const auto p = spanPeriods(surveys::Date{2024, 3, 1}, surveys::Date{2024, 3, 31});
  EXPECT_EQ(p.key, "");
  EXPECT_EQ(p.previous.from.toString(), "2024-01-30");  // 31 days before 1 March in a leap year
  EXPECT_EQ(p.previous.to.toString(), "2024-02-29");
  const auto leap = spanPeriods(surveys::Date{2024, 2, 1}, surveys::Date{2024, 2, 29});
  EXPECT_EQ(leap.yearAgo.from.toString(), "2023-02-01");
  EXPECT_EQ(leap.yearAgo.to.toString(), "2023-02-28");
}

}  // namespace
}  // namespace courtvoice::analytics
