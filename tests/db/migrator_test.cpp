// The migrator against a real, empty schema.
#include <filesystem>
#include <fstream>

#include "courtvoice/surveys/mysql/migrator.hpp"
#include "db/db_fixture.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::Migration;
using mysql::Migrator;

class MigratorTest : public EmptySchemaTest {};

// A directory of migration files that removes itself.
class MigrationDirectory {
 public:
  MigrationDirectory()
      : path_(std::filesystem::temp_directory_path() / ("courtvoice-migrations-" + randomSuffix())) {
    std::filesystem::create_directories(path_);
  }
  ~MigrationDirectory() { std::filesystem::remove_all(path_); }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path_ / name) << text; }
  const std::filesystem::path& path() const { return path_; }

 private:
  std::filesystem::path path_;
};

TEST_F(MigratorTest, AppliesEveryMigrationOnceAndNothingTheSecondTime) {
  Migrator migrator(pool());
  const auto available = migrator.available();
  ASSERT_FALSE(available.empty());
  EXPECT_EQ(available.front().version, 1);
  EXPECT_EQ(available.front().name, "initial");

  std::vector<int> reported;
  const auto applied = migrator.migrate([&](const Migration& m) { reported.push_back(m.version); });
  ASSERT_EQ(applied.size(), available.size());
  std::vector<int> expected;
  for (const auto& migration : available) expected.push_back(migration.version);
  EXPECT_EQ(reported, expected);
  EXPECT_EQ(rowCount("schema_migrations"), static_cast<long long>(available.size()));
  // The tables of 001_initial exist and are empty.
  for (const char* table : {"courts", "surveys", "survey_versions", "responses", "answers"}) {
    EXPECT_EQ(rowCount(table), 0) << table;
  }

  std::vector<int> reportedAgain;
  const auto appliedAgain = migrator.migrate([&](const Migration& m) { reportedAgain.push_back(m.version); });
  EXPECT_TRUE(appliedAgain.empty());
  EXPECT_TRUE(reportedAgain.empty());
  EXPECT_TRUE(migrator.pending().empty());
  EXPECT_EQ(rowCount("schema_migrations"), static_cast<long long>(available.size()));
}

TEST_F(MigratorTest, AppliesOnlyTheNewFilesInNumberOrder) {
  MigrationDirectory directory;
  directory.write("002_second.sql", "-- adds a column\nALTER TABLE t ADD COLUMN b INT NULL;\n");
  directory.write("001_first.sql", "CREATE TABLE t (\n  a INT NOT NULL\n);\nINSERT INTO t (a) VALUES (1);\n");
  directory.write("README.txt", "not a migration");
  Migrator migrator(pool(), directory.path());
  EXPECT_EQ(migrator.pending().size(), 2U);
  const auto first = migrator.migrate();
  ASSERT_EQ(first.size(), 2U);
  EXPECT_EQ(first[0].name, "first");
  EXPECT_EQ(first[1].name, "second");

  directory.write("003_third.sql", "INSERT INTO t (a, b) VALUES (2, 3);");  // no newline at the end
  const auto second = migrator.migrate();
  ASSERT_EQ(second.size(), 1U);
  EXPECT_EQ(second[0].version, 3);
  EXPECT_EQ(rowCount("t"), 2);
  EXPECT_EQ(direct().queryNumber("SELECT b FROM t WHERE a = 2"), 3);
  EXPECT_EQ(direct().queryString("SELECT GROUP_CONCAT(name ORDER BY version) FROM schema_migrations"),
            "first,second,third");
}

TEST_F(MigratorTest, ReportsTheFileAndLineOfAFailingStatement) {
  MigrationDirectory directory;
  directory.write("001_ok.sql", "CREATE TABLE t (a INT);\n");
  directory.write("002_broken.sql", "INSERT INTO t (a) VALUES (1);\n\nINSERT INTO missing_table (a)\n VALUES (1);\n");
  Migrator migrator(pool(), directory.path());
  try {
    migrator.migrate();
    FAIL() << "a broken migration must throw";
  } catch (const std::runtime_error& error) {
    const std::string message = error.what();
    EXPECT_NE(message.find("002_broken.sql"), std::string::npos) << message;
    EXPECT_NE(message.find("line 3"), std::string::npos) << message;
  }
  // 001 stays applied and recorded; 002 is not recorded, so a fixed file is applied next time.
  EXPECT_EQ(direct().queryString("SELECT GROUP_CONCAT(version) FROM schema_migrations"), "1");
  ASSERT_EQ(migrator.pending().size(), 1U);
  EXPECT_EQ(migrator.pending().front().version, 2);
}

TEST_F(MigratorTest, RefusesABadlyNamedFile) {
  MigrationDirectory directory;
  directory.write("1-initial.sql", "CREATE TABLE t (a INT);\n");
  Migrator migrator(pool(), directory.path());
  EXPECT_THROW(migrator.available(), std::runtime_error);
  EXPECT_THROW(migrator.migrate(), std::runtime_error);
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM information_schema.tables WHERE table_schema = DATABASE()"),
            0);
}

TEST(SqlSplitting, SplitsAtSemicolonsThatEndALineAndSkipsComments) {
  const auto statements = mysql::splitSqlStatements(
      "-- a comment; with a semicolon\n"
      "CREATE TABLE a (\n"
      "  x VARCHAR(8) DEFAULT ';' -- not the end\n"
      ");\n"
      "\n"
      "INSERT INTO a VALUES ('1');   \n"
      "SELECT 1");
  ASSERT_EQ(statements.size(), 3U);
  EXPECT_EQ(statements[0].line, 2);
  EXPECT_NE(statements[0].sql.find("DEFAULT ';'"), std::string::npos);
  EXPECT_EQ(statements[0].sql.back(), ')');
  EXPECT_EQ(statements[1].sql, "INSERT INTO a VALUES ('1')");
  EXPECT_EQ(statements[1].line, 6);
  EXPECT_EQ(statements[2].sql, "SELECT 1");
  EXPECT_EQ(statements[2].line, 7);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
