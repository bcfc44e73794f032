// courtvoice-admin against a real MariaDB schema: what an administrator at a terminal sees.
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"
#include "temp_file.hpp"

namespace courtvoice::e2e {
namespace {

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

TEST(AdminCli, CourtsCsvWithBadLinesStoresNothingAndNamesEveryLine) {
  TestSchema schema;
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);
  const TempFile bad(".csv",
                     "code,name_kk,name_ru,name_en,region,level,active\n"
                     "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1\n"
                     "AST-01,Астана,Астана,Astana,astana,imperial,1\n"
                     "alm 2,Алматы,Алматы,Almaty,almaty_city,district,1\n"
                     "ALM-03,Алматы,Алматы,Almaty,atlantis,district,1\n"
                     "ALM-04,Алматы,,Almaty,almaty_city,district,1\n"
                     "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1\n");

  const auto result = runAdmin({"import-courts", bad.path()}, schema.environment());

  EXPECT_EQ(result.exitCode, 65);
  for (const std::string place : {"line 3: level", "line 4: code", "line 5: region", "line 6: name_ru", "line 7: code"}) {
    EXPECT_TRUE(contains(result.output, place)) << place << "\n" << result.output;
  }
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
  EXPECT_TRUE(contains(first.output, "responses court_user v1: 150/150")) << first.output;
  EXPECT_TRUE(contains(first.output, "responses court_user v2: 150/150")) << first.output;
  const long long responses = schema.count("SELECT COUNT(*) FROM responses");
  const long long answers = schema.count("SELECT COUNT(*) FROM answers");
  // Citizens: 150 per edition; staff 12 and judges 8 per active court per edition.
  const long long courts = schema.count("SELECT COUNT(*) FROM courts WHERE active");
  EXPECT_EQ(responses, 2 * 150 + 2 * 12 * courts + 2 * 8 * courts);
  EXPECT_EQ(schema.sql("SELECT survey_id, version, COUNT(*) FROM responses GROUP BY survey_id, version ORDER BY 1, 2"),
            "court_staff\t1\t" + std::to_string(12 * courts) + "\ncourt_staff\t2\t" + std::to_string(12 * courts) +
                "\ncourt_user\t1\t150\ncourt_user\t2\t150\njudges\t1\t" + std::to_string(8 * courts) +
                "\njudges\t2\t" + std::to_string(8 * courts) + "\n");
  EXPECT_GT(answers, responses * 10);
  // Each shipped survey: the first edition closed, the second published.
  EXPECT_EQ(schema.sql("SELECT survey_id, version, status FROM survey_versions ORDER BY survey_id, version"),
            "court_staff\t1\tclosed\ncourt_staff\t2\tpublished\ncourt_user\t1\tclosed\ncourt_user\t2\tpublished\n"
            "judges\t1\tclosed\njudges\t2\tpublished\n");
  // The first edition's answers are older than 7 months, the second's from the last 6.
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses WHERE version = 1 AND given_on > CURDATE() - INTERVAL 213 DAY"), 0);
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses WHERE version = 2 AND given_on <= CURDATE() - INTERVAL 183 DAY"), 0);
  EXPECT_GT(schema.count("SELECT COUNT(DISTINCT court_code) FROM responses"), 10);
  EXPECT_EQ(schema.count("SELECT COUNT(DISTINCT channel) FROM responses"), 3);

  const auto second = runAdmin({"demo", "--responses=150"}, schema.environment());
  ASSERT_EQ(second.exitCode, 0) << second.output;
  EXPECT_TRUE(contains(second.output, "court_user version 1: done (version 2 is published)")) << second.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses"), responses);
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM answers"), answers);
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM survey_versions"), 6);
}

TEST(AdminCli, DemoPublishesADraftLeftByAnInterruptedRunAndStopsAtVersionsItDidNotMake) {
  TestSchema schema;
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);
  const std::string templates = std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates";
  // As if a run had stopped between making version 1 of court_user and publishing it.
  ASSERT_EQ(runAdmin({"import-survey", templates + "/v1/court_user.json"}, schema.environment()).exitCode, 0);
  const auto resumed = runAdmin({"demo", "--responses=20"}, schema.environment());
  ASSERT_EQ(resumed.exitCode, 0) << resumed.output;
  EXPECT_EQ(schema.sql("SELECT version, status FROM survey_versions WHERE survey_id = 'court_user' ORDER BY version"),
            "1\tclosed\n2\tpublished\n");
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses WHERE survey_id = 'court_user'"), 40);

  // Two drafts the demo did not make, nothing published: it does not guess which is which.
  TestSchema other;
  ASSERT_EQ(runAdmin({"migrate"}, other.environment()).exitCode, 0);
  ASSERT_EQ(runAdmin({"import-survey", templates + "/v1/court_user.json"}, other.environment()).exitCode, 0);
  ASSERT_EQ(runAdmin({"import-survey", templates + "/court_user.json"}, other.environment()).exitCode, 0);
  const auto refused = runAdmin({"demo", "--responses=20"}, other.environment());
  EXPECT_EQ(refused.exitCode, 65) << refused.output;
  EXPECT_TRUE(contains(refused.output, "version_exists")) << refused.output;
  EXPECT_EQ(other.count("SELECT COUNT(*) FROM survey_versions WHERE status <> 'draft'"), 0);
  EXPECT_EQ(other.count("SELECT COUNT(*) FROM responses"), 0);
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

const std::string kCourtsCsv =
    "code,name_kk,name_ru,name_en,region,level,active\n"
    "ALM-01,Алматы аудандық соты,Районный суд Алматы,Almaty District Court,almaty_city,district,true\n"
    "AST-01,Астана аудандық соты,Районный суд Астаны,Astana District Court,astana,district,true\n";

// A schema with the two courts and kSurveyJson published as version 1.
void setUpSurvey(const TestSchema& schema) {
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);
  const TempFile courts(".csv", kCourtsCsv);
  const auto imported = runAdmin({"import-courts", courts.path()}, schema.environment());
  ASSERT_EQ(imported.exitCode, 0) << imported.output;
  const TempFile survey(".json", kSurveyJson);
  const auto created = runAdmin({"import-survey", survey.path()}, schema.environment());
  ASSERT_EQ(created.exitCode, 0) << created.output;
  const auto published = runAdmin({"publish", kSurveyId, "1"}, schema.environment());
  ASSERT_EQ(published.exitCode, 0) << published.output;
}

const std::string kPaperHeader = "submission_id,court,date,language,access_find,appeared,fair_listened,comment\n";

// Three forms: 1 + 4 + 2 = 7 answers (empty cells are skipped), one of them N/A.
const std::string kGoodPaperCsv = kPaperHeader +
                                  "P-ALM01-0001,ALM-01,2025-03-03,ru,4,,,\n"
                                  "P-ALM01-0002,ALM-01,04.03.2025,kk,5,1,4,\"Долго ждал, но помогли\"\n"
                                  "P-AST01-0001,AST-01,2025-03-05,en,NA,2,,\n";

TEST(AdminCli, PaperResponsesWithBadLinesStoreNothingAndNameLineAndColumn) {
  TestSchema schema;
  ASSERT_NO_FATAL_FAILURE(setUpSurvey(schema));
  const TempFile bad(".csv", kPaperHeader +
                                 "P-ALM01-0001,ALM-01,2025-03-03,ru,4,,,\n"    // line 2: fine
                                 "P-ALM01-0002,ALM-01,2025-03-03,ru,7,,,\n"    // line 3: outside 1..5
                                 "P-ALM01-0003,ALM-01,2025-03-03,ru,3,1,5,\n"  // line 4: fine
                                 "P-XXX-00001,KRG-01,2025-03-03,ru,3,,,\n");   // line 5: unknown court

  const auto result = runAdmin({"import-responses", kSurveyId, bad.path()}, schema.environment());

  EXPECT_EQ(result.exitCode, 65) << result.output;
  EXPECT_TRUE(contains(result.output, "line 3: access_find: the answer must be between 1 and 5 (the cell holds \"7\")"))
      << result.output;
  EXPECT_TRUE(contains(result.output, "line 5: court")) << result.output;
  EXPECT_TRUE(contains(result.output, "nothing was stored")) << result.output;
  EXPECT_FALSE(contains(result.output, "line 2")) << result.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses"), 0);

  const TempFile unknownColumn(".csv", "submission_id,court,date,language,access_find,colour\n");
  const auto column = runAdmin({"import-responses", kSurveyId, unknownColumn.path()}, schema.environment());
  EXPECT_EQ(column.exitCode, 65);
  EXPECT_TRUE(contains(column.output, "line 1: colour")) << column.output;
}

TEST(AdminCli, PaperFormThatAnswersNothingIsRefusedNamingItsLine) {
  TestSchema schema;
  ASSERT_NO_FATAL_FAILURE(setUpSurvey(schema));
  const TempFile forms(".csv", kPaperHeader +
                                   "P-ALM01-0001,ALM-01,2025-03-03,ru,4,,,\n"     // line 2: fine
                                   "P-ALM01-0002,ALM-01,2025-03-03,ru,NA,,,\n");  // line 3: only "not applicable"

  const auto result = runAdmin({"import-responses", kSurveyId, forms.path()}, schema.environment());

  EXPECT_EQ(result.exitCode, 65) << result.output;
  EXPECT_TRUE(contains(result.output, "line 3: the response answers no question")) << result.output;
  EXPECT_FALSE(contains(result.output, "line 2")) << result.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses"), 0);
}

TEST(AdminCli, PaperResponsesAreStoredOnceAndAReimportIsAllDuplicates) {
  TestSchema schema;
  ASSERT_NO_FATAL_FAILURE(setUpSurvey(schema));
  const TempFile good(".csv", kGoodPaperCsv);

  const auto first = runAdmin({"import-responses", kSurveyId, good.path()}, schema.environment());

  ASSERT_EQ(first.exitCode, 0) << first.output;
  EXPECT_TRUE(contains(first.output, "parsed 3/3 lines")) << first.output;
  EXPECT_TRUE(contains(first.output, "stored 3/3")) << first.output;
  EXPECT_TRUE(contains(first.output, "3 new, 0 already stored")) << first.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses WHERE channel = 'paper' AND version = 1"), 3);
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM answers"), 7);
  EXPECT_EQ(schema.sql("SELECT CONCAT(r.given_on, ' ', r.language, ' ', a.text) FROM answers a "
                       "JOIN responses r ON r.id = a.response_id WHERE a.item_id = 'comment'"),
            "2025-03-04 kk Долго ждал, но помогли\n");
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM answers WHERE non_answer = 'not_applicable'"), 1);

  const auto again = runAdmin({"import-responses", kSurveyId, good.path(), "--version=1"}, schema.environment());

  ASSERT_EQ(again.exitCode, 0) << again.output;
  EXPECT_TRUE(contains(again.output, "0 new, 3 already stored")) << again.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses"), 3);
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM answers"), 7);
}

TEST(AdminCli, PaperResponsesNeedAPublishedOrClosedVersion) {
  TestSchema schema;
  ASSERT_NO_FATAL_FAILURE(setUpSurvey(schema));
  const TempFile survey(".json", kSurveyJson);
  ASSERT_EQ(runAdmin({"import-survey", survey.path()}, schema.environment()).exitCode, 0);  // version 2, a draft
  const TempFile good(".csv", kGoodPaperCsv);

  const auto draft = runAdmin({"import-responses", kSurveyId, good.path(), "--version", "2"}, schema.environment());
  EXPECT_EQ(draft.exitCode, 65);
  EXPECT_TRUE(contains(draft.output, "version 2 is draft")) << draft.output;
  const auto missing = runAdmin({"import-responses", kSurveyId, good.path(), "--version=9"}, schema.environment());
  EXPECT_EQ(missing.exitCode, 65);
  EXPECT_TRUE(contains(missing.output, "no version 9")) << missing.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses"), 0);

  // Without --version: the published version 1, not the newer draft.
  const auto ok = runAdmin({"import-responses", kSurveyId, good.path()}, schema.environment());
  ASSERT_EQ(ok.exitCode, 0) << ok.output;
  EXPECT_TRUE(contains(ok.output, "version 1")) << ok.output;
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM responses WHERE version = 1"), 3);
}

TEST(AdminCli, ExportResponsesWithAndWithoutFreeText) {
  TestSchema schema;
  ASSERT_NO_FATAL_FAILURE(setUpSurvey(schema));
  const TempFile good(".csv", kGoodPaperCsv);
  ASSERT_EQ(runAdmin({"import-responses", kSurveyId, good.path()}, schema.environment()).exitCode, 0);
  const TempFile all(".csv", "");
  const TempFile noText(".csv", "");

  const auto full = runAdmin({"export-responses", kSurveyId, all.path()}, schema.environment());
  const auto bare = runAdmin({"export-responses", kSurveyId, noText.path(), "--no-text"}, schema.environment());

  ASSERT_EQ(full.exitCode, 0) << full.output;
  ASSERT_EQ(bare.exitCode, 0) << bare.output;
  const std::string withText = readFile(all.path());
  const std::string withoutText = readFile(noText.path());
  // A header and one line per answer: 7 answers, one of them the comment.
  EXPECT_EQ(std::count(withText.begin(), withText.end(), '\n'), 8) << withText;
  EXPECT_EQ(std::count(withoutText.begin(), withoutText.end(), '\n'), 7) << withoutText;
  EXPECT_TRUE(contains(withText, ",comment,\"Долго ждал, но помогли\",")) << withText;
  EXPECT_FALSE(contains(withoutText, "comment")) << withoutText;
  EXPECT_TRUE(contains(withoutText, ",access_find,,not_applicable")) << withoutText;
}

TEST(AdminCli, ExportedCourtsImportIntoAnotherDatabaseUnchanged) {
  TestSchema source;
  ASSERT_EQ(runAdmin({"migrate"}, source.environment()).exitCode, 0);
  const std::string shipped = std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/courts.csv";
  ASSERT_EQ(runAdmin({"import-courts", shipped}, source.environment()).exitCode, 0);
  ASSERT_EQ(source.sql("UPDATE courts SET active = 0 WHERE code = 'SC'"), "");
  const TempFile first(".csv", "");

  const auto exported = runAdmin({"export-courts", first.path()}, source.environment());

  ASSERT_EQ(exported.exitCode, 0) << exported.output;
  const long long courts = source.count("SELECT COUNT(*) FROM courts");
  EXPECT_TRUE(contains(exported.output, "exported " + std::to_string(courts) + " courts")) << exported.output;

  TestSchema target;
  ASSERT_EQ(runAdmin({"migrate"}, target.environment()).exitCode, 0);
  const auto imported = runAdmin({"import-courts", first.path()}, target.environment());
  ASSERT_EQ(imported.exitCode, 0) << imported.output;
  const std::string everything =
      "SELECT CONCAT_WS('|', code, name_kk, name_ru, name_en, region, level, active) FROM courts ORDER BY code";
  EXPECT_EQ(target.sql(everything), source.sql(everything));
  EXPECT_EQ(target.count("SELECT COUNT(*) FROM courts WHERE active = 0"), 1);

  const TempFile second(".csv", "");
  ASSERT_EQ(runAdmin({"export-courts", second.path()}, target.environment()).exitCode, 0);
  EXPECT_EQ(readFile(second.path()), readFile(first.path()));
}

TEST(AdminCli, ArchiveOnlyAfterClose) {
  TestSchema schema;
  ASSERT_NO_FATAL_FAILURE(setUpSurvey(schema));

  const auto early = runAdmin({"archive", kSurveyId, "1"}, schema.environment());
  EXPECT_EQ(early.exitCode, 65) << early.output;
  EXPECT_EQ(schema.sql("SELECT status FROM survey_versions"), "published\n");

  ASSERT_EQ(runAdmin({"close", kSurveyId}, schema.environment()).exitCode, 0);
  const auto archived = runAdmin({"archive", kSurveyId, "1"}, schema.environment());
  ASSERT_EQ(archived.exitCode, 0) << archived.output;
  EXPECT_TRUE(contains(archived.output, "archived survey e2e_survey version 1")) << archived.output;
  EXPECT_EQ(schema.sql("SELECT status FROM survey_versions"), "archived\n");
  const auto list = runAdmin({"list"}, schema.environment());
  EXPECT_TRUE(contains(list.output, "archived")) << list.output;
}

TEST(AdminCli, DiffShowsWhichSeriesContinue) {
  TestSchema schema;
  ASSERT_NO_FATAL_FAILURE(setUpSurvey(schema));
  // Version 2: access_find breaks its series, comment is replaced by remarks.
  std::string next = kSurveyJson;
  next.replace(next.find(R"("id": "access_find",)"), std::string(R"("id": "access_find",)").size(),
               R"("id": "access_find", "series_break": true,)");
  next.replace(next.find(R"("id": "comment")"), std::string(R"("id": "comment")").size(), R"("id": "remarks")");
  const TempFile survey(".json", next);
  const auto created = runAdmin({"import-survey", survey.path()}, schema.environment());
  ASSERT_EQ(created.exitCode, 0) << created.output;

  const auto diff = runAdmin({"diff", kSurveyId, "2"}, schema.environment());

  ASSERT_EQ(diff.exitCode, 0) << diff.output;
  EXPECT_TRUE(contains(diff.output, "version 2 against version 1")) << diff.output;
  EXPECT_TRUE(contains(diff.output, "kept (one series):       appeared, fair_listened\n")) << diff.output;
  EXPECT_TRUE(contains(diff.output, "broken (series breaks):  access_find\n")) << diff.output;
  EXPECT_TRUE(contains(diff.output, "added (new series):      remarks\n")) << diff.output;
  EXPECT_TRUE(contains(diff.output, "removed (series stops):  comment\n")) << diff.output;

  const auto first = runAdmin({"diff", kSurveyId, "1"}, schema.environment());
  ASSERT_EQ(first.exitCode, 0) << first.output;
  EXPECT_TRUE(contains(first.output, "added (new series):      access_find, appeared, fair_listened, comment"))
      << first.output;
  EXPECT_NE(runAdmin({"diff", kSurveyId, "3"}, schema.environment()).exitCode, 0);
}

TEST(AdminCli, EverySubcommandHasHelpAndTheToolListsThemAll) {
  TestSchema schema;
  const auto help = runAdmin({"--help"}, schema.environment());
  ASSERT_EQ(help.exitCode, 0);
  for (const std::string command : {"migrate", "import-survey", "publish", "close", "archive", "list", "diff",
                                    "import-courts", "export-courts", "import-responses", "export-responses", "demo"}) {
    EXPECT_TRUE(contains(help.output, "\n  " + command)) << command << "\n" << help.output;
    const auto own = runAdmin({command, "--help"}, schema.environment());
    EXPECT_EQ(own.exitCode, 0) << command;
    EXPECT_TRUE(contains(own.output, "usage: courtvoice-admin " + command)) << own.output;
  }

  const auto misplaced = runAdmin({"export-courts", "x.csv", "--no-text"}, schema.environment());
  EXPECT_EQ(misplaced.exitCode, 64);
  EXPECT_TRUE(contains(misplaced.output, "--no-text does not apply to export-courts")) << misplaced.output;
  const auto unknown = runAdmin({"list", "--colour"}, schema.environment());
  EXPECT_EQ(unknown.exitCode, 64);
  const auto missingFile = runAdmin({"import-responses", kSurveyId, "/nonexistent/forms.csv"}, schema.environment());
  EXPECT_EQ(missingFile.exitCode, 66);
  EXPECT_TRUE(contains(missingFile.output, "/nonexistent/forms.csv")) << missingFile.output;
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
