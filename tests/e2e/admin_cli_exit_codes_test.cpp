// courtvoice-admin's documented exit codes (docs/api.md, "Command line"), each asserted exactly:
// 64 wrong usage, 65 bad input or a lifecycle conflict, 66 input file missing, 69 database
// unavailable; and the CLI's CSV export neutralises spreadsheet formulas (issue 10).
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"
#include "temp_file.hpp"

namespace courtvoice::e2e {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

class AdminCliExitCodes : public ::testing::Test {
 protected:
  void SetUp() override { ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0); }
  ProcessResult run(const std::vector<std::string>& args) { return runAdmin(args, schema.environment()); }

  TestSchema schema;
};

TEST_F(AdminCliExitCodes, WrongUsageIs64) {
  const auto noCommand = run({});
  EXPECT_EQ(noCommand.exitCode, 64) << noCommand.output;
  const auto unknown = run({"frobnicate"});
  EXPECT_EQ(unknown.exitCode, 64) << unknown.output;
  EXPECT_TRUE(contains(unknown.output, "unknown subcommand \"frobnicate\"")) << unknown.output;
  const auto missingArgument = run({"publish", kSurveyId});
  EXPECT_EQ(missingArgument.exitCode, 64) << missingArgument.output;
  const auto foreignOption = run({"list", "--count=3"});
  EXPECT_EQ(foreignOption.exitCode, 64) << foreignOption.output;
  EXPECT_TRUE(contains(foreignOption.output, "--count does not apply to list")) << foreignOption.output;
}

TEST_F(AdminCliExitCodes, BadInputAndLifecycleConflictsAre65) {
  std::string broken = kSurveyJson;
  const std::string choice = R"("type": "single_choice")";
  broken.replace(broken.find(choice), choice.size(), R"("type": "multiple_guess")");
  const TempFile brokenFile(".json", broken);
  const auto invalid = run({"import-survey", brokenFile.path()});
  EXPECT_EQ(invalid.exitCode, 65) << invalid.output;
  EXPECT_TRUE(contains(invalid.output, "items[1].type")) << invalid.output;

  const TempFile survey(".json", kSurveyJson);
  ASSERT_EQ(run({"import-survey", survey.path()}).exitCode, 0);
  // Drafts only: no version to import paper forms into.
  const TempFile forms(".csv", "submission_id,court,date,language,access_find\n");
  const auto noVersion = run({"import-responses", kSurveyId, forms.path()});
  EXPECT_EQ(noVersion.exitCode, 65) << noVersion.output;
  EXPECT_TRUE(contains(noVersion.output, "[no_importable_version]")) << noVersion.output;

  ASSERT_EQ(run({"publish", kSurveyId, "1"}).exitCode, 0);
  const auto again = run({"publish", kSurveyId, "1"});
  EXPECT_EQ(again.exitCode, 65) << again.output;
  EXPECT_TRUE(contains(again.output, "[not_draft]")) << again.output;
}

TEST_F(AdminCliExitCodes, MissingInputFileIs66) {
  const auto survey = run({"import-survey", "/nonexistent/survey.json"});
  EXPECT_EQ(survey.exitCode, 66) << survey.output;
  EXPECT_TRUE(contains(survey.output, "/nonexistent/survey.json")) << survey.output;
  const auto courts = run({"import-courts", "/nonexistent/courts.csv"});
  EXPECT_EQ(courts.exitCode, 66) << courts.output;
}

TEST(AdminCliExitCode, DatabaseUnavailableIs69AndTheOperatorSeesWhere) {
  int freePort = 0;
  {
    Poco::Net::ServerSocket probe(0);  // a port where nothing listens once the probe closes
    freePort = probe.address().port();
  }
  const Env env = {{"COURTVOICE_DB_SOCKET", "/tmp/cv-no-such-dir/mysqld.sock"},
                   {"COURTVOICE_DB_HOST", "127.0.0.1"},
                   {"COURTVOICE_DB_PORT", std::to_string(freePort)},
                   {"COURTVOICE_DB_USER", "courtvoice"},
                   {"COURTVOICE_DB_PASSWORD", "x"},
                   {"COURTVOICE_DB_NAME", "courtvoice"}};
  const auto list = runAdmin({"list"}, env);
  EXPECT_EQ(list.exitCode, 69) << list.output;
  EXPECT_TRUE(contains(list.output, "[database_unavailable]")) << list.output;
  // The tool is run by the operator: the detail (where, and MySQL's words) is printed.
  EXPECT_TRUE(contains(list.output, "/tmp/cv-no-such-dir/mysqld.sock")) << list.output;
}

TEST_F(AdminCliExitCodes, ExportedCommentsCannotRunAsSpreadsheetFormulas) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  const auto posted = http(server.port(), "POST", "/api/v1/surveys/" + kSurveyId + "/responses",
                           responseJson("formula-cli-01", R"json({"access_find": 4, "comment": "=HYPERLINK(\"http://x\")"})json"));
  ASSERT_EQ(posted.status, 201) << posted.body;
  const TempFile out(".csv", "");

  const auto exported = runAdmin({"export-responses", kSurveyId, out.path()}, server.schema().environment());

  ASSERT_EQ(exported.exitCode, 0) << exported.output;
  const std::string csv = readFile(out.path());
  // RFC 4180 quoting of the quotes inside, and the leading quote mark that makes it text.
  EXPECT_TRUE(contains(csv, ",comment,\"'=HYPERLINK(\"\"http://x\"\")\",")) << csv;
  EXPECT_FALSE(contains(csv, ",\"=HYPERLINK")) << csv;
  EXPECT_FALSE(contains(csv, ",=HYPERLINK")) << csv;
}

}  // namespace
}  // namespace courtvoice::e2e
