#pragma once
// A real database per test, isolated: each test gets a schema courtvoice_test_<random> on the
// private MariaDB that CTest starts (fixture mariadb_start: scripts/db.sh with
// COURTVOICE_TEST_DB_DIR and COURTVOICE_TEST_DB_PORT), migrated, and dropped afterwards.
// The tests also talk to MariaDB directly (Connector/C++) to count rows behind the stores' back.
#include <gtest/gtest.h>
#include <mysql_driver.h>

#include <cppconn/connection.h>
#include <cppconn/exception.h>
#include <cppconn/prepared_statement.h>
#include <cppconn/resultset.h>
#include <cppconn/statement.h>

#include <cstdlib>
#include <fstream>
#include <memory>
#include <random>
#include <stdexcept>
#include <string>
#include <vector>

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/mysql_config.hpp"

namespace courtvoice::surveys::testing {

inline std::string requiredEnvironment(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) +
                             " is not set: run the DB tests through ctest (ctest -L db), which starts the private "
                             "MariaDB and sets it");
  }
  return value;
}

inline std::string readPasswordFile(const std::string& directory) {
  std::ifstream in(directory + "/app-password");
  std::string password;
  if (!(in >> password)) {
    throw std::runtime_error("cannot read " + directory + "/app-password (did scripts/db.sh start run?)");
  }
  return password;
}

/// The directory of the test MariaDB (where scripts/db.sh keeps my.cnf, the socket and app-password).
inline std::string testServerDirectory() { return requiredEnvironment("COURTVOICE_TEST_DB_DIR"); }

/// The port of the test MariaDB: COURTVOICE_TEST_DB_PORT, else the one db.sh wrote into my.cnf
/// (CMake 3.25's gtest_discover_tests passes only the first entry of an ENVIRONMENT list).
inline int testServerPort() {
  if (const char* port = std::getenv("COURTVOICE_TEST_DB_PORT"); port != nullptr && *port != '\0') {
    return std::stoi(port);
  }
  const std::string file = testServerDirectory() + "/my.cnf";
  std::ifstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.rfind("port = ", 0) == 0) {
      return std::stoi(line.substr(7));
    }
  }
  throw std::runtime_error("COURTVOICE_TEST_DB_PORT is not set and " + file + " names no port");
}

/// How to reach the test MariaDB (TCP on 127.0.0.1), with no schema selected.
inline mysql::MySqlConfig testServerConfig() {
  const std::string directory = testServerDirectory();
  mysql::MySqlConfig config;
  config.host = "127.0.0.1";
  config.port = testServerPort();
  config.user = "courtvoice";
  config.password = readPasswordFile(directory);
  config.database.clear();
  config.poolSize = 4;
  return config;
}

/// 48 random bits in hex, for unique names.
inline std::string randomSuffix() {
  std::random_device device;
  static constexpr char kHex[] = "0123456789abcdef";
  std::string suffix;
  for (int i = 0; i < 12; ++i) {
    suffix += kHex[device() & 0xFU];
  }
  return suffix;
}

/// A direct Connector/C++ connection for set-up and for checking what is really stored.
class DirectConnection {
 public:
  explicit DirectConnection(const mysql::MySqlConfig& config) {
    sql::ConnectOptionsMap options;
    options["hostName"] = sql::SQLString(
        config.socket.empty() ? "tcp://" + config.host + ":" + std::to_string(config.port) : "unix://" + config.socket);
    options["userName"] = sql::SQLString(config.user);
    options["password"] = sql::SQLString(config.password);
    if (!config.database.empty()) {
      options["schema"] = sql::SQLString(config.database);
    }
    options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
    connection_.reset(sql::mysql::get_mysql_driver_instance()->connect(options));
  }

  void execute(const std::string& sql) {
    std::unique_ptr<sql::Statement> statement(connection_->createStatement());
    statement->execute(sql);
  }

  /// The first column of the first row as a number (e.g. of a COUNT(*)).
  long long queryNumber(const std::string& sql) {
    std::unique_ptr<sql::Statement> statement(connection_->createStatement());
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(sql));
    if (!rows->next()) {
      throw std::runtime_error("no row from: " + sql);
    }
    return rows->getInt64(1);
  }

  /// Runs `sql` with its ? placeholders bound to `params` as strings (e.g. to write a JSON text).
  void executeWith(const std::string& sql, const std::vector<std::string>& params) {
    std::unique_ptr<sql::PreparedStatement> statement(connection_->prepareStatement(sql));
    for (std::size_t i = 0; i < params.size(); ++i) {
      statement->setString(static_cast<unsigned>(i + 1), params[i]);
    }
    statement->execute();
  }

  std::string queryString(const std::string& sql) {
    std::unique_ptr<sql::Statement> statement(connection_->createStatement());
    std::unique_ptr<sql::ResultSet> rows(statement->executeQuery(sql));
    if (!rows->next()) {
      throw std::runtime_error("no row from: " + sql);
    }
    return rows->getString(1).asStdString();
  }

 private:
  std::unique_ptr<sql::Connection> connection_;
};

/// Creates the schema courtvoice_test_<random> and drops it again on destruction.
class TemporarySchema {
 public:
  explicit TemporarySchema(const mysql::MySqlConfig& server)
      : server_(server), name_("courtvoice_test_" + randomSuffix()), admin_(server) {
    admin_.execute("CREATE DATABASE `" + name_ + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
  }
  ~TemporarySchema() {
    try {
      admin_.execute("DROP DATABASE IF EXISTS `" + name_ + "`");
    } catch (const std::exception& error) {
      ADD_FAILURE() << "could not drop schema " << name_ << ": " << error.what();
    }
  }
  TemporarySchema(const TemporarySchema&) = delete;
  TemporarySchema& operator=(const TemporarySchema&) = delete;

  const std::string& name() const { return name_; }
  /// The server's settings with this schema selected.
  mysql::MySqlConfig config() const {
    mysql::MySqlConfig config = server_;
    config.database = name_;
    return config;
  }

 private:
  mysql::MySqlConfig server_;
  std::string name_;
  DirectConnection admin_;
};

/// A test with an empty schema of its own and a pool on it; `migrate()` applies the migrations.
class EmptySchemaTest : public ::testing::Test {
 protected:
  void SetUp() override {
    schema_ = std::make_unique<TemporarySchema>(testServerConfig());
    pool_ = std::make_unique<mysql::ConnectionPool>(schema_->config());
    direct_ = std::make_unique<DirectConnection>(schema_->config());
  }

  void TearDown() override {
    // The pool's connections close before the schema is dropped.
    direct_.reset();
    pool_.reset();
    schema_.reset();
  }

  mysql::ConnectionPool& pool() { return *pool_; }
  DirectConnection& direct() { return *direct_; }
  const std::string& schemaName() const { return schema_->name(); }

  /// Rows in `table` of this test's schema.
  long long rowCount(const std::string& table) { return direct_->queryNumber("SELECT COUNT(*) FROM " + table); }

 private:
  std::unique_ptr<TemporarySchema> schema_;
  std::unique_ptr<mysql::ConnectionPool> pool_;
  std::unique_ptr<DirectConnection> direct_;
};

/// A test with a schema of its own, migrated to the newest version.
class DbTest : public EmptySchemaTest {
 protected:
  void SetUp() override {
    EmptySchemaTest::SetUp();
    mysql::Migrator(pool()).migrate();
  }
};

}  // namespace courtvoice::surveys::testing
