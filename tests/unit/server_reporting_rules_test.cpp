// A survey with report_by_court false (judges): the summary and the trend refuse court groups and
// court filters (400 not_allowed naming the parameter), suppress groups and periods from fewer
// than two courts, never show comments, and the raw export writes region and level instead of
// the court. Group by court level.
#include <gtest/gtest.h>

#include <functional>
#include <sstream>

#include <Poco/JSON/Parser.h>

#include "courtvoice/server/response_export.hpp"
#include "server_fixtures.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::ErrorKind;
using testing::ServiceFixture;

Poco::JSON::Object::Ptr parse(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

/// A judges' survey of this test's own: one agreement item, a comment, report_by_court as given.
std::string judgesJson(bool reportByCourt, const std::string& extraItem = "") {
  return std::string(R"({
  "id": "rules_judges", "audience": "judge", "languages": ["kk", "ru", "en"], "min_group_size": 5,)") +
         (reportByCourt ? "" : R"( "report_by_court": false,)") + R"(
  "title": {"kk": "Судьялар", "ru": "Судьи", "en": "Judges"},
  "items": [
    {"id": "independent", "type": "agreement5", "dimension": "independence",
     "text": {"kk": "Мен тәуелсізмін.", "ru": "Я независим(а).", "en": "I am independent."}},
    {"id": "comment", "type": "text", "dimension": "comment", "max_length": 200,
     "text": {"kk": "Пікір", "ru": "Комментарий", "en": "Comment"}})" +
         extraItem + R"(
  ],
  "indices": [{"id": "independence_index", "name": {"kk": "Тәуелсіздік", "ru": "Независимость", "en": "Independence"},
               "dimensions": ["independence"]}]
})";
}

struct JudgesFixture : ServiceFixture {
  JudgesFixture() {
    auto regional = testing::makeCourt("ALM-02", "almaty_city");
    regional.level = "regional";
    courts.upsert(regional);
  }

  int publish(const std::string& json) {
    const int version = admin.createVersion(json).version;
    admin.publish("rules_judges", version);
    return version;
  }

  /// `count` answers `value` (and a comment) in `court`, given on `day`.
  void answer(const std::string& court, int count, int value, int version = 1, surveys::Date day = {2025, 3, 10}) {
    for (int i = 0; i < count; ++i) {
      surveys::Response r;
      r.submissionId = court + "-" + std::to_string(version) + "-" + std::to_string(day.month) + "-" + std::to_string(i) + "-xxxx";
      r.surveyId = "rules_judges";
      r.version = version;
      r.courtCode = court;
      r.language = "en";
      r.givenOn = day;
      surveys::Answer a;
      a.itemId = "independent";
      a.code = value;
      surveys::Answer note;
      note.itemId = "comment";
      note.text = "the chairman in " + court + " pressed me";
      r.answers = {a, note};
      responses.submit(r);
    }
  }

  /// ALM-01 (district) 5 x 4, ALM-02 (regional) 5 x 2, both in almaty_city; AST-01 (district,
  /// astana) 6 x 5.
  void sample() {
    answer("ALM-01", 5, 4);
    answer("ALM-02", 5, 2);
    answer("AST-01", 6, 5);
  }
};

/// The raw long export of rules_judges with commas and decimal points, names in English.
ResponseExport exportRaw(JudgesFixture& f, bool withTexts, std::ostream& out) {
  ResponseExportOptions options;
  options.style = csvStyleFor("comma", "en");
  options.lang = "en";
  options.withTexts = withTexts;
  options.query.surveyId = "rules_judges";
  return exportResponses(f.surveys, f.responses, f.courts.list(), options, [&]() -> std::ostream& { return out; });
}

DomainError errorOf(const std::function<void()>& call) {
  try {
    call();
  } catch (const DomainError& e) {
    return e;
  }
  ADD_FAILURE() << "no error";
  return DomainError(ErrorKind::Invalid, "none", "none", "");
}

TEST(NotReportedByCourt, CourtGroupsAndCourtFiltersAreRefusedNamingTheParameter) {
  JudgesFixture f;
  f.publish(judgesJson(false));
  f.sample();

  const DomainError byCourt =
      errorOf([&] { f.summary.summaryJson("rules_judges", makeSummaryRequest({}, {}, {}, {}, "court", "en")); });
  EXPECT_EQ(byCourt.kind(), ErrorKind::Invalid);
  EXPECT_EQ(byCourt.code(), "not_allowed");
  EXPECT_EQ(byCourt.field(), "group");
  const DomainError filtered =
      errorOf([&] { f.summary.summaryJson("rules_judges", makeSummaryRequest({"ALM-01"}, {}, {}, {}, "region", "en")); });
  EXPECT_EQ(filtered.code(), "not_allowed");
  EXPECT_EQ(filtered.field(), "court");
  const DomainError trend =
      errorOf([&] { f.summary.trendJson("rules_judges", makeTrendRequest({"AST-01"}, {}, {}, {}, "month", "en")); });
  EXPECT_EQ(trend.kind(), ErrorKind::Invalid);
  EXPECT_EQ(trend.code(), "not_allowed");
  EXPECT_EQ(trend.field(), "court");

  // A survey reported by court still takes both.
  f.publishSurvey();
  const auto citizens = parse(f.summary.summaryJson("unit_survey", makeSummaryRequest({"ALM-01"}, {}, {}, {}, "court", "en")));
  EXPECT_TRUE(citizens->getValue<bool>("report_by_court"));
}

TEST(NotReportedByCourt, GroupsFromOneCourtAreSuppressedAndCommentsNeverShow) {
  JudgesFixture f;
  f.publish(judgesJson(false));
  f.sample();

  const std::string regionJson = f.summary.summaryJson("rules_judges", makeSummaryRequest({}, {}, {}, {}, "region", "en"));
  const auto byRegion = parse(regionJson);
  EXPECT_FALSE(byRegion->getValue<bool>("report_by_court"));
  const auto groups = byRegion->getArray("groups");
  ASSERT_EQ(groups->size(), 2U);
  // almaty_city: ALM-01 and ALM-02, 10 responses; independent 4 x 5 and 2 x 5 -> mean 3.
  const auto almaty = groups->getObject(0);
  EXPECT_EQ(almaty->getValue<std::string>("key"), "almaty_city");
  EXPECT_FALSE(almaty->getValue<bool>("suppressed"));
  EXPECT_EQ(almaty->getValue<int>("responses"), 10);
  EXPECT_NEAR(almaty->getArray("items")->getObject(0)->getValue<double>("mean"), 3.0, 1e-12);
  // astana: 6 responses (over the minimum of 5) but all from AST-01: that court's result, so hidden.
  const auto astana = groups->getObject(1);
  EXPECT_EQ(astana->getValue<std::string>("key"), "astana");
  EXPECT_TRUE(astana->getValue<bool>("suppressed"));
  EXPECT_FALSE(astana->has("responses"));
  EXPECT_FALSE(astana->has("items"));
  EXPECT_EQ(byRegion->getValue<int>("total_responses"), 10);
  EXPECT_EQ(regionJson.find("pressed me"), std::string::npos) << "a comment in the summary";

  // By level: district = ALM-01 + AST-01 (11; 4 x 5 and 5 x 6 -> mean 50/11), regional = ALM-02 only.
  const auto byLevel = parse(f.summary.summaryJson("rules_judges", makeSummaryRequest({}, {}, {}, {}, "level", "en")));
  EXPECT_EQ(byLevel->getValue<std::string>("group_by"), "level");
  const auto levels = byLevel->getArray("groups");
  ASSERT_EQ(levels->size(), 2U);
  EXPECT_EQ(levels->getObject(0)->getValue<std::string>("key"), "district");
  EXPECT_EQ(levels->getObject(0)->getValue<int>("responses"), 11);
  EXPECT_NEAR(levels->getObject(0)->getArray("items")->getObject(0)->getValue<double>("mean"), 50.0 / 11.0, 1e-12);
  EXPECT_EQ(levels->getObject(1)->getValue<std::string>("key"), "regional");
  EXPECT_TRUE(levels->getObject(1)->getValue<bool>("suppressed"));
}

TEST(NotReportedByCourt, TrendPeriodsFromOneCourtAreSuppressed) {
  JudgesFixture f;
  f.publish(judgesJson(false));
  f.sample();                                            // 2025-Q1: three courts
  f.answer("AST-01", 7, 3, 1, surveys::Date{2025, 5, 2});  // 2025-Q2: 7 responses, AST-01 only

  const std::string json = f.summary.trendJson("rules_judges", makeTrendRequest({}, {}, {}, {}, "quarter", "en"));
  const auto trend = parse(json);
  EXPECT_FALSE(trend->getValue<bool>("report_by_court"));
  const auto periods = trend->getArray("periods");
  ASSERT_EQ(periods->size(), 2U);
  EXPECT_FALSE(periods->getObject(0)->getValue<bool>("suppressed"));
  EXPECT_EQ(periods->getObject(0)->getValue<int>("responses"), 16);
  EXPECT_TRUE(periods->getObject(1)->getValue<bool>("suppressed"));
  EXPECT_FALSE(periods->getObject(1)->has("responses"));
  const auto points = trend->getArray("items")->getObject(0)->getArray("segments")->getObject(0)->getArray("points");
  ASSERT_EQ(points->size(), 2U);
  EXPECT_TRUE(points->getObject(1)->getValue<bool>("suppressed"));
  EXPECT_FALSE(points->getObject(1)->has("mean"));
  EXPECT_EQ(json.find("pressed me"), std::string::npos);
}

TEST(NotReportedByCourt, AnyAnsweredVersionWithTheFlagDecides) {
  JudgesFixture f;
  f.publish(judgesJson(true));
  f.sample();
  const auto byCourt = makeSummaryRequest({}, {}, {}, {}, "court", "en");
  EXPECT_NO_THROW(f.summary.summaryJson("rules_judges", byCourt));

  // A draft saying "not by court" has no respondents yet: nothing changes.
  f.admin.createVersion(judgesJson(false));
  EXPECT_NO_THROW(f.summary.summaryJson("rules_judges", byCourt));

  // Published, its respondents were told: refused from now on, even after a version 3 that drops it.
  f.admin.publish("rules_judges", 2);
  EXPECT_EQ(errorOf([&] { f.summary.summaryJson("rules_judges", byCourt); }).field(), "group");
  f.publish(judgesJson(true));
  EXPECT_EQ(errorOf([&] { f.summary.summaryJson("rules_judges", byCourt); }).field(), "group");
  EXPECT_EQ(errorOf([&] { f.summary.trendJson("rules_judges", makeTrendRequest({"ALM-01"}, {}, {}, {}, {}, "en")); })
                .field(),
            "court");
}

TEST(ResponseExport, ASurveyNotReportedByCourtIsExportedWithRegionAndLevelOnly) {
  JudgesFixture f;
  f.publish(judgesJson(false));
  f.answer("ALM-02", 1, 2);
  std::ostringstream out;

  const ResponseExport result = exportRaw(f, /*withTexts=*/false, out);

  EXPECT_FALSE(result.byCourt);
  EXPECT_EQ(result.responses, 1U);
  EXPECT_EQ(result.textsLeftOut, 1U);
  // No court code or name; judges are dated by month only.
  EXPECT_EQ(out.str(),
            "\xEF\xBB\xBF"
            "response,survey_id,version,court,court_name,region,region_name,level,channel,language,date,item_id,"
            "value,non_answer\r\n"
            "1,rules_judges,1,,,almaty_city,Almaty,regional,web,en,2025-03,independent,2,\r\n");
}

TEST(ResponseExport, ASurveyReportedByCourtKeepsTheCourtColumn) {
  JudgesFixture f;
  f.publish(judgesJson(true));
  f.answer("AST-01", 1, 5);
  std::ostringstream out;

  const ResponseExport result = exportRaw(f, /*withTexts=*/true, out);

  EXPECT_TRUE(result.byCourt);
  EXPECT_EQ(out.str(),
            "\xEF\xBB\xBF"
            "response,survey_id,version,court,court_name,region,region_name,level,channel,language,date,item_id,"
            "value,non_answer\r\n"
            "1,rules_judges,1,AST-01,AST-01 Court,astana,Astana,district,web,en,2025-03,independent,5,\r\n"
            "1,rules_judges,1,AST-01,AST-01 Court,astana,Astana,district,web,en,2025-03,comment,"
            "the chairman in AST-01 pressed me,\r\n");
  ResponseExportOptions unknown;
  unknown.query.surveyId = "nope";
  EXPECT_THROW(exportResponses(f.surveys, f.responses, f.courts.list(), unknown, [&]() -> std::ostream& { return out; }),
               DomainError);
}

TEST(ResponseExport, ACourtFilterIsRefusedWhenTheSurveyIsNeverReportedByCourt) {
  JudgesFixture f;
  f.publish(judgesJson(false));
  f.answer("ALM-02", 1, 2);
  ResponseExportOptions options;
  options.query.surveyId = "rules_judges";
  options.query.courts = {"ALM-02"};
  bool opened = false;
  std::ostringstream out;

  const auto error = surveys::testing::domainErrorOf([&] {
    exportResponses(f.surveys, f.responses, f.courts.list(), options, [&]() -> std::ostream& {
      opened = true;
      return out;
    });
  });

  EXPECT_EQ(error.code(), "not_allowed");
  EXPECT_EQ(error.field(), "court");
  EXPECT_FALSE(opened) << "nothing is sent before the request is checked";
}

}  // namespace
}  // namespace courtvoice::server
