#include "courtvoice/surveys/mysql/migrator.hpp"

#include <algorithm>
#include <cstdlib>
#include <fstream>
#include <map>
#include <regex>
#include <set>
#include <sstream>
#include <stdexcept>

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {
namespace {

std::string trimRight(const std::string& text) {
  const auto end = text.find_last_not_of(" \t\r\n");
  return end == std::string::npos ? std::string() : text.substr(0, end + 1);
}

bool isBlank(const std::string& text) {
  return text.find_first_not_of(" \t\r\n") == std::string::npos;
}

std::string readFile(const std::filesystem::path& file) {
  std::ifstream in(file, std::ios::binary);
  if (!in) {
    throw std::runtime_error("cannot read migration " + file.string());
  }
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// Held for the whole migration; released when the session goes back to the pool.
class MigrationLock {
 public:
  explicit MigrationLock(Session& session) : session_(session) {
    auto& statement = session_.prepare("SELECT GET_LOCK(CONCAT(DATABASE(), '.courtvoice_migrations'), ?)");
    statement.setInt(1, kWaitSeconds);
    ResultSetPtr result(statement.executeQuery());
    if (!result->next() || result->isNull(1) || result->getInt(1) != 1) {
      throw std::runtime_error("another process has been migrating this schema for " + std::to_string(kWaitSeconds) +
                               " s; try again later");
    }
  }
  ~MigrationLock() {
    try {
      ResultSetPtr result(
          session_.prepare("SELECT RELEASE_LOCK(CONCAT(DATABASE(), '.courtvoice_migrations'))").executeQuery());
    } catch (...) {
      // The lock ends with the connection anyway.
      session_.broken = true;
    }
  }
  MigrationLock(const MigrationLock&) = delete;
  MigrationLock& operator=(const MigrationLock&) = delete;

 private:
  static constexpr int kWaitSeconds = 60;
  Session& session_;
};

void createMigrationsTable(Session& session) {
  session.execute(
      "CREATE TABLE IF NOT EXISTS schema_migrations ("
      " version INT NOT NULL,"
      " name VARCHAR(255) NOT NULL,"
      " applied_on DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,"
      " PRIMARY KEY (version)"
      ") ENGINE=InnoDB DEFAULT CHARSET=utf8mb4 COLLATE=utf8mb4_unicode_520_ci");
}

std::set<int> appliedVersions(Session& session) {
  std::set<int> versions;
  ResultSetPtr result(session.prepare("SELECT version FROM schema_migrations").executeQuery());
  while (result->next()) {
    versions.insert(result->getInt(1));
  }
  return versions;
}

}  // namespace

std::vector<SqlStatement> splitSqlStatements(const std::string& text) {
  std::vector<SqlStatement> statements;
  std::istringstream in(text);
  std::string line;
  std::string current;
  int lineNumber = 0;
  int startLine = 0;
  while (std::getline(in, line)) {
    ++lineNumber;
    const auto first = line.find_first_not_of(" \t\r");
    if (first == std::string::npos || line.compare(first, 2, "--") == 0) {
      continue;  // blank lines and whole-line comments belong to no statement
    }
    if (isBlank(current)) {
      startLine = lineNumber;
    }
    const std::string trimmed = trimRight(line);
    if (!trimmed.empty() && trimmed.back() == ';') {
      current += trimmed.substr(0, trimmed.size() - 1);
      if (!isBlank(current)) {
        statements.push_back({current, startLine});
      }
      current.clear();
    } else {
      current += line;
      current += '\n';
    }
  }
  if (!isBlank(current)) {
    statements.push_back({trimRight(current), startLine});
  }
  return statements;
}

Migrator::Migrator(ConnectionPool& pool, std::filesystem::path directory)
    : pool_(pool), directory_(std::move(directory)) {}

std::filesystem::path Migrator::defaultDirectory() {
  if (const char* fromEnvironment = std::getenv("COURTVOICE_MIGRATIONS_DIR");
      fromEnvironment != nullptr && *fromEnvironment != '\0') {
    return fromEnvironment;
  }
  return COURTVOICE_MIGRATIONS_DIR;
}

std::vector<Migration> Migrator::available() const {
  if (!std::filesystem::is_directory(directory_)) {
    throw std::runtime_error("migrations directory " + directory_.string() + " does not exist");
  }
  static const std::regex pattern(R"(^([0-9]{3,})_([a-z0-9_]+)\.sql$)");
  std::map<int, Migration> byVersion;
  for (const auto& entry : std::filesystem::directory_iterator(directory_)) {
    const std::string fileName = entry.path().filename().string();
    if (!entry.is_regular_file() || entry.path().extension() != ".sql") {
      continue;
    }
    std::smatch match;
    if (!std::regex_match(fileName, match, pattern)) {
      throw std::runtime_error("migration file " + fileName + " is not named NNN_name.sql");
    }
    Migration migration{std::stoi(match[1].str()), match[2].str(), entry.path()};
    if (!byVersion.emplace(migration.version, migration).second) {
      throw std::runtime_error("two migration files have number " + match[1].str() + " in " + directory_.string());
    }
  }
  std::vector<Migration> migrations;
  for (auto& [version, migration] : byVersion) {
    migrations.push_back(std::move(migration));
  }
  return migrations;
}

std::vector<Migration> Migrator::pending() {
  const auto all = available();
  std::vector<Migration> result;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    result.clear();
    createMigrationsTable(session);
    const auto applied = appliedVersions(session);
    std::copy_if(all.begin(), all.end(), std::back_inserter(result),
                 [&](const Migration& m) { return applied.count(m.version) == 0; });
  });
  return result;
}

std::vector<Migration> Migrator::migrate(const std::function<void(const Migration&)>& onApplied) {
  const auto all = available();
  std::vector<Migration> appliedNow;
  // Unsafe: DDL commits statement by statement, so a file cut short by a lost connection is half
  // applied and not recorded; running it again from its first statement would fail or, worse,
  // apply part of it twice. A lost connection is reported instead (the file is named below).
  pool_.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    MigrationLock lock(session);
    createMigrationsTable(session);
    // Read under the lock: another process may just have applied some.
    const auto applied = appliedVersions(session);
    for (const auto& migration : all) {
      if (applied.count(migration.version) != 0) {
        continue;
      }
      const auto statements = splitSqlStatements(readFile(migration.file));
      for (const auto& statement : statements) {
        try {
          session.execute(statement.sql);
        } catch (const sql::SQLException& error) {
          if (isConnectionError(error)) {
            throw std::runtime_error("the connection was lost during migration " + migration.file.filename().string() +
                                     " at line " + std::to_string(statement.line) +
                                     ": it may be partly applied; check the schema before migrating again (" +
                                     error.what() + ")");
          }
          throw std::runtime_error("migration " + migration.file.filename().string() + " failed at line " +
                                   std::to_string(statement.line) + ": MySQL error " +
                                   std::to_string(error.getErrorCode()) + ": " + error.what());
        }
      }
      auto& record = session.prepare("INSERT INTO schema_migrations (version, name) VALUES (?, ?)");
      record.setInt(1, migration.version);
      record.setString(2, migration.name);
      record.executeUpdate();
      appliedNow.push_back(migration);
      if (onApplied) {
        onApplied(migration);
      }
    }
  });
  return appliedNow;
}

std::vector<Migration> migrateSchema(MySqlConfig config, const std::function<void(const Migration&)>& onApplied) {
  config.ioTimeoutSeconds = kMigrationIoTimeoutSeconds;
  config.poolSize = 1;
  ConnectionPool pool(config);
  return Migrator(pool).migrate(onApplied);
}

}  // namespace courtvoice::surveys::mysql
