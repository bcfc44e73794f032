// The court league table over HTTP with a real MariaDB (docs/api.md, "League table"), and region
// names in summaries. Expected statistics computed independently with scipy:
//   stats.ttest_ind(later, earlier, equal_var=False) on the respondents' means, the interval with
//   t(0.975, floor(df)), differences times 25 (index points).
#include <gtest/gtest.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kLeague = "/api/v1/admin/surveys/" + kSurveyId + "/league";

// The e2e survey with an overall satisfaction item (the league table shows its % favourable).
std::string surveyWithOverall() {
  std::string json = kSurveyJson;
  const std::string item =
      R"({"id": "overall", "type": "satisfaction5", "dimension": "overall",
     "text": {"kk": "Жалпы қанағаттандыңыз ба?", "ru": "В целом вы довольны?", "en": "Overall, are you satisfied?"}},
    )";
  json.insert(json.find(R"({"id": "comment")"), item);
  return json;
}

const std::string kThirdCourt =
    R"([{"code": "KRG-01", "name": {"kk": "Қарағанды соты", "ru": "Суд Караганды", "en": "Karaganda Court"},
        "region": "karaganda", "level": "regional", "active": true},
       {"code": "ABA-01", "name": {"kk": "Абай соты", "ru": "Суд Абая", "en": "Abai Court"},
        "region": "abai", "level": "regional", "active": true}])";

std::string line(const std::string& id, const std::string& court, const std::string& date, int value) {
  const std::string v = std::to_string(value);
  return R"({"submission_id": ")" + id + R"(", "court": ")" + court + R"(", "channel": "paper", "language": "ru", "date": ")" +
         date + R"(", "answers": {"access_find": )" + v + R"(, "overall": )" + v + "}}";
}

class ServerLeague : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", kCourtsJson, server.adminHeaders()).status, 200);
    ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", kThirdCourt, server.adminHeaders()).status, 200);
    const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", surveyWithOverall(), server.adminHeaders());
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/versions/1/publish", "",
                   server.adminHeaders()).status, 200);
    // 2025-Q3: ALM-01 ten, AST-01 eight, KRG-01 two and ABA-01 three (each under the minimum of 5;
    // together five, so the national figure minus the shown courts gives no hidden court away and
    // AST-01 need not be hidden as their complement, docs/analytics.md);
    // 2025-Q2: ALM-01 and AST-01 six each; 2024-Q3: ALM-01 five.
    std::vector<std::string> lines;
    int k = 0;
    const auto add = [&](const std::string& court, const std::string& date, const std::vector<int>& values) {
      for (int v : values) lines.push_back(line("league-" + std::to_string(k++) + "-0000000", court, date, v));
    };
    // Five of ALM-01's ten in July, so that July (with KRG-01's two) holds at least 5 responses
    // (whole months are checked, docs/api.md "Disclosure control"); the quarter's figures are unchanged.
    add("ALM-01", "2025-07-15", {5, 5, 4, 5, 4});
    add("ALM-01", "2025-08-15", {5, 5, 4, 5, 4});
    add("AST-01", "2025-09-30", {2, 3, 2, 3, 2, 1, 3, 2});
    add("KRG-01", "2025-07-01", {4, 4});
    add("ABA-01", "2025-07-01", {3, 3, 4});
    add("ALM-01", "2025-05-15", {3, 3, 4, 2, 3, 3});
    add("AST-01", "2025-04-01", {2, 3, 2, 3, 3, 2});
    add("ALM-01", "2024-08-15", {4, 5, 4, 5, 4});
    std::string body = R"({"version": 1, "responses": [)";
    for (std::size_t i = 0; i < lines.size(); ++i) body += (i ? "," : "") + lines[i];
    body += "]}";
    const auto imported = http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import", body,
                               server.adminHeaders());
    ASSERT_EQ(imported.status, 200) << imported.body;
  }

  HttpResult get(const std::string& query) { return http(server.port(), "GET", kLeague + query, "", server.adminHeaders()); }

  static Poco::JSON::Object::Ptr row(const Poco::JSON::Object::Ptr& league, const std::string& code) {
    const auto rows = league->getArray("rows");
    for (std::size_t i = 0; i < rows->size(); ++i) {
      if (rows->getObject(static_cast<unsigned>(i))->getValue<std::string>("code") == code) {
        return rows->getObject(static_cast<unsigned>(i));
      }
    }
    return nullptr;
  }

  ServerProcess server;
};

TEST_F(ServerLeague, RanksCourtsWithIntervalsChangesAndTheNationalComparison) {
  const auto reply = get("?period=2025-Q3&lang=en&sort=-access_index");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto league = reply.object();
  EXPECT_EQ(league->getObject("period")->getValue<std::string>("from"), "2025-07-01");
  EXPECT_EQ(league->getObject("period")->getValue<std::string>("to"), "2025-09-30");
  EXPECT_EQ(league->getObject("previous")->getValue<std::string>("from"), "2025-04-01");
  EXPECT_EQ(league->getObject("year_ago")->getValue<std::string>("to"), "2024-09-30");
  EXPECT_EQ(league->getValue<std::string>("overall_item"), "overall");

  // Sorted by the index, highest first; the suppressed court last.
  const auto rows = league->getArray("rows");
  ASSERT_EQ(rows->size(), 4u);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("code"), "ALM-01");
  EXPECT_EQ(rows->getObject(1)->getValue<std::string>("code"), "AST-01");
  EXPECT_EQ(rows->getObject(2)->getValue<std::string>("code"), "ABA-01");  // suppressed rows by code
  EXPECT_EQ(rows->getObject(3)->getValue<std::string>("code"), "KRG-01");

  const auto almaty = row(league, "ALM-01");
  EXPECT_EQ(almaty->getValue<std::string>("name"), "Almaty District Court");
  EXPECT_EQ(almaty->getValue<std::string>("region"), "almaty_city");
  EXPECT_EQ(almaty->getValue<std::string>("region_name"), "Almaty");
  EXPECT_EQ(almaty->getValue<int>("n"), 10);
  const auto index = almaty->getArray("indices")->getObject(0);
  EXPECT_NEAR(index->getValue<double>("value"), 90.0, 1e-9);
  EXPECT_NEAR(index->getObject("ci")->getValue<double>("low"), 80.76478205550406, 1e-3);
  EXPECT_NEAR(index->getObject("ci")->getValue<double>("high"), 99.23521794449593, 1e-3);
  // From 2025-Q2: +40 (22.72 .. 57.28), t 5.2372, df 9 (scipy's 8.999999999999996 is 9 up to
  // rounding: the quantile is t(0.975, 9), trend.cpp's floor with a 1e-9 tolerance): significant.
  const auto previous = index->getObject("change_previous");
  EXPECT_NEAR(previous->getValue<double>("difference"), 40.0, 1e-9);
  EXPECT_NEAR(previous->getValue<double>("t"), 5.237229365663816, 1e-9);
  EXPECT_NEAR(previous->getObject("ci")->getValue<double>("low"), 22.72248927975477, 1e-3);
  EXPECT_TRUE(previous->getValue<bool>("significant"));
  // From 2024-Q3: +5 (-12.40 .. 22.40), t 0.6794, df 7.67: not significant.
  const auto yearAgo = index->getObject("change_year_ago");
  EXPECT_NEAR(yearAgo->getValue<double>("difference"), 5.0, 1e-9);
  EXPECT_NEAR(yearAgo->getValue<double>("df"), 7.672131147540982, 1e-9);
  EXPECT_FALSE(yearAgo->getValue<bool>("significant"));
  // Against the rest of the country (AST-01's eight, KRG-01's two, ABA-01's three): scipy
  // ttest_ind(almaty, rest, equal_var=False) on the answers 5,5,4,5,4,5,5,4,5,4 and
  // 2,3,2,3,2,1,3,2,4,4,3,3,4: +45.769 points (25 x 1.8308), t 6.0117, df 19.42.
  const auto versus = index->getObject("versus_national");
  EXPECT_NEAR(versus->getValue<double>("difference"), 45.76923076923076, 1e-9);
  EXPECT_NEAR(versus->getValue<double>("t"), 6.011685770379758, 1e-9);
  EXPECT_NEAR(versus->getValue<double>("df"), 19.422501549325755, 1e-9);
  EXPECT_EQ(index->getValue<std::string>("differs_from_national"), "above");
  // Overall item: 10 of 10 favourable, Wilson low 10 / (10 + z^2).
  EXPECT_NEAR(almaty->getValue<double>("favourable"), 1.0, 1e-12);
  EXPECT_NEAR(almaty->getObject("favourable_ci")->getValue<double>("low"), 0.7224672001371107, 1e-9);
  EXPECT_EQ(almaty->getValue<int>("favourable_n"), 10);

  const auto astana = row(league, "AST-01");
  EXPECT_EQ(astana->getArray("indices")->getObject(0)->getValue<std::string>("differs_from_national"), "below");
  EXPECT_FALSE(astana->getArray("indices")->getObject(0)->getObject("change_previous")->getValue<bool>("significant"));
  EXPECT_TRUE(astana->getArray("indices")->getObject(0)->isNull("change_year_ago"));  // no responses a year before

  // Under the minimum: listed, with no numbers at all.
  const auto small = row(league, "KRG-01");
  EXPECT_TRUE(small->getValue<bool>("suppressed"));
  EXPECT_EQ(small->getValue<std::string>("region_name"), "Karaganda Region");
  EXPECT_FALSE(small->has("n"));
  EXPECT_FALSE(small->has("indices"));

  // The whole country: 23 responses.
  EXPECT_EQ(league->getObject("national")->getValue<int>("responses"), 23);
}

TEST_F(ServerLeague, FiltersNarrowTheCourtsButNotTheNationalFigure) {
  // 2025-Q2, not Q3: in Q3 Karaganda holds KRG-01's two responses, and a multi-valued region filter
  // with a value of 1..4 responses is refused (slice_too_small, docs/api.md "Disclosure control").
  // In Q2 Karaganda holds none (KRG-01 is listed as an active court) and Astana six.
  const auto reply = get("?period=2025-Q2&region=astana&region=karaganda&lang=ru&sort=region");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto league = reply.object();
  const auto rows = league->getArray("rows");
  ASSERT_EQ(rows->size(), 2u);
  // By region name in Russian: "Карагандинская область" before "город Астана".
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("region_name"), "Карагандинская область");
  EXPECT_EQ(rows->getObject(1)->getValue<std::string>("region_name"), "город Астана");
  // The whole country in 2025-Q2: ALM-01 six and AST-01 six, not only the six of Astana.
  EXPECT_EQ(league->getObject("national")->getValue<int>("responses"), 12);
  // A level filter, and a span of days compared with as many days before it. August..September: a
  // district filter over July would leave out KRG-01's two (regional) responses, which is refused.
  const auto byLevel = get("?from=2025-08-01&to=2025-09-30&level=district");
  ASSERT_EQ(byLevel.status, 200) << byLevel.body;
  EXPECT_EQ(byLevel.object()->getArray("rows")->size(), 2u);
  EXPECT_TRUE(byLevel.object()->getObject("period")->isNull("key"));
  // 61 days (2025-08-01..2025-09-30); the 61 days before: 2025-06-01..2025-07-31.
  EXPECT_EQ(byLevel.object()->getObject("previous")->getValue<std::string>("from"), "2025-06-01");
}

TEST_F(ServerLeague, CsvHasRegionNamesAndTheSpreadsheetStyleOfTheLanguage) {
  const auto reply = get("?period=2025-Q3&lang=ru&format=csv");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(reply.header("Content-Disposition").find("attachment; filename=\"league-e2e_survey.csv\""), std::string::npos);
  ASSERT_EQ(reply.body.rfind("\xEF\xBB\xBF", 0), 0u);
  const std::string text = reply.body.substr(3);
  EXPECT_EQ(text.substr(0, text.find("\r\n")),
            "code;name;region;region_name;level;n;suppressed;access_index;access_index_low;access_index_high;"
            "access_index_n;access_index_change_previous;access_index_change_previous_significant;"
            "access_index_change_year_ago;access_index_change_year_ago_significant;access_index_versus_national;"
            "favourable_pct;favourable_pct_low;favourable_pct_high;favourable_n");
  EXPECT_NE(text.find("\r\nALM-01;Районный суд Алматы;almaty_city;город Алматы;district;10;no;90,0;80,8;99,2;10;40,0;yes;5,0;no;above;100,0;72,2;100,0;10\r\n"),
            std::string::npos) << text;
  EXPECT_NE(text.find("\r\nKRG-01;Суд Караганды;karaganda;Карагандинская область;regional;;yes;;;;;;;;;;;;;\r\n"), std::string::npos) << text;
  const auto english = get("?period=2025-Q3&lang=en&format=csv&sep=comma");
  EXPECT_NE(english.body.find("ALM-01,Almaty District Court,almaty_city,Almaty,district,10,no,90.0,"), std::string::npos);
}

TEST_F(ServerLeague, BadParametersAreRefusedNamingTheField) {
  const std::vector<std::tuple<std::string, std::string, std::string>> cases = {
      {"?period=2025-Q5", "invalid_period", "period"},
      {"?period=2025-Q3&from=2025-07-01&to=2025-09-30", "conflicting_filters", "period"},
      {"?from=2025-07-01", "missing_date", "to"},
      {"?to=2025-07-01", "missing_date", "from"},
      {"?from=2025-09-01&to=2025-07-01", "invalid_range", "to"},
      {"?sort=shoe_size", "invalid_sort", "sort"},
      {"?sort=-", "invalid_sort", "sort"},
      {"?format=xml", "invalid_format", "format"},
      {"?format=csv&sep=tab", "invalid_separator", "sep"},
      {"?lang=de", "invalid_language", "lang"},
      {"?version=x", "invalid_version", "version"},
  };
  for (const auto& [query, code, field] : cases) {
    const auto reply = get(query);
    EXPECT_EQ(reply.status, 400) << query << " " << reply.body;
    EXPECT_EQ(reply.errorCode(), code) << query;
    EXPECT_EQ(reply.errorField(), field) << query;
  }
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/admin/surveys/nope/league", "", server.adminHeaders()).status, 404);
  EXPECT_EQ(http(server.port(), "GET", kLeague).status, 401);

  std::string json = kSurveyJson;
  json.replace(json.find("\"e2e_survey\""), 12, "\"e2e_private\", \"report_by_court\": false");
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys", json, server.adminHeaders()).status, 201);
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/e2e_private/versions/1/publish", "", server.adminHeaders()).status, 200);
  const auto refused = http(server.port(), "GET", "/api/v1/admin/surveys/e2e_private/league", "", server.adminHeaders());
  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.errorCode(), "not_allowed");
  EXPECT_EQ(refused.errorField(), "id");
}

TEST_F(ServerLeague, SummaryRegionGroupsAndCourtGroupsCarryRegionNames) {
  const auto byRegion = http(server.port(), "GET", "/api/v1/admin/surveys/" + kSurveyId + "/summary?group=region&lang=kk", "",
                             server.adminHeaders());
  ASSERT_EQ(byRegion.status, 200) << byRegion.body;
  const auto groups = byRegion.object()->getArray("groups");
  ASSERT_EQ(groups->size(), 4u);
  const auto almaty = groups->getObject(1);  // sorted by key: abai, almaty_city, astana, karaganda
  EXPECT_EQ(almaty->getValue<std::string>("key"), "almaty_city");
  EXPECT_EQ(almaty->getValue<std::string>("label"), "Алматы қаласы");
  EXPECT_EQ(almaty->getValue<std::string>("region_name"), "Алматы қаласы");
  const auto byCourt = http(server.port(), "GET", "/api/v1/admin/surveys/" + kSurveyId + "/summary?group=court&lang=en", "",
                            server.adminHeaders());
  ASSERT_EQ(byCourt.status, 200) << byCourt.body;
  const auto court = byCourt.object()->getArray("groups")->getObject(2);  // ABA-01, ALM-01, AST-01, KRG-01
  EXPECT_EQ(court->getValue<std::string>("key"), "AST-01");
  EXPECT_EQ(court->getValue<std::string>("region"), "astana");
  EXPECT_EQ(court->getValue<std::string>("region_name"), "Astana");
}

}  // namespace
}  // namespace courtvoice::e2e
