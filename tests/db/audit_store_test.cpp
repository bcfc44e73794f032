// MySqlAuditStore against the real MariaDB: appends chained in order, filters and paging newest
// first, a linear chain under many threads and two pools (as two server processes), and rows
// edited, removed or reordered behind the store's back found by verifyAuditChain.
#include <chrono>
#include <iostream>
#include <thread>

#include "courtvoice/surveys/mysql/mysql_audit_store.hpp"
#include "db/db_fixture.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::MySqlAuditStore;

class AuditStoreTest : public DbTest {
 protected:
  static AuditEntry entry(const std::string& account, const std::string& action, const std::string& at) {
    AuditEntry e;
    e.at = at;
    e.account = account;
    e.role = "analyst";
    e.via = "session";
    e.action = action;
    e.parameters = R"({"path":{"id":"court_user"},"query":[["q","Әлем ё"]]})";
    e.scope = "regions=astana;courts=";
    e.status = 200;
    return e;
  }

  /// Six entries over three days by two accounts.
  void appendSix(MySqlAuditStore& store) {
    store.append(entry("aru", "GET /api/v1/admin/surveys/{id}/summary", "2026-11-29 08:00:00"));
    store.append(entry("bek", "POST /api/v1/admin/surveys/{id}/close", "2026-11-29 23:59:59"));
    store.append(entry("aru", "GET /api/v1/admin/surveys/{id}/comments", "2026-11-30 00:00:00"));
    store.append(entry("aru", "GET /api/v1/admin/surveys/{id}/summary", "2026-11-30 12:00:00"));
    store.append(entry("bek", "GET /api/v1/admin/surveys/{id}/summary", "2026-12-01 01:00:00"));
    store.append(entry("aru", "GET /api/v1/admin/surveys/{id}/export/responses", "2026-12-01 02:00:00"));
  }

  static std::vector<std::int64_t> sequences(const std::vector<AuditEntry>& entries) {
    std::vector<std::int64_t> out;
    for (const auto& e : entries) out.push_back(e.sequence);
    return out;
  }
};

TEST_F(AuditStoreTest, AppendsAreChainedAndStoredAsGiven) {
  MySqlAuditStore store(pool());
  const AuditEntry first = store.append(entry("Әлия", "GET /api/v1/admin/audit", "2026-12-01 03:04:05"));
  const AuditEntry second = store.append(entry("bek", "GET /api/v1/admin/audit", "2026-12-01 03:04:06"));
  EXPECT_EQ(first.sequence, 1);
  EXPECT_EQ(first.previousHash, kAuditGenesisHash);
  EXPECT_EQ(second.sequence, 2);
  EXPECT_EQ(second.previousHash, first.hash);
  const auto stored = store.chainPage(0, 10);
  ASSERT_EQ(stored.size(), 2U);
  EXPECT_EQ(stored[0], first);  // every field read back as written (Kazakh letters included)
  EXPECT_EQ(stored[1], second);
  EXPECT_EQ(store.head().sequence, 2);
  EXPECT_EQ(store.head().hash, second.hash);
  EXPECT_EQ(store.sequenceOfHash(first.hash), 1);
  EXPECT_FALSE(store.sequenceOfHash(std::string(64, 'f')).has_value());
}

TEST_F(AuditStoreTest, ListsNewestFirstByAccountActionAndDays) {
  MySqlAuditStore store(pool());
  appendSix(store);
  AuditFilter all;
  EXPECT_EQ(sequences(store.list(all)), (std::vector<std::int64_t>{6, 5, 4, 3, 2, 1}));
  AuditFilter byAccount;
  byAccount.account = "aru";
  EXPECT_EQ(sequences(store.list(byAccount)), (std::vector<std::int64_t>{6, 4, 3, 1}));
  AuditFilter byAction;
  byAction.action = "summary";
  EXPECT_EQ(sequences(store.list(byAction)), (std::vector<std::int64_t>{5, 4, 1}));
  AuditFilter byDays;
  byDays.fromDay = "2026-11-29";
  byDays.toDay = "2026-11-30";  // the whole last day, to 23:59:59
  EXPECT_EQ(sequences(store.list(byDays)), (std::vector<std::int64_t>{4, 3, 2, 1}));
  byDays.fromDay = "2026-11-30";
  byDays.toDay = std::nullopt;
  EXPECT_EQ(sequences(store.list(byDays)), (std::vector<std::int64_t>{6, 5, 4, 3}));
}

TEST_F(AuditStoreTest, PagesFollowEachOther) {
  MySqlAuditStore store(pool());
  appendSix(store);
  AuditFilter page;
  page.limit = 4;
  EXPECT_EQ(sequences(store.list(page)), (std::vector<std::int64_t>{6, 5, 4, 3}));
  page.before = 3;
  EXPECT_EQ(sequences(store.list(page)), (std::vector<std::int64_t>{2, 1}));
}

TEST_F(AuditStoreTest, ManyThreadsOnTwoPoolsKeepOneLinearChain) {
  // Two pools stand for two server processes on one database: only the head row's lock orders them.
  mysql::ConnectionPool otherPool(pool().config());
  MySqlAuditStore first(pool());
  MySqlAuditStore second(otherPool);
  constexpr int kThreads = 8;
  constexpr int kEach = 25;
  const auto started = std::chrono::steady_clock::now();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      MySqlAuditStore& store = t % 2 == 0 ? first : second;
      for (int i = 0; i < kEach; ++i) store.append(entry("t" + std::to_string(t), "GET /x", "2026-12-01 00:00:00"));
    });
  }
  for (auto& thread : threads) thread.join();
  const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - started).count();
  std::cout << "[ measure  ] " << kThreads * kEach << " audit appends from " << kThreads << " threads in " << seconds
            << " s: " << seconds * 1000 / (kThreads * kEach) << " ms each\n";
  EXPECT_EQ(rowCount("audit_entries"), kThreads * kEach);
  const auto result = verifyAuditChain(first, 64);
  EXPECT_TRUE(result.ok) << result.message;
  EXPECT_EQ(result.checked, kThreads * kEach);
}

TEST_F(AuditStoreTest, OneAppendAfterAnotherCosts) {
  MySqlAuditStore store(pool());
  constexpr int kCount = 100;
  const auto started = std::chrono::steady_clock::now();
  for (int i = 0; i < kCount; ++i) store.append(entry("one", "GET /x", "2026-12-01 00:00:00"));
  const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
  std::cout << "[ measure  ] one thread: " << ms / kCount << " ms per audit append\n";
  EXPECT_TRUE(verifyAuditChain(store).ok);
}

class AuditTamperingTest : public AuditStoreTest {
 protected:
  void SetUp() override {
    AuditStoreTest::SetUp();
    store_ = std::make_unique<MySqlAuditStore>(pool());
    appendSix(*store_);
    ASSERT_TRUE(verifyAuditChain(*store_).ok);
  }
  void TearDown() override {
    store_.reset();
    AuditStoreTest::TearDown();
  }
  AuditVerification verify() { return verifyAuditChain(*store_); }
  std::unique_ptr<MySqlAuditStore> store_;
};

TEST_F(AuditTamperingTest, AnEditedRowIsFound) {
  direct().execute("UPDATE audit_entries SET status = 403 WHERE sequence = 3");
  const auto result = verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 3);
  EXPECT_EQ(result.problem, "edited");
}

TEST_F(AuditTamperingTest, ARemovedRowIsFound) {
  direct().execute("DELETE FROM audit_entries WHERE sequence = 4");
  const auto result = verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 4);
  EXPECT_EQ(result.problem, "removed");
}

TEST_F(AuditTamperingTest, ARemovedRowWithTheRestRenumberedIsFound) {
  direct().execute("DELETE FROM audit_entries WHERE sequence = 4");
  direct().execute("UPDATE audit_entries SET sequence = sequence - 1 WHERE sequence > 4 ORDER BY sequence");
  direct().execute("UPDATE audit_head SET sequence = sequence - 1");
  const auto result = verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 4);
  EXPECT_EQ(result.problem, "removed");
}

TEST_F(AuditTamperingTest, ReorderedRowsAreFound) {
  direct().execute("UPDATE audit_entries SET sequence = -2 WHERE sequence = 2");
  direct().execute("UPDATE audit_entries SET sequence = 2 WHERE sequence = 5");
  direct().execute("UPDATE audit_entries SET sequence = 5 WHERE sequence = -2");
  const auto result = verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 2);
  EXPECT_EQ(result.problem, "reordered");
}

TEST_F(AuditTamperingTest, TheLastRowRemovedIsFoundThroughTheHead) {
  direct().execute("DELETE FROM audit_entries WHERE sequence = 6");
  const auto result = verify();
  EXPECT_FALSE(result.ok);
  EXPECT_EQ(result.brokenAt, 6);
  EXPECT_EQ(result.problem, "removed");
}

}  // namespace
}  // namespace courtvoice::surveys::testing
