// Migration 003 on a schema that already holds responses from before it (migrations 001-002).
#include <filesystem>

#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::Migrator;
using mysql::MySqlResponseStore;

class Migration003Test : public EmptySchemaTest {
 protected:
  // Applies the shipped migrations numbered below 3 only.
  void migrateBefore003() {
    const auto directory = std::filesystem::temp_directory_path() / ("courtvoice-before-003-" + randomSuffix());
    std::filesystem::create_directories(directory);
    for (const auto& migration : Migrator(pool()).available()) {
      if (migration.version < 3) std::filesystem::copy_file(migration.file, directory / migration.file.filename());
    }
    const auto applied = Migrator(pool(), directory).migrate();
    std::filesystem::remove_all(directory);
    ASSERT_EQ(applied.size(), 2U);
  }

  void insertOldResponse(const std::string& id, const std::string& submissionId, const std::string& day) {
    direct().executeWith(
        "INSERT INTO responses (id, submission_id, survey_id, version, court_code, channel, language, given_on)"
        " VALUES (?, ?, 'court_user', 1, 'ALM-01', 'kiosk', 'ru', ?)",
        {id, submissionId, day});
  }
};

TEST_F(Migration003Test, NumbersStoredResponsesAndKeepsTheirAnswers) {
  ASSERT_NO_FATAL_FAILURE(migrateBefore003());
  direct().execute("INSERT INTO courts (code, region, level) VALUES ('ALM-01', 'almaty_city', 'district')");
  direct().execute("INSERT INTO surveys (id, audience) VALUES ('court_user', 'citizen')");
  SurveyDefinition definition = sampleDefinition();
  definition.version = 1;
  direct().executeWith(
      "INSERT INTO survey_versions (survey_id, version, status, definition) VALUES ('court_user', 1, 'published', ?)",
      {definitionToJson(definition)});
  // Ids and days chosen so that the order by (day, id) differs from both alone.
  const std::string b(32, 'b'), a(32, 'a'), c(32, 'c');
  insertOldResponse(b, "sub-old-b", "2025-01-02");
  insertOldResponse(a, "sub-old-a", "2025-01-03");
  insertOldResponse(c, "sub-old-c", "2025-01-02");
  direct().execute("INSERT INTO answers (response_id, item_id, seq, code) VALUES ('" + b + "', 'overall', 0, 4),"
                   " ('" + a + "', 'reasons', 0, 3), ('" + a + "', 'reasons', 1, 1), ('" + c + "', 'overall', 0, 2)");
  direct().execute("INSERT INTO answers (response_id, item_id, text) VALUES ('" + a + "', 'comment', 'old text')");

  // 003 and every migration after it (004 invitations, ...), in order.
  const auto applied = Migrator(pool()).migrate();
  ASSERT_EQ(applied.size(), Migrator(pool()).available().size() - 2);
  EXPECT_EQ(applied.front().version, 3);

  // Numbered 1..3 by (day, id), every row, and the counter continues from there.
  EXPECT_EQ(direct().queryNumber("SELECT seq FROM responses WHERE submission_id = 'sub-old-b'"), 1);
  EXPECT_EQ(direct().queryNumber("SELECT seq FROM responses WHERE submission_id = 'sub-old-c'"), 2);
  EXPECT_EQ(direct().queryNumber("SELECT seq FROM responses WHERE submission_id = 'sub-old-a'"), 3);
  EXPECT_EQ(direct().queryString("SELECT is_nullable FROM information_schema.columns WHERE table_schema = DATABASE()"
                                 " AND table_name = 'responses' AND column_name = 'seq'"),
            "NO");
  EXPECT_EQ(rowCount("answers"), 5);

  MySqlResponseStore store(pool());
  EXPECT_EQ(store.latestSequence(), 3);
  const auto all = store.readAfter(0, 10);
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].response.submissionId, "sub-old-b");
  EXPECT_EQ(all[0].response.findAnswer("overall")->code, 4);
  EXPECT_EQ(all[1].response.findAnswer("overall")->code, 2);
  const Response& withChoices = all[2].response;
  ASSERT_EQ(withChoices.answers.size(), 2U);
  EXPECT_EQ(withChoices.findAnswer("reasons")->codes, (std::vector<int>{3, 1}));
  EXPECT_EQ(withChoices.findAnswer("comment")->text, "old text");
  // The answers still name their response by its id.
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM answers WHERE response_id = '" + a + "'"), 3);

  Response next = makeResponse("sub-new-0001", "ALM-01", "2025-01-01");
  EXPECT_TRUE(store.submit(next).created);
  EXPECT_EQ(direct().queryNumber("SELECT seq FROM responses WHERE submission_id = 'sub-new-0001'"), 4);
  EXPECT_EQ(store.readAfter(3, 10).size(), 1U);

  // Deleting a response still deletes its answers.
  direct().execute("DELETE FROM responses WHERE submission_id = 'sub-old-a'");
  EXPECT_EQ(rowCount("answers"), 3);
}

TEST_F(Migration003Test, AnEmptySchemaStartsAtZeroWithBothChangeStamps) {
  Migrator(pool()).migrate();
  MySqlResponseStore store(pool());
  EXPECT_EQ(store.latestSequence(), 0);
  EXPECT_TRUE(store.readAfter(0, 10).empty());
  EXPECT_EQ(direct().queryString("SELECT GROUP_CONCAT(name ORDER BY name) FROM change_stamps"), "courts,surveys");
}

}  // namespace
}  // namespace courtvoice::surveys::testing
