// SummaryService::trendJson over the in-memory stores: one series per kept item across two
// versions, a break where an item changed meaning, suppressed periods without numbers, and the
// request's checks.
#include <gtest/gtest.h>

#include <Poco/JSON/Parser.h>

#include "../support/version_samples.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

using surveys::ErrorKind;
using surveys::testing::datedResponse;
using surveys::testing::importBodyOf;
using testing::domainErrorOf;
using testing::kSurveyJson;
using testing::ServiceFixture;

const std::string kSurveyV2Json = surveys::testing::secondVersionJson("unit_survey");

Poco::JSON::Object::Ptr parse(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

Poco::JSON::Object::Ptr withKey(const Poco::JSON::Array::Ptr& array, const std::string& key, const std::string& value) {
  for (std::size_t i = 0; i < array->size(); ++i) {
    auto object = array->getObject(static_cast<unsigned>(i));
    if (object->getValue<std::string>(key) == value) return object;
  }
  ADD_FAILURE() << "no entry with " << key << " = " << value;
  return new Poco::JSON::Object;
}

std::vector<std::string> keysOf(const Poco::JSON::Object::Ptr& object) {
  std::vector<std::string> keys;
  for (const auto& [key, value] : *object) keys.push_back(key);
  return keys;
}

/// Version 1 published with trendResponsesV1 (Q1); version 2 published (version 1 closes)
/// with trendResponsesV2 (Q2 and a small Q3). See tests/support/version_samples.hpp.
void importTwoVersions(ServiceFixture& f) {
  f.clock.set({2025, 12, 31});
  f.admin.createVersion(kSurveyJson);
  f.admin.publish("unit_survey", 1);
  ASSERT_EQ(f.admin.importResponses("unit_survey", importBodyOf(1, surveys::testing::trendResponsesV1())).created, 10U);
  f.admin.createVersion(kSurveyV2Json);
  f.admin.publish("unit_survey", 2);
  ASSERT_EQ(f.admin.importResponses("unit_survey", importBodyOf(2, surveys::testing::trendResponsesV2())).created, 12U);
}

TEST(TrendJson, KeptItemIsOneSeriesWithItsChangeAcrossVersions) {
  ServiceFixture f;
  importTwoVersions(f);

  const auto trend = parse(f.summary.trendJson("unit_survey", makeTrendRequest({}, {}, {}, {}, "quarter", "en")));

  EXPECT_EQ(trend->getValue<std::string>("period"), "quarter");
  EXPECT_EQ(trend->getValue<std::string>("title"), "Survey 2");
  EXPECT_EQ(trend->getValue<int>("min_group_size"), 5);
  const auto access = withKey(trend->getArray("items"), "id", "access_find");
  EXPECT_EQ(access->getValue<std::string>("text"), "Finding the court was easy.");
  const auto segments = access->getArray("segments");
  ASSERT_EQ(segments->size(), 1U) << "a kept item is one series across versions 1 and 2";
  EXPECT_EQ(segments->getObject(0)->getValue<int>("from_version"), 1);
  EXPECT_EQ(segments->getObject(0)->getValue<int>("to_version"), 2);
  const auto points = segments->getObject(0)->getArray("points");
  ASSERT_EQ(points->size(), 3U);
  const auto q1 = points->getObject(0);
  const auto q2 = points->getObject(1);
  EXPECT_EQ(q1->getValue<std::string>("period"), "2025-Q1");
  EXPECT_EQ(q2->getValue<std::string>("period"), "2025-Q2");
  EXPECT_TRUE(q1->isNull("favourable_change")) << "the first point has nothing to compare with";

  // Q1 favourable (4-5) 2 of 10, Q2 9 of 10: d = 0.7. Newcombe's hybrid score interval from the
  // Wilson intervals at z = 1.959963984540054 (scipy, as tests/fixtures/trend_statistics.py
  // computes it): 0.265827 .. 0.865180, excluding 0: significant; the p-value of the interval
  // that just touches 0 is 0.001034 (brentq on the level).
  EXPECT_EQ(q1->getValue<int>("n"), 10);
  EXPECT_NEAR(q1->getValue<double>("favourable"), 0.2, 1e-9);
  EXPECT_NEAR(q2->getValue<double>("favourable"), 0.9, 1e-9);
  // Wilson 95% for 2 of 10: 0.0567 .. 0.5098 (python3).
  EXPECT_NEAR(q1->getObject("favourable_ci")->getValue<double>("low"), 0.0567, 1e-4);
  EXPECT_NEAR(q1->getObject("favourable_ci")->getValue<double>("high"), 0.5098, 1e-4);
  EXPECT_FALSE(q1->getValue<bool>("partial"));
  EXPECT_TRUE(q1->isNull("partial_reason"));
  const auto change = q2->getObject("favourable_change");
  EXPECT_NEAR(change->getValue<double>("difference"), 0.7, 1e-9);
  EXPECT_FALSE(change->has("z")) << "the pooled z test is gone: the mark follows the interval";
  EXPECT_NEAR(change->getValue<double>("low"), 0.2658266097008861, 1e-9);
  EXPECT_NEAR(change->getValue<double>("high"), 0.865179666083185, 1e-9);
  EXPECT_NEAR(change->getValue<double>("p_value"), 0.0010340954317166733, 1e-9);
  EXPECT_TRUE(change->getValue<bool>("significant"));
  // One test in the family (Q1 -> Q2; Q3 is suppressed): Holm leaves p as it is.
  EXPECT_NEAR(change->getValue<double>("p_adjusted"), 0.0010340954317166733, 1e-9);
  EXPECT_TRUE(change->getValue<bool>("significant_adjusted"));
  const auto tests = access->getObject("tests")->getObject("favourable")->getObject("previous");
  EXPECT_EQ(tests->getValue<int>("tests"), 1);
  EXPECT_NEAR(tests->getValue<double>("expected_by_chance"), 0.05, 1e-12);
  // Q1 is the baseline (the first full quarter); Q2 vs baseline is the same comparison here.
  EXPECT_EQ(segments->getObject(0)->getValue<std::string>("baseline"), "2025-Q1");
  EXPECT_NEAR(q2->getObject("favourable_vs_baseline")->getValue<double>("p_value"), 0.0010340954317166733, 1e-9);
  EXPECT_TRUE(q2->isNull("favourable_vs_year_ago"));
  // Means 2.5 and 4.3, sample variances 1.16667 and 0.45556: Welch t = 1.8 / sqrt(0.116667 +
  // 0.045556) = 4.4691, df (Welch-Satterthwaite) 15.10.
  const auto meanChange = q2->getObject("mean_change");
  EXPECT_NEAR(meanChange->getValue<double>("difference"), 1.8, 1e-9);
  EXPECT_NEAR(meanChange->getValue<double>("t"), 4.4691, 1e-4);
  EXPECT_NEAR(meanChange->getValue<double>("df"), 15.10, 1e-2);
  EXPECT_TRUE(meanChange->getValue<bool>("significant"));

  // Q3 has two responses: only its period and that it is suppressed, no number at all.
  EXPECT_EQ(keysOf(points->getObject(2)), (std::vector<std::string>{"period", "suppressed"}));
  EXPECT_TRUE(points->getObject(2)->getValue<bool>("suppressed"));
  EXPECT_EQ(points->getObject(2)->getValue<std::string>("period"), "2025-Q3");
}

TEST(TrendJson, ChangedItemBreaksItsSeriesWithNoChangeAcrossTheBreak) {
  ServiceFixture f;
  importTwoVersions(f);

  const auto trend = parse(f.summary.trendJson("unit_survey", makeTrendRequest({}, {}, {}, {}, {}, {})));

  const auto fair = withKey(trend->getArray("items"), "id", "fair_listened");
  const auto segments = fair->getArray("segments");
  ASSERT_EQ(segments->size(), 2U);
  EXPECT_EQ(segments->getObject(0)->getValue<int>("to_version"), 1);
  EXPECT_EQ(segments->getObject(1)->getValue<int>("from_version"), 2);
  const auto before = segments->getObject(0)->getArray("points");
  const auto after = segments->getObject(1)->getArray("points");
  ASSERT_EQ(before->size(), 1U);
  EXPECT_EQ(before->getObject(0)->getValue<std::string>("period"), "2025-Q1");
  EXPECT_NEAR(before->getObject(0)->getValue<double>("favourable"), 0.8, 1e-9);  // 8 of 10 at 4-5
  ASSERT_GE(after->size(), 1U);
  EXPECT_EQ(after->getObject(0)->getValue<std::string>("period"), "2025-Q2");
  EXPECT_NEAR(after->getObject(0)->getValue<double>("favourable"), 0.1, 1e-9);  // 1 of 10
  EXPECT_TRUE(after->getObject(0)->isNull("favourable_change")) << "never compared across the break";
  EXPECT_TRUE(after->getObject(0)->isNull("mean_change"));

  const auto breaks = trend->getArray("breaks");
  ASSERT_EQ(breaks->size(), 1U);
  const auto seriesBreak = breaks->getObject(0);
  EXPECT_EQ(seriesBreak->getValue<std::string>("item"), "fair_listened");
  EXPECT_EQ(seriesBreak->getValue<int>("version"), 2);
  EXPECT_EQ(seriesBreak->getValue<std::string>("period"), "2025-Q2");
  EXPECT_EQ(seriesBreak->getValue<std::string>("reason"), "series_break");

  // The new item starts with its version; the dropped one stops with version 1's answers.
  const auto wait = withKey(trend->getArray("items"), "id", "wait_time")->getArray("segments");
  ASSERT_EQ(wait->size(), 1U);
  EXPECT_EQ(wait->getObject(0)->getArray("points")->getObject(0)->getValue<std::string>("period"), "2025-Q2");
  const auto comment = withKey(trend->getArray("items"), "id", "comment")->getArray("segments");
  ASSERT_EQ(comment->size(), 1U);
  EXPECT_EQ(comment->getObject(0)->getValue<int>("to_version"), 1);
  EXPECT_TRUE(trend->getArray("index_breaks")->size() == 0U) << "the access index keeps its meaning";
  EXPECT_EQ(trend->getValue<int>("ignored_responses"), 0);
}

TEST(TrendJson, PeriodsAndIndicesCarryCountsAndSmallPeriodsNone) {
  ServiceFixture f;
  importTwoVersions(f);

  const auto trend = parse(f.summary.trendJson("unit_survey", makeTrendRequest({}, {}, {}, {}, "quarter", "kk")));

  const auto periods = trend->getArray("periods");
  ASSERT_EQ(periods->size(), 3U);
  EXPECT_EQ(periods->getObject(0)->getValue<int>("responses"), 10);
  EXPECT_EQ(periods->getObject(1)->getValue<int>("responses"), 10);
  EXPECT_EQ(keysOf(periods->getObject(2)), (std::vector<std::string>{"period", "suppressed"}));

  const auto index = withKey(trend->getArray("indices"), "id", "access_index");
  EXPECT_EQ(index->getValue<std::string>("name"), "Қолжетімділік");
  const auto points = index->getArray("segments")->getObject(0)->getArray("points");
  // Each respondent has one access item: (mean - 1) * 25 = (2.5 - 1) * 25 = 37.5, then
  // (4.3 - 1) * 25 = 82.5; the change is Welch's t on the 0..100 scale, 25 times the item's.
  EXPECT_NEAR(points->getObject(0)->getValue<double>("value"), 37.5, 1e-9);
  EXPECT_NEAR(points->getObject(1)->getValue<double>("value"), 82.5, 1e-9);
  EXPECT_NEAR(points->getObject(1)->getObject("change")->getValue<double>("difference"), 45.0, 1e-9);
  EXPECT_NEAR(points->getObject(1)->getObject("change")->getValue<double>("t"), 4.4691, 1e-4);
  // Welch's p on floor(df) = 15 degrees of freedom (scipy: 2 * t.sf(4.469072, 15)).
  EXPECT_NEAR(points->getObject(1)->getObject("change")->getValue<double>("p_value"), 0.00045023255858383046, 1e-9);
  // The index interval: t on the respondents' means (scipy t.interval, 9 df) times 25.
  EXPECT_NEAR(points->getObject(0)->getObject("ci")->getValue<double>("low"), 18.183155773775173, 1e-6);
  EXPECT_NEAR(points->getObject(0)->getObject("ci")->getValue<double>("high"), 56.81684422622483, 1e-6);
  EXPECT_EQ(keysOf(points->getObject(2)), (std::vector<std::string>{"period", "suppressed"}));
}

TEST(TrendJson, DraftsAreLeftOutAndFiltersAreEchoed) {
  ServiceFixture f;
  importTwoVersions(f);
  f.admin.createVersion(kSurveyV2Json);  // version 3, a draft with the same title
  const auto request = makeTrendRequest({"ALM-01"}, {}, "2025-04-01", {}, "month", "ru");
  // April holds four responses, May and June three each, August two: a range over them is refused
  // (disclosure control, issue 9), naming the first small month, until each holds the minimum of five.
  const auto refused = domainErrorOf([&] { f.summary.trendJson("unit_survey", request); });
  EXPECT_EQ(refused.code(), "slice_too_small");
  EXPECT_EQ(refused.field(), "from");
  EXPECT_NE(std::string(refused.what()).find("2025-04"), std::string::npos) << refused.what();
  std::vector<std::string> more;
  const auto addTo = [&](const std::string& date, int count) {
    for (int i = 0; i < count; ++i) {
      more.push_back(datedResponse("q-more-response-" + std::to_string(more.size()), date, R"({"access_find": 3})"));
    }
  };
  addTo("2025-04-21", 1);
  addTo("2025-05-21", 2);
  addTo("2025-06-21", 2);
  addTo("2025-08-21", 3);
  ASSERT_EQ(f.admin.importResponses("unit_survey", importBodyOf(2, more)).created, 8U);

  const auto trend = parse(f.summary.trendJson("unit_survey", request));

  const auto versions = trend->getArray("versions");
  ASSERT_EQ(versions->size(), 2U);
  EXPECT_EQ(versions->getElement<int>(1), 2);
  EXPECT_EQ(trend->getValue<std::string>("period"), "month");
  EXPECT_EQ(trend->getObject("filters")->getValue<std::string>("from"), "2025-04-01");
  EXPECT_EQ(trend->getObject("filters")->getArray("courts")->getElement<std::string>(0), "ALM-01");
  // From April on, by month: April 2025 (version 2's responses start on 14 April) to August.
  const auto periods = trend->getArray("periods");
  ASSERT_EQ(periods->size(), 5U);
  EXPECT_EQ(periods->getObject(0)->getValue<std::string>("period"), "2025-04");
  EXPECT_EQ(periods->getObject(4)->getValue<std::string>("period"), "2025-08");
}

TEST(TrendJson, UnknownSurveyAndDraftOnlySurveyAreNotFound) {
  ServiceFixture f;
  EXPECT_EQ(domainErrorOf([&] { f.summary.trendJson("nope", TrendRequest{}); }).kind(), ErrorKind::NotFound);
  f.admin.createVersion(kSurveyJson);
  EXPECT_EQ(domainErrorOf([&] { f.summary.trendJson("unit_survey", TrendRequest{}); }).kind(), ErrorKind::NotFound);
}

TEST(TrendJson, TooManyPeriodsNamesThePeriod) {
  ServiceFixture f;
  f.clock.set({2025, 12, 31});
  f.admin.createVersion(kSurveyJson);
  f.admin.publish("unit_survey", 1);
  // 1970-01 .. 2025-06 by month is 666 periods, over the limit of 600.
  f.admin.importResponses("unit_survey", importBodyOf(1, {datedResponse("old-response-1", "1970-01-15", R"({"access_find": 3})"),
                                                          datedResponse("new-response-1", "2025-06-15", R"({"access_find": 3})")}));
  TrendRequest byMonth;
  byMonth.period = analytics::Period::Month;

  const auto error = domainErrorOf([&] { f.summary.trendJson("unit_survey", byMonth); });

  EXPECT_EQ(error.code(), "too_many_periods");
  EXPECT_EQ(error.field(), "period");
  TrendRequest byYear;
  byYear.period = analytics::Period::Year;
  EXPECT_EQ(parse(f.summary.trendJson("unit_survey", byYear))->getArray("periods")->size(), 56U);  // 1970 .. 2025
}

TEST(TrendRequest, BadParametersNameThemselves) {
  const auto fieldOf = [](auto&& call) { return domainErrorOf(call).field(); };
  EXPECT_EQ(fieldOf([] { makeTrendRequest({}, {}, {}, {}, "week", {}); }), "period");
  EXPECT_EQ(fieldOf([] { makeTrendRequest({}, {}, "2025-13-01", {}, {}, {}); }), "from");
  EXPECT_EQ(fieldOf([] { makeTrendRequest({}, {}, "2025-03-01", "2025-01-01", {}, {}); }), "to");
  EXPECT_EQ(fieldOf([] { makeTrendRequest({}, {}, {}, {}, {}, "fr"); }), "lang");

  const auto ok = makeTrendRequest({"A"}, {"r"}, {}, {}, "year", "en");
  EXPECT_EQ(ok.period, analytics::Period::Year);
  EXPECT_EQ(ok.lang, "en");
  EXPECT_EQ(makeTrendRequest({}, {}, {}, {}, {}, {}).period, analytics::Period::Quarter) << "quarter by default";
}

}  // namespace
}  // namespace courtvoice::server
