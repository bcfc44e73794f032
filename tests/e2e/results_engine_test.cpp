// The results engine with real processes: two courtvoice-server processes on one database (how a
// court system grows past one machine) each answer reports from their own in-memory copy, and a
// response stored through either, or through the admin tool, is in both processes' next report.
#include <gtest/gtest.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kSummaryPath = "/api/v1/admin/surveys/" + kSurveyId + "/summary";
const std::string kTrendPath = "/api/v1/admin/surveys/" + kSurveyId + "/trend?period=month";

/// A second server process on the first one's database (its own schema is left unused).
ServerProcess::Options sharing(const ServerProcess& first) {
  ServerProcess::Options options;
  options.extraEnv = first.schema().environment();
  return options;
}

void submit(const ServerProcess& server, const std::string& submissionId, int accessFind, const std::string& court) {
  const auto reply = http(server.port(), "POST", "/api/v1/surveys/" + kSurveyId + "/responses",
                          responseJson(submissionId, R"({"access_find": )" + std::to_string(accessFind) + "}", court));
  ASSERT_EQ(reply.status, 201) << reply.body;
}

long long totalResponses(const ServerProcess& server, const std::string& query = "") {
  const auto reply = http(server.port(), "GET", kSummaryPath + query, "", server.adminHeaders());
  EXPECT_EQ(reply.status, 200) << reply.body;
  return reply.object()->getValue<long long>("total_responses");
}

TEST(ResultsEngineE2E, AResponseStoredThroughOneProcessIsInTheOthersNextReport) {
  ServerProcess first;
  setUpPublishedSurvey(first);
  for (int i = 0; i < 3; ++i) submit(first, "before-second-" + std::to_string(i), 4, "ALM-01");
  ServerProcess second(sharing(first));
  EXPECT_NE(second.log().find("results engine ready: 3 responses"), std::string::npos) << second.log();

  // Neither process is told of the other's writes; each catches up before answering.
  for (int i = 0; i < 4; ++i) submit(first, "through-first-" + std::to_string(i), 5, "ALM-01");
  EXPECT_EQ(totalResponses(second), 7);
  for (int i = 0; i < 5; ++i) submit(second, "through-second-" + std::to_string(i), 2, "AST-01");
  EXPECT_EQ(totalResponses(first), 12);
  EXPECT_EQ(totalResponses(second, "?group=court"), 12);

  // Both processes give the same report, to the byte.
  const auto a = http(first.port(), "GET", kSummaryPath + "?group=court&lang=en", "", first.adminHeaders());
  const auto b = http(second.port(), "GET", kSummaryPath + "?group=court&lang=en", "", second.adminHeaders());
  EXPECT_EQ(a.body, b.body);
  const auto trendA = http(first.port(), "GET", kTrendPath, "", first.adminHeaders());
  const auto trendB = http(second.port(), "GET", kTrendPath, "", second.adminHeaders());
  ASSERT_EQ(trendA.status, 200) << trendA.body;
  EXPECT_EQ(trendA.body, trendB.body);
}

TEST(ResultsEngineE2E, PaperResponsesImportedByTheAdminToolAreInTheNextReport) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  EXPECT_EQ(totalResponses(server), 0);
  const auto csv = std::filesystem::temp_directory_path() / (server.schema().name() + "-paper.csv");
  {
    std::ofstream out(csv);
    out << "submission_id,court,date,language,access_find\n";
    for (int i = 0; i < 6; ++i) out << "paper-form-" << i << ",AST-01,2025-02-0" << (i + 1) << ",ru," << (i % 5 + 1) << "\n";
  }
  const auto imported = runAdmin({"import-responses", kSurveyId, csv.string()}, server.schema().environment());
  std::filesystem::remove(csv);
  ASSERT_EQ(imported.exitCode, 0) << imported.output;
  EXPECT_EQ(totalResponses(server), 6);
  // A range cut inside a month (4 responses here) is refused: reports cover whole months (issue 9).
  const auto days = http(server.port(), "GET", kSummaryPath + "?from=2025-02-02&to=2025-02-05", "", server.adminHeaders());
  EXPECT_EQ(days.status, 400) << days.body;
  EXPECT_EQ(days.errorCode(), "whole_months_required");
  EXPECT_EQ(days.errorField(), "from");
  const auto febByCourt = http(server.port(), "GET", kSummaryPath + "?group=court&court=AST-01&from=2025-02-01&to=2025-02-28",
                               "", server.adminHeaders());
  ASSERT_EQ(febByCourt.status, 200) << febByCourt.body;
  EXPECT_EQ(febByCourt.object()->getArray("groups")->getObject(0)->getValue<int>("responses"), 6);
}

TEST(ResultsEngineE2E, RebuildFromTheDatabaseGivesTheSameReports) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  for (int i = 0; i < 7; ++i) submit(server, "rebuild-" + std::to_string(i), i % 5 + 1, i < 5 ? "ALM-01" : "AST-01");
  const auto before = http(server.port(), "GET", kSummaryPath + "?group=court", "", server.adminHeaders());
  const auto trendBefore = http(server.port(), "GET", kTrendPath, "", server.adminHeaders());

  const auto status = http(server.port(), "GET", "/api/v1/admin/results", "", server.adminHeaders());
  ASSERT_EQ(status.status, 200) << status.body;
  EXPECT_EQ(status.object()->getValue<int>("responses"), 7);
  const auto rebuilt = http(server.port(), "POST", "/api/v1/admin/results/rebuild", "", server.adminHeaders());
  ASSERT_EQ(rebuilt.status, 200) << rebuilt.body;
  EXPECT_EQ(rebuilt.object()->getValue<int>("responses"), 7);
  EXPECT_TRUE(rebuilt.object()->has("milliseconds"));

  EXPECT_EQ(http(server.port(), "GET", kSummaryPath + "?group=court", "", server.adminHeaders()).body, before.body);
  EXPECT_EQ(http(server.port(), "GET", kTrendPath, "", server.adminHeaders()).body, trendBefore.body);
  // The results endpoints are for administrators only.
  EXPECT_EQ(http(server.port(), "POST", "/api/v1/admin/results/rebuild").status, 401);
}

TEST(ResultsEngineE2E, LevelAndVersionFiltersAndABadVersionOverHttp) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  for (int i = 0; i < 5; ++i) submit(server, "levels-" + std::to_string(i), 4, "ALM-01");
  EXPECT_EQ(totalResponses(server, "?level=district&version=1"), 5);
  EXPECT_EQ(totalResponses(server, "?level=regional"), 0);
  EXPECT_EQ(totalResponses(server, "?version=2"), 0);
  const auto bad = http(server.port(), "GET", kSummaryPath + "?version=first", "", server.adminHeaders());
  EXPECT_EQ(bad.status, 400);
  EXPECT_EQ(bad.errorCode(), "invalid_version");
  EXPECT_EQ(bad.object()->getObject("error")->getValue<std::string>("field"), "version");
}

}  // namespace
}  // namespace courtvoice::e2e
