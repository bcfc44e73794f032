// courtvoice-admin backup and restore against a real MariaDB schema: a restored database gives
// back the same figures, and restore refuses what would lose or misread data.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <sstream>

#include "server_fixture.hpp"
#include "temp_file.hpp"

namespace courtvoice::e2e {
namespace {

bool contains(const std::string& text, const std::string& part) {
  return text.find(part) != std::string::npos;
}

/// What must survive a backup and restore: every table's rows (checksums), the counts per survey
/// version, and the KPI figures the admin tool computes from the responses.
std::string figures(const TestSchema& schema) {
  const std::string tables =
      schema.sql("SELECT TABLE_NAME FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() ORDER BY 1");
  std::string list;
  std::istringstream names(tables);
  for (std::string name; std::getline(names, name);) list += (list.empty() ? "`" : ", `") + name + "`";
  const auto kpis = runAdmin({"kpi", "values"}, schema.environment());
  return schema.sql("CHECKSUM TABLE " + list + " EXTENDED") +
         schema.sql("SELECT survey_id, version, COUNT(*) FROM responses GROUP BY survey_id, version ORDER BY 1, 2") +
         schema.sql("SELECT COUNT(*) FROM answers") + schema.sql("SELECT version, name FROM schema_migrations ORDER BY 1") +
         "kpi values (exit " + std::to_string(kpis.exitCode) + "):\n" + kpis.output;
}

TEST(AdminCli, BackupAndRestoreGiveBackTheSameFigures) {
  TestSchema schema;
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);
  const auto demo = runAdmin({"demo", "--responses=30"}, schema.environment());
  ASSERT_EQ(demo.exitCode, 0) << demo.output;
  const std::string before = figures(schema);
  ASSERT_TRUE(contains(before, "court_user\t2\t30")) << before;

  // A plain backup starts with the header naming the migrations; a .gz one is compressed.
  const TempPath plain(".sql", "courtvoice-backup-");
  const auto plainRun = runAdmin({"backup", "--output=" + plain.path()}, schema.environment());
  ASSERT_EQ(plainRun.exitCode, 0) << plainRun.output;
  const std::string dump = readFile(plain.path());
  EXPECT_EQ(dump.rfind("-- CourtVoice backup, format 1\n-- created: ", 0), 0U) << dump.substr(0, 300);
  EXPECT_TRUE(contains(dump.substr(0, 1000), "-- migrations: 001_initial 002_version_lifecycle")) << dump.substr(0, 1000);
  EXPECT_EQ(std::filesystem::status(plain.path()).permissions() & std::filesystem::perms::all,
            std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  EXPECT_FALSE(contains(dump, schema.database().password)) << "the database password is in the dump";
  const TempPath packed(".sql.gz", "courtvoice-backup-");
  const auto packedRun = runAdmin({"backup", "--output", packed.path()}, schema.environment());
  ASSERT_EQ(packedRun.exitCode, 0) << packedRun.output;
  EXPECT_TRUE(contains(packedRun.output, "gzip")) << packedRun.output;
  EXPECT_EQ(readFile(packed.path()).substr(0, 2), "\x1f\x8b");
  EXPECT_FALSE(std::filesystem::exists(packed.path() + ".partial"));

  // The database is lost: an empty one in its place.
  runSql(schema.database(), "DROP DATABASE `" + schema.name() + "`");
  runSql(schema.database(), "CREATE DATABASE `" + schema.name() + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
  ASSERT_EQ(schema.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()"), 0);

  const auto restored = runAdmin({"restore", "--input=" + packed.path()}, schema.environment());
  ASSERT_EQ(restored.exitCode, 0) << restored.output;
  EXPECT_TRUE(contains(restored.output, "restored database " + schema.name())) << restored.output;
  EXPECT_EQ(figures(schema), before);

  // Restoring over responses is refused unless --force; nothing changes.
  const auto refused = runAdmin({"restore", "--input=" + plain.path()}, schema.environment());
  EXPECT_EQ(refused.exitCode, 65) << refused.output;
  EXPECT_TRUE(contains(refused.output, "already holds")) << refused.output;
  EXPECT_TRUE(contains(refused.output, "--force")) << refused.output;
  EXPECT_EQ(figures(schema), before);

  // With --force, over a database that has changed since: the backup's figures again, and a table
  // the backup does not have is gone.
  schema.sql("DELETE FROM answers WHERE response_id IN (SELECT id FROM (SELECT id FROM responses LIMIT 5) AS few)");
  schema.sql("CREATE TABLE stray (id INT PRIMARY KEY)");
  const auto forced = runAdmin({"restore", "--input=" + plain.path(), "--force"}, schema.environment());
  ASSERT_EQ(forced.exitCode, 0) << forced.output;
  EXPECT_EQ(figures(schema), before);
}

TEST(AdminCli, RestoreRefusesNewerIncompleteOrForeignFilesAndChangesNothing) {
  TestSchema schema;
  ASSERT_EQ(runAdmin({"migrate"}, schema.environment()).exitCode, 0);
  const TempPath good(".sql", "courtvoice-backup-");
  ASSERT_EQ(runAdmin({"backup", "--output=" + good.path()}, schema.environment()).exitCode, 0);
  const std::string dump = readFile(good.path());
  schema.sql("CREATE TABLE marker (id INT PRIMARY KEY)");

  // A backup of a newer CourtVoice (a migration this one does not ship).
  std::string newer = dump;
  const auto at = newer.find("-- migrations: ");
  ASSERT_NE(at, std::string::npos);
  newer.insert(newer.find('\n', at), " 999_from_the_future");
  const TempFile newerFile(".sql", newer);
  const auto refusedNewer = runAdmin({"restore", "--input=" + newerFile.path(), "--force"}, schema.environment());
  EXPECT_EQ(refusedNewer.exitCode, 65) << refusedNewer.output;
  EXPECT_TRUE(contains(refusedNewer.output, "newer CourtVoice")) << refusedNewer.output;
  EXPECT_TRUE(contains(refusedNewer.output, "999_from_the_future")) << refusedNewer.output;

  // A copy cut short.
  const TempFile cut(".sql", dump.substr(0, dump.size() * 2 / 3));
  const auto refusedCut = runAdmin({"restore", "--input=" + cut.path(), "--force"}, schema.environment());
  EXPECT_EQ(refusedCut.exitCode, 65) << refusedCut.output;
  EXPECT_TRUE(contains(refusedCut.output, "incomplete")) << refusedCut.output;

  // Not a backup of this tool; a missing file; no --input.
  const TempFile foreign(".sql", "CREATE TABLE x (id INT);\n");
  const auto refusedForeign = runAdmin({"restore", "--input=" + foreign.path(), "--force"}, schema.environment());
  EXPECT_EQ(refusedForeign.exitCode, 65) << refusedForeign.output;
  EXPECT_TRUE(contains(refusedForeign.output, "not a courtvoice-admin backup")) << refusedForeign.output;
  EXPECT_EQ(runAdmin({"restore", "--input=/nonexistent/backup.sql"}, schema.environment()).exitCode, 66);
  EXPECT_EQ(runAdmin({"restore"}, schema.environment()).exitCode, 64);

  // Nothing was touched by any of them.
  EXPECT_EQ(schema.count("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() "
                         "AND TABLE_NAME = 'marker'"),
            1);
}

}  // namespace
}  // namespace courtvoice::e2e
