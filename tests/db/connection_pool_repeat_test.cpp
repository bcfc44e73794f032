// ConnectionPool::run: what runs again after a connection breaks, and that no pool slot is lost.
#include "courtvoice/surveys/errors.hpp"
#include "db/db_fixture.hpp"
#include "support/domain_error_of.hpp"
// The operation gets a Session, which is internal to surveys_mysql: this test needs its execute().
#include "../../surveys/mysql/src/session.hpp"

namespace courtvoice::surveys::testing {
namespace {

using Repeat = mysql::ConnectionPool::Repeat;

class ConnectionPoolRepeatTest : public DbTest {
 protected:
  // An operation whose first run loses its connection (the server kills it), as when MySQL
  // restarts in the middle of a transaction; later runs succeed.
  std::function<void(mysql::Session&)> losesItsConnectionOnce() {
    return [this](mysql::Session& session) {
      if (++runs_ == 1) {
        session.execute("KILL CONNECTION_ID()");
      }
      session.execute("INSERT INTO courts (code, region, level) VALUES ('RUN-" + std::to_string(runs_) +
                      "', 'r', 'district')");
    };
  }

  int runs_ = 0;
};

TEST_F(ConnectionPoolRepeatTest, AnUnsafeOperationIsNeverRunTwice) {
  const auto error = domainErrorOf([&] { pool().run(Repeat::Unsafe, losesItsConnectionOnce()); });
  EXPECT_EQ(error.kind(), ErrorKind::Unavailable);
  EXPECT_EQ(error.code(), "database_unavailable");
  EXPECT_EQ(runs_, 1);
  EXPECT_EQ(rowCount("courts"), 0);
}

TEST_F(ConnectionPoolRepeatTest, ASafeOperationRunsAgainOnAFreshConnection) {
  pool().run(Repeat::Safe, losesItsConnectionOnce());
  EXPECT_EQ(runs_, 2);
  EXPECT_EQ(direct().queryString("SELECT GROUP_CONCAT(code) FROM courts"), "RUN-2");
}

TEST_F(ConnectionPoolRepeatTest, BrokenConnectionsGiveTheirPlaceBack) {
  for (int i = 0; i < 3; ++i) {
    runs_ = 0;
    domainErrorOf([&] { pool().run(Repeat::Unsafe, losesItsConnectionOnce()); });
  }
  // The pool holds 4: all four can be leased at once, so no failure above kept a slot.
  auto first = pool().acquire();
  auto second = pool().acquire();
  auto third = pool().acquire();
  auto fourth = pool().acquire();
  EXPECT_EQ(pool().openConnections(), 4U);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
