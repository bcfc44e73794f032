#pragma once
// Brings a schema up to date from numbered SQL files: 001_initial.sql, 002_xxx.sql, ...
#include <filesystem>
#include <functional>
#include <string>
#include <vector>

#include "courtvoice/surveys/mysql/mysql_config.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

struct Migration {
  int version = 0;                  ///< the number in the file name
  std::string name;                 ///< the file name without number and extension
  std::filesystem::path file;
};

/// Applies the migrations of a directory in order, each recorded in schema_migrations (which it
/// creates), so running it again applies nothing. Files are split into statements at lines ending
/// in ';'; lines starting with "--" are comments. A MySQL-level lock keeps two processes from
/// migrating one schema at the same time.
class Migrator {
 public:
  explicit Migrator(ConnectionPool& pool, std::filesystem::path directory = defaultDirectory());

  /// COURTVOICE_MIGRATIONS_DIR from the environment when set, else the source tree's
  /// surveys/migrations (fixed at build time).
  static std::filesystem::path defaultDirectory();

  /// Every migration file in the directory, in order. Throws std::runtime_error for a .sql file
  /// whose name is not NNN_name.sql, for two files with one number, or a missing directory.
  std::vector<Migration> available() const;

  /// The migrations not yet recorded in the schema.
  std::vector<Migration> pending();

  /// Applies the pending migrations in order and returns them; `onApplied` hears of each one as
  /// soon as it is recorded. A failing statement throws std::runtime_error naming the file and
  /// line; the migrations before it stay applied.
  std::vector<Migration> migrate(const std::function<void(const Migration&)>& onApplied = {});

 private:
  ConnectionPool& pool_;
  std::filesystem::path directory_;
};

/// A migration may rewrite the largest tables (migration 003 copies every answer: minutes per
/// million responses), far longer than a pool's usual wait for a reply.
constexpr int kMigrationIoTimeoutSeconds = 24 * 3600;

/// Applies the pending migrations of Migrator::defaultDirectory() over a connection of its own
/// that waits up to kMigrationIoTimeoutSeconds for each statement.
std::vector<Migration> migrateSchema(MySqlConfig config, const std::function<void(const Migration&)>& onApplied = {});

/// The statements of a migration file with the line each starts on (exposed for tests).
struct SqlStatement {
  std::string sql;
  int line = 0;
};
std::vector<SqlStatement> splitSqlStatements(const std::string& text);

}  // namespace courtvoice::surveys::mysql
