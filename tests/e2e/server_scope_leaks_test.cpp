// Scope leaks over HTTP (issue 10): an analyst of one region asking for another region, a court
// list, a trend, an export and comments; a court manager of a large court asking for the judges'
// survey. Each must be refused with 403 out_of_scope naming the field, or narrowed to the scope,
// never answered with another region's figures or a silently empty result.
// The same rules are tested at the service level in tests/unit/server_scoped_reads_test.cpp.
#include <gtest/gtest.h>

#include <string>

#include "e2e_samples.hpp"
#include "login_as.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kSurveyPath = "/api/v1/admin/surveys/" + kSurveyId;

// Six responses per court (ALM-01 in almaty_city, AST-01 in astana) in January 2025, with a comment.
std::string importBody(const std::string& surveyVersionField, int perCourt, const std::string& prefix) {
  std::string body = "{" + surveyVersionField + R"(, "responses": [)";
  bool first = true;
  for (const char* court : {"ALM-01", "AST-01"}) {
    for (int i = 0; i < perCourt; ++i) {
      if (!first) body += ",";
      first = false;
      body += R"({"submission_id": ")" + prefix + court + "-" + std::to_string(i) + R"(", "court": ")" + court +
              R"(", "channel": "paper", "language": "ru", "date": "2025-01-)" + std::to_string(10 + i) +
              R"(", "answers": {"access_find": )" + std::to_string(1 + i % 5) +
              R"(, "appeared": 2, "comment": "Очередь в )" + court + R"("}})";
    }
  }
  return body + "]}";
}

class ScopeLeaksE2E : public ::testing::Test {
 protected:
  void SetUp() override {
    const int version = setUpPublishedSurvey(server);
    const auto imported = http(server.port(), "POST", kSurveyPath + "/responses/import",
                               importBody(R"("version": )" + std::to_string(version), 6, "scope-"), server.adminHeaders());
    ASSERT_EQ(imported.status, 200) << imported.body;
  }

  HttpResult get(const Env& who, const std::string& path) { return http(server.port(), "GET", path, "", who); }

  void expectOutOfScope(const HttpResult& reply, const std::string& field) {
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(reply.errorCode(), "out_of_scope");
    EXPECT_EQ(reply.errorField(), field);
    EXPECT_EQ(reply.body.find("AST-01\","), std::string::npos);  // no figure of the other region
  }

  ServerProcess server;
};

TEST_F(ScopeLeaksE2E, AnAnalystOfOneRegionAskingForAnotherRegionIsRefused) {
  const Env almaty = loginAs(server, "analyst", {{"almaty_city"}, {}});
  const auto reply = get(almaty, kSurveyPath + "/summary?region=astana");
  expectOutOfScope(reply, "region");
  EXPECT_NE(reply.object()->getObject("error")->getValue<std::string>("message").find("almaty_city"), std::string::npos);
  expectOutOfScope(get(almaty, kSurveyPath + "/summary?court=AST-01"), "court");
  expectOutOfScope(get(almaty, kSurveyPath + "/league?period=2025-Q1&court=AST-01"), "court");
}

TEST_F(ScopeLeaksE2E, AnAnalystsCourtListHoldsTheirRegionOnly) {
  const Env almaty = loginAs(server, "analyst", {{"almaty_city"}, {}});
  const auto summary = get(almaty, kSurveyPath + "/summary?group=court");
  ASSERT_EQ(summary.status, 200) << summary.body;
  const auto groups = summary.object()->getArray("groups");
  ASSERT_EQ(groups->size(), 1U);
  EXPECT_EQ(groups->getObject(0)->getValue<std::string>("key"), "ALM-01");
  EXPECT_EQ(summary.object()->getValue<int>("total_responses"), 6);
  const auto league = get(almaty, kSurveyPath + "/league?period=2025-Q1");
  ASSERT_EQ(league.status, 200) << league.body;
  ASSERT_EQ(league.object()->getArray("rows")->size(), 1U);
  EXPECT_EQ(league.object()->getArray("rows")->getObject(0)->getValue<std::string>("code"), "ALM-01");
}

TEST_F(ScopeLeaksE2E, AnAnalystsTrendIsTheirRegionsAndAnotherRegionsIsRefused) {
  const Env almaty = loginAs(server, "analyst", {{"almaty_city"}, {}});
  const auto narrowed = get(almaty, kSurveyPath + "/trend?period=month&from=2025-01-01&to=2025-01-31");
  ASSERT_EQ(narrowed.status, 200) << narrowed.body;
  const auto explicitly = get(server.adminHeaders(), kSurveyPath + "/trend?period=month&from=2025-01-01&to=2025-01-31&region=almaty_city");
  EXPECT_EQ(narrowed.body, explicitly.body);
  const auto periods = narrowed.object()->getArray("periods");
  ASSERT_EQ(periods->size(), 1U);
  EXPECT_EQ(periods->getObject(0)->getValue<int>("responses"), 6);
  expectOutOfScope(get(almaty, kSurveyPath + "/trend?region=astana"), "region");
}

TEST_F(ScopeLeaksE2E, AnAnalystsExportHoldsTheirRegionOnly) {
  const Env almaty = loginAs(server, "analyst", {{"almaty_city"}, {}});
  const auto csv = get(almaty, kSurveyPath + "/export/responses?format=csv&layout=wide");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_NE(csv.body.find("ALM-01"), std::string::npos);
  EXPECT_EQ(csv.body.find("AST-01"), std::string::npos);
  expectOutOfScope(get(almaty, kSurveyPath + "/export/responses?court=AST-01"), "court");
  const auto summaryCsv = get(almaty, kSurveyPath + "/summary?format=csv&group=court");
  ASSERT_EQ(summaryCsv.status, 200) << summaryCsv.body;
  EXPECT_EQ(summaryCsv.body.find("AST-01"), std::string::npos);
}

TEST_F(ScopeLeaksE2E, AnAnalystsCommentsAreTheirRegionsAndAnotherRegionsAreRefused) {
  const Env almaty = loginAs(server, "analyst", {{"almaty_city"}, {}});
  const auto comments = get(almaty, kSurveyPath + "/comments");
  ASSERT_EQ(comments.status, 200) << comments.body;
  EXPECT_NE(comments.body.find("ALM-01"), std::string::npos);
  EXPECT_EQ(comments.body.find("AST-01"), std::string::npos);
  expectOutOfScope(get(almaty, kSurveyPath + "/comments?region=astana"), "region");
}

TEST_F(ScopeLeaksE2E, ACourtManagerOfALargeCourtCannotReadTheJudgesSurvey) {
  // The judges' survey: minimum 10, never reported by court; 12 answers in ALM-01 (a large court).
  std::string judges = kSurveyJson;
  judges.replace(judges.find(R"("e2e_survey", "audience": "citizen")"), 35, R"("e2e_judges", "audience": "judge")");
  judges.replace(judges.find(R"("min_group_size": 5)"), 19, R"("min_group_size": 10, "report_by_court": false)");
  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", judges, server.adminHeaders());
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/e2e_judges/versions/1/publish", "", server.adminHeaders()).status, 200);
  const auto imported = http(server.port(), "POST", "/api/v1/admin/surveys/e2e_judges/responses/import",
                             importBody(R"("version": 1)", 12, "judges-"), server.adminHeaders());
  ASSERT_EQ(imported.status, 200) << imported.body;

  const Env manager = loginAs(server, "court_manager", {{}, {"ALM-01"}});
  for (const std::string query : {"", "?group=region", "?group=level", "?region=almaty_city"}) {
    SCOPED_TRACE(query);
    const auto reply = get(manager, "/api/v1/admin/surveys/e2e_judges/summary" + query);
    EXPECT_EQ(reply.status, 403) << reply.body;
    EXPECT_EQ(reply.errorCode(), "out_of_scope");
  }
  EXPECT_EQ(get(manager, "/api/v1/admin/surveys/e2e_judges/trend").status, 403);
  // The citizens' survey of the same court is theirs to read.
  EXPECT_EQ(get(manager, kSurveyPath + "/summary").status, 200);
}

}  // namespace
}  // namespace courtvoice::e2e
