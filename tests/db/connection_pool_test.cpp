// ConnectionPool: bounded, thread-safe, recovers when MariaDB restarts, reports it unavailable.
#include <algorithm>
#include <atomic>
#include <cstdlib>
#include <chrono>
#include <filesystem>
#include <optional>
#include <thread>

#include "courtvoice/surveys/detailed_error.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::surveys::testing {
namespace {

/// Like domainErrorOf, keeping the detail a DetailedError carries for the log.
template <typename Action>
DetailedError detailedErrorOf(Action&& action) {
  try {
    action();
  } catch (const DetailedError& error) {
    return error;
  } catch (const DomainError& error) {
    ADD_FAILURE() << "expected a DetailedError, got " << error.code();
  }
  ADD_FAILURE() << "expected a DetailedError";
  return DetailedError(ErrorKind::Invalid, "none", "no error was thrown", "");
}

using mysql::ConnectionPool;
using mysql::MySqlConfig;
using mysql::MySqlCourtStore;

// A MariaDB of the test's own (own directory, own port), started and stopped with
// scripts/db.sh, so that stopping it disturbs no other test.
class OwnServer {
 public:
  explicit OwnServer(int port) : port_(port) {
    // A short path under /tmp: the unix socket path must stay under 108 bytes.
    std::string pattern = "/tmp/cv-own-db-XXXXXX";
    if (mkdtemp(pattern.data()) == nullptr) {
      throw std::runtime_error("mkdtemp failed");
    }
    directory_ = pattern;
  }
  ~OwnServer() {
    script("stop " + directory_);
    std::filesystem::remove_all(directory_);
  }
  OwnServer(const OwnServer&) = delete;
  OwnServer& operator=(const OwnServer&) = delete;

  void start() { ASSERT_EQ(script("start " + directory_ + " " + std::to_string(port_)), 0) << "db.sh start"; }
  void stop() { ASSERT_EQ(script("stop " + directory_), 0) << "db.sh stop"; }

  MySqlConfig config() const {
    MySqlConfig config;
    config.host = "127.0.0.1";
    config.port = port_;
    config.user = "courtvoice";
    config.password = readPasswordFile(directory_);
    config.database = "courtvoice";  // created by db.sh
    config.poolSize = 3;
    config.connectTimeoutSeconds = 2;
    return config;
  }

 private:
  static int script(const std::string& arguments) {
    const std::string command = std::string("bash ") + COURTVOICE_SOURCE_DIR + "/scripts/db.sh " + arguments;
    return std::system(command.c_str());
  }

  int port_;
  std::string directory_;
};

TEST(ConnectionPoolRestart, RecoversAfterMariaDbRestartsAndIsUnavailableWhileDown) {
  OwnServer server(testServerPort() + 100);
  ASSERT_NO_FATAL_FAILURE(server.start());
  // The server is this test's alone (removed at the end): its database `courtvoice` is used.
  ConnectionPool schemaPool(server.config());
  mysql::Migrator(schemaPool).migrate();
  MySqlCourtStore courts(schemaPool);
  courts.upsert(makeCourt("ALM-01", "almaty_city"));
  {
    // Two connections open, then idle in the pool: both die with the server.
    auto first = schemaPool.acquire();
    auto second = schemaPool.acquire();
  }
  EXPECT_EQ(schemaPool.idleConnections(), 2U);

  ASSERT_NO_FATAL_FAILURE(server.stop());
  ASSERT_NO_FATAL_FAILURE(server.start());
  // The first use after the restart finds its connection broken and retries on a fresh one.
  const auto found = courts.find("ALM-01");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->region, "almaty_city");
  courts.upsert(makeCourt("AST-01", "astana"));
  EXPECT_EQ(courts.list().size(), 2U);
  EXPECT_LE(schemaPool.openConnections(), 3U);

  ASSERT_NO_FATAL_FAILURE(server.stop());
  const auto down = domainErrorOf([&] { courts.find("ALM-01"); });
  EXPECT_EQ(down.kind(), ErrorKind::Unavailable);
  EXPECT_EQ(down.code(), "database_unavailable");
  EXPECT_EQ(domainErrorOf([&] { courts.upsert(makeCourt("KRG-01", "karaganda")); }).kind(),
            ErrorKind::Unavailable);
  EXPECT_FALSE(schemaPool.ping());

  ASSERT_NO_FATAL_FAILURE(server.start());
  EXPECT_TRUE(schemaPool.ping());
  EXPECT_EQ(courts.list().size(), 2U);  // what was committed survived, the failed upsert did not
}

TEST(ConnectionPool, ReportsUnavailableWhenNothingListens) {
  MySqlConfig config = testServerConfig();
  config.port = testServerPort() + 101;  // no server there
  config.connectTimeoutSeconds = 2;
  ConnectionPool pool(config);
  const auto error = detailedErrorOf([&] { pool.acquire(); });
  EXPECT_EQ(error.kind(), ErrorKind::Unavailable);
  EXPECT_EQ(error.code(), "database_unavailable");
  // Issue 10: the message is for a client (what to do), the host, port and MySQL's text only in
  // the detail, for the log and the admin tool.
  const std::string message = error.what();
  const std::string port = std::to_string(config.port);
  EXPECT_EQ(message,
            "the database is unavailable: try again in a few minutes; if it lasts, tell the administrator (the server "
            "log has the details)");
  EXPECT_NE(error.detail().find("127.0.0.1:" + port), std::string::npos) << error.detail();
  // libmariadb says 2002 (not 2003) for a refused TCP connection too.
  EXPECT_NE(error.detail().find(": MySQL error 200"), std::string::npos) << error.detail();
  EXPECT_FALSE(pool.ping());
  EXPECT_EQ(pool.openConnections(), 0U);
}

TEST(ConnectionPool, ReportsBusyWhenNoConnectionComesBackInTime) {
  MySqlConfig config = testServerConfig();
  config.poolSize = 1;
  config.acquireTimeoutSeconds = 1;
  ConnectionPool pool(config);
  std::optional<ConnectionPool::Lease> held(pool.acquire());
  const auto start = std::chrono::steady_clock::now();
  const auto error = detailedErrorOf([&] { pool.acquire(); });
  EXPECT_GE(std::chrono::steady_clock::now() - start, std::chrono::milliseconds(900));
  EXPECT_EQ(error.kind(), ErrorKind::Unavailable);
  EXPECT_EQ(error.code(), "database_busy");
  EXPECT_EQ(std::string(error.what()), "the service is busy: try again in a minute");
  EXPECT_EQ(error.detail(), "no database connection became free within 1 s (pool of 1)");
  held.reset();
  EXPECT_TRUE(pool.ping());  // the connection given back serves the next caller
}

TEST(ConnectionPool, ReportsUnavailableForWrongCredentials) {
  MySqlConfig config = testServerConfig();
  config.password = "wrong-password";
  ConnectionPool pool(config);
  EXPECT_EQ(domainErrorOf([&] { pool.acquire(); }).kind(), ErrorKind::Unavailable);
}

TEST(ConnectionPool, ConnectsOverTheUnixSocket) {
  MySqlConfig config = testServerConfig();
  config.socket = testServerDirectory() + "/mysqld.sock";
  config.port = 1;  // ignored with a socket
  ConnectionPool pool(config);
  EXPECT_TRUE(pool.ping());
}

TEST(ConnectionPool, NeverOpensMoreThanItsSizeAndReusesConnections) {
  MySqlConfig config = testServerConfig();
  config.poolSize = 2;
  ConnectionPool pool(config);
  std::atomic<std::size_t> mostOpen{0};
  std::atomic<int> done{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 6; ++t) {
    threads.emplace_back([&] {
      for (int i = 0; i < 20; ++i) {
        auto lease = pool.acquire();
        const std::size_t open = pool.openConnections();
        std::size_t seen = mostOpen.load();
        while (open > seen && !mostOpen.compare_exchange_weak(seen, open)) {
        }
        ++done;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(done.load(), 6 * 20);
  EXPECT_LE(mostOpen.load(), 2U);
  EXPECT_GE(mostOpen.load(), 1U);
  EXPECT_EQ(pool.idleConnections(), pool.openConnections());
}

// Sets environment variables for one test and restores them afterwards.
class ScopedEnvironment {
 public:
  void set(const std::string& name, const std::string& value) {
    const char* old = std::getenv(name.c_str());
    saved_.emplace_back(name, old ? std::optional<std::string>(old) : std::nullopt);
    setenv(name.c_str(), value.c_str(), 1);
  }
  ~ScopedEnvironment() {
    for (auto it = saved_.rbegin(); it != saved_.rend(); ++it) {
      if (it->second) {
        setenv(it->first.c_str(), it->second->c_str(), 1);
      } else {
        unsetenv(it->first.c_str());
      }
    }
  }

 private:
  std::vector<std::pair<std::string, std::optional<std::string>>> saved_;
};

TEST(MySqlConfigFromEnvironment, ReadsWhatDbShEnvPrints) {
  ScopedEnvironment environment;
  environment.set("COURTVOICE_DB_HOST", "db.internal");
  environment.set("COURTVOICE_DB_PORT", "33999");
  environment.set("COURTVOICE_DB_SOCKET", "/run/db.sock");
  environment.set("COURTVOICE_DB_USER", "app");
  environment.set("COURTVOICE_DB_PASSWORD", "s3cret");
  environment.set("COURTVOICE_DB_NAME", "courtvoice_demo");
  environment.set("COURTVOICE_DB_POOL_SIZE", "3");
  const MySqlConfig config = mysql::configFromEnvironment();
  EXPECT_EQ(config.host, "db.internal");
  EXPECT_EQ(config.port, 33999);
  EXPECT_EQ(config.socket, "/run/db.sock");
  EXPECT_EQ(config.user, "app");
  EXPECT_EQ(config.password, "s3cret");
  EXPECT_EQ(config.database, "courtvoice_demo");
  EXPECT_EQ(config.poolSize, 3);
}

TEST(MySqlConfigFromEnvironment, RefusesAMalformedPortNamingTheVariable) {
  ScopedEnvironment environment;
  environment.set("COURTVOICE_DB_PORT", "33o6");
  try {
    mysql::configFromEnvironment();
    FAIL() << "a malformed port must be refused";
  } catch (const std::invalid_argument& error) {
    EXPECT_NE(std::string(error.what()).find("COURTVOICE_DB_PORT"), std::string::npos) << error.what();
  }
  environment.set("COURTVOICE_DB_PORT", "70000");
  EXPECT_THROW(mysql::configFromEnvironment(), std::invalid_argument);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
