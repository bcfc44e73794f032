#include "courtvoice/surveys/mysql/schema_state.hpp"

#include <string>
#include <utility>

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {
namespace {

bool hasTable(Session& session, const std::string& name) {
  auto& statement = session.prepare(
      "SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE() AND TABLE_NAME = ?");
  statement.setString(1, name);
  ResultSetPtr result(statement.executeQuery());
  return result->next() && result->getInt64(1) > 0;
}

// An identifier from the server's own catalog, quoted for the statements that cannot bind one.
std::string quoted(const std::string& name) {
  std::string out = "`";
  for (const char c : name) out += c == '`' ? std::string("``") : std::string(1, c);
  return out + "`";
}

}  // namespace

SchemaState inspectSchema(MySqlConfig config) {
  config.poolSize = 1;
  ConnectionPool pool(config);
  SchemaState state;
  pool.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    state = SchemaState{};
    ResultSetPtr tables(session.prepare("SELECT COUNT(*) FROM information_schema.TABLES WHERE TABLE_SCHEMA = DATABASE()")
                            .executeQuery());
    if (tables->next()) state.tables = static_cast<std::size_t>(tables->getUInt64(1));
    if (hasTable(session, "schema_migrations")) {
      ResultSetPtr rows(session.prepare("SELECT version, name FROM schema_migrations ORDER BY version").executeQuery());
      while (rows->next()) {
        Migration migration;
        migration.version = rows->getInt(1);
        migration.name = rows->getString(2);
        state.applied.push_back(std::move(migration));
      }
    }
    if (hasTable(session, "responses")) {
      ResultSetPtr count(session.prepare("SELECT COUNT(*) FROM responses").executeQuery());
      if (count->next()) state.responses = count->getInt64(1);
    }
  });
  return state;
}

std::size_t dropAllTables(MySqlConfig config) {
  config.poolSize = 1;
  config.ioTimeoutSeconds = kMigrationIoTimeoutSeconds;
  ConnectionPool pool(config);
  std::size_t dropped = 0;
  // Unsafe: DDL commits at once; a lost connection is reported, and restore can simply run again.
  pool.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    std::vector<std::pair<std::string, bool>> objects;  // name, is a view
    ResultSetPtr rows(session.prepare("SELECT TABLE_NAME, TABLE_TYPE = 'VIEW' FROM information_schema.TABLES "
                                      "WHERE TABLE_SCHEMA = DATABASE()")
                          .executeQuery());
    while (rows->next()) objects.emplace_back(rows->getString(1), rows->getBoolean(2));
    session.execute("SET SESSION FOREIGN_KEY_CHECKS = 0");
    for (const auto& [name, view] : objects) {
      session.execute(std::string(view ? "DROP VIEW IF EXISTS " : "DROP TABLE IF EXISTS ") + quoted(name));
      ++dropped;
    }
    session.execute("SET SESSION FOREIGN_KEY_CHECKS = 1");
  });
  return dropped;
}

}  // namespace courtvoice::surveys::mysql
