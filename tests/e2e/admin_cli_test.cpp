// courtvoice-admin against a real MariaDB schema: what an administrator at a terminal sees.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

// A file in the temporary directory, removed at the end of the test.
class TempFile {
 public:
  TempFile(const std::string& suffix, const std::string& content)
      : path_(std::filesystem::temp_directory_path() / ("courtvoice-admin-" + randomHex(10) + suffix)) {
    std::ofstream(path_, std::ios::binary) << content;
  }
  ~TempFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  TempFile(const TempFile&) = delete;
  TempFile& operator=(const TempFile&) = delete;
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

std::size_t migrationFiles() {
  std::size_t count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(std::string(COURTVOICE_SOURCE_DIR) + "/surveys/migrations")) {
    if (entry.path().extension() == ".sql") ++count;
  }
  return count;
}

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

TEST(AdminCli, MigrateTwiceAppliesEverythingOnceAndSucceedsBothTimes) {
  TestSchema schema;

  const auto first = runAdmin({"migrate"}, schema.environment());
  ASSERT_EQ(first.exitCode, 0) << first.output;
  EXPECT_TRUE(contains(first.output, "applied 001_initial.sql")) << first.output;
  const auto second = runAdmin({"migrate"}, schema.environment());
  ASSERT_EQ(second.exitCode, 0) << second.output;
  EXPECT_FALSE(contains(second.output, "applied 001")) << second.output;

  EXPECT_EQ(static_cast<std::size_t>(schema.count("SELECT COUNT(*) FROM schema_migrations")), migrationFiles());
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                         "AND TABLE_NAME = 'responses'"),
            1);
}

TEST(AdminCli, ImportSurveyPublishListAndClose) {
  TestSchema schema;
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);
  const TempFile survey(".json", kSurveyJson);

  const auto imported = runAdmin({"import-survey", survey.path()}, schema.environment());
  ASSERT_EQ(imported.exitCode, 0) << imported.output;
  EXPECT_TRUE(contains(imported.output, "e2e_survey version 1")) << imported.output;

  const auto published = runAdmin({"publish", "e2e_survey", "1"}, schema.environment());
  ASSERT_EQ(published.exitCode, 0) << published.output;
  EXPECT_EQ(schema.sql("SELECT status FROM survey_versions WHERE survey_id = 'e2e_survey'"), "published\n");

  const auto list = runAdmin({"list"}, schema.environment());
  ASSERT_EQ(list.exitCode, 0) << list.output;
  EXPECT_TRUE(contains(list.output, "e2e_survey")) << list.output;
  EXPECT_TRUE(contains(list.output, "published")) << list.output;

  const auto closed = runAdmin({"close", "e2e_survey"}, schema.environment());
  ASSERT_EQ(closed.exitCode, 0) << closed.output;
  EXPECT_EQ(schema.sql("SELECT status FROM survey_versions WHERE survey_id = 'e2e_survey'"), "closed\n");

  // Publishing it again is a lifecycle mistake, said plainly.
  const auto again = runAdmin({"publish", "e2e_survey", "1"}, schema.environment());
  EXPECT_NE(again.exitCode, 0);
  EXPECT_TRUE(contains(again.output, "draft")) << again.output;
}

TEST(AdminCli, BrokenSurveyFileFailsNamingTheProblemAndStoresNothing) {
  TestSchema schema;
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);
  std::string broken = kSurveyJson;
  broken.replace(broken.find(R"("type": "single_choice")"), std::string(R"("type": "single_choice")").size(),
                 R"("type": "multiple_guess")");
  const TempFile survey(".json", broken);

  const auto result = runAdmin({"import-survey", survey.path()}, schema.environment());

  EXPECT_NE(result.exitCode, 0);
  EXPECT_TRUE(contains(result.output, "items[1].type")) << result.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM survey_versions"), 0);

  const auto missing = runAdmin({"import-survey", "/nonexistent/survey.json"}, schema.environment());
  EXPECT_NE(missing.exitCode, 0);
  EXPECT_TRUE(contains(missing.output, "/nonexistent/survey.json")) << missing.output;
}

TEST(AdminCli, CourtsCsvWithABadLineStoresNothingAndNamesTheLine) {
  TestSchema schema;
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);
  const TempFile bad(".csv",
                     "code,name_kk,name_ru,name_en,region,level,active\n"
                     "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1\n"
                     "AST-01,Астана,Астана,Astana,astana,imperial,1\n");

  const auto result = runAdmin({"import-courts", bad.path()}, schema.environment());
  EXPECT_NE(result.exitCode, 0);
  EXPECT_TRUE(contains(result.output, "line 3: level")) << result.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM courts"), 0);

  const TempFile good(".csv",
                      "code,name_kk,name_ru,name_en,region,level,active\n"
                      "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1\n");
  const auto ok = runAdmin({"import-courts", good.path()}, schema.environment());
  ASSERT_EQ(ok.exitCode, 0) << ok.output;
  EXPECT_EQ(schema.sql("SELECT CONCAT(code, ' ', name_kk, ' ', active) FROM courts"), "ALM-01 Алматы 1\n");
}

TEST(AdminCli, DemoLoadsDataAndIsIdempotent) {
  TestSchema schema;
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);

  const auto first = runAdmin({"demo", "--responses=150"}, schema.environment());
  ASSERT_EQ(first.exitCode, 0) << first.output;
  EXPECT_TRUE(contains(first.output, "150/150")) << first.output;
  const long long responses = schema.count("SELECT COUNT(*) FROM responses");
  const long long answers = schema.count("SELECT COUNT(*) FROM answers");
  EXPECT_EQ(responses, 150);
  EXPECT_GT(answers, 150 * 10);
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM survey_versions WHERE status = 'published'"), 1);
  EXPECT_GT(schema.count("SELECT COUNT(DISTINCT court_code) FROM responses"), 10);
  EXPECT_EQ(schema.count("SELECT COUNT(DISTINCT channel) FROM responses"), 3);

  const auto second = runAdmin({"demo", "--responses=150"}, schema.environment());
  ASSERT_EQ(second.exitCode, 0) << second.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses"), responses);
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM answers"), answers);
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM survey_versions"), 1);
}

TEST(AdminCli, HelpAndUsageMistakes) {
  TestSchema schema;
  const auto help = runAdmin({"publish", "--help"}, schema.environment());
  EXPECT_EQ(help.exitCode, 0);
  EXPECT_TRUE(contains(help.output, "publish SURVEY_ID VERSION")) << help.output;

  const auto unknown = runAdmin({"frobnicate"}, schema.environment());
  EXPECT_NE(unknown.exitCode, 0);
  EXPECT_TRUE(contains(unknown.output, "unknown subcommand")) << unknown.output;

  const auto badVersion = runAdmin({"publish", "e2e_survey", "first"}, schema.environment());
  EXPECT_NE(badVersion.exitCode, 0);
  EXPECT_TRUE(contains(badVersion.output, "VERSION")) << badVersion.output;
}

TEST(AdminCli, UnreachableDatabaseIsReportedClearly) {
  TestSchema schema;
  Env env = schema.environment();
  env["COURTVOICE_DB_SOCKET"] = "/nonexistent/mysqld.sock";
  env["COURTVOICE_DB_HOST"] = "127.0.0.1";
  env["COURTVOICE_DB_PORT"] = "1";

  const auto result = runAdmin({"list"}, env);

  EXPECT_NE(result.exitCode, 0);
  EXPECT_TRUE(contains(result.output, "failed")) << result.output;
}

}  // namespace
}  // namespace courtvoice::e2e
