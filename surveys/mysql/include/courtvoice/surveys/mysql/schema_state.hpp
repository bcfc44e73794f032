#pragma once
// What a schema holds, for courtvoice-admin backup and restore: which migrations it records and
// whether it has responses; and emptying it before a restore.
#include <cstdint>
#include <vector>

#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/mysql_config.hpp"

namespace courtvoice::surveys::mysql {

struct SchemaState {
  std::vector<Migration> applied;  ///< schema_migrations in version order (no file); none without the table
  std::size_t tables = 0;          ///< tables and views in the schema
  std::int64_t responses = 0;      ///< rows of `responses` (0 without the table)
};

/// Reads the state of config.database over a connection of its own.
SchemaState inspectSchema(MySqlConfig config);

/// Drops every table and view of config.database (foreign key checks off for the session), so
/// that a restored dump starts from nothing: tables a later migration made are not left behind.
/// Returns how many it dropped.
std::size_t dropAllTables(MySqlConfig config);

}  // namespace courtvoice::surveys::mysql
