#pragma once
// Internal to surveys_mysql: the only place besides the .cpp files that sees Connector/C++.
#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <unordered_map>

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>

namespace courtvoice::surveys::mysql {

/// MySQL / MariaDB error numbers the code reacts to.
namespace mysql_errors {
inline constexpr int kDuplicateKey = 1062;       // ER_DUP_ENTRY
inline constexpr int kNoReferencedRow = 1452;    // ER_NO_REFERENCED_ROW_2 (foreign key)
inline constexpr int kDataTooLong = 1406;        // ER_DATA_TOO_LONG
inline constexpr int kOutOfRange = 1264;         // ER_WARN_DATA_OUT_OF_RANGE
inline constexpr int kIncorrectString = 1366;    // ER_TRUNCATED_WRONG_VALUE_FOR_FIELD (bad UTF-8)
inline constexpr int kCheckFailed = 4025;        // ER_CONSTRAINT_FAILED (MariaDB CHECK)
inline constexpr int kDeadlock = 1213;           // ER_LOCK_DEADLOCK
}  // namespace mysql_errors

/// True for errors that mean the connection itself is unusable (server gone, restarted, killed
/// the connection, cannot be reached), as opposed to a problem with one statement.
bool isConnectionError(const sql::SQLException& error);

/// One connection and its prepared statements, cached by SQL text.
class Session {
 public:
  explicit Session(std::unique_ptr<sql::Connection> connection);
  ~Session();
  Session(const Session&) = delete;
  Session& operator=(const Session&) = delete;

  sql::Connection& connection() { return *connection_; }

  /// A prepared statement for `sql`, prepared once per connection. Parameters from an earlier
  /// use may remain: bind every one before executing.
  sql::PreparedStatement& prepare(const std::string& sql);

  /// A prepared statement that is not cached: for SQL whose text depends on a list's length
  /// (IN (?, ?, ...)), which would otherwise leave a statement per length in this process and in
  /// the database server (closed, on both sides, when the pointer goes).
  std::unique_ptr<sql::PreparedStatement> prepareUncached(const std::string& sql);

  /// Empties the statement cache when it has grown too large; only between operations.
  void trimStatementCache();

  /// Executes fixed SQL without parameters (schema changes from migration files).
  void execute(const std::string& sql);

  /// Set when the connection is in an unknown state (e.g. a rollback failed); the pool then
  /// closes it instead of lending it again.
  bool broken = false;
  std::chrono::steady_clock::time_point lastUsed = std::chrono::steady_clock::now();

 private:
  // Declared first so that the statements (declared after) are closed before the connection.
  std::unique_ptr<sql::Connection> connection_;
  std::unordered_map<std::string, std::unique_ptr<sql::PreparedStatement>> statements_;
};

/// A transaction on a session; rolls back unless committed. Autocommit is on outside it.
class Transaction {
 public:
  explicit Transaction(Session& session);
  ~Transaction();
  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  void commit();
  void rollback();

 private:
  Session& session_;
  bool open_ = true;
};

/// Owned result set of a prepared query.
using ResultSetPtr = std::unique_ptr<sql::ResultSet>;

/// "?, ?, ?" with `count` placeholders (count >= 1).
std::string placeholders(std::size_t count);
/// "(?, ?), (?, ?)": `rows` groups of `columns` placeholders, for multi-row inserts.
std::string rowPlaceholders(std::size_t rows, std::size_t columns);

}  // namespace courtvoice::surveys::mysql
