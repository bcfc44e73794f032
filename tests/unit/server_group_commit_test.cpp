// GroupCommitter over the in-memory store: batches form under concurrency, every waiter gets its
// own answer only after its batch committed, and overload or shutdown never hangs anyone.
#include <gtest/gtest.h>

#include <chrono>
#include <condition_variable>
#include <functional>
#include <future>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "courtvoice/server/group_committer.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::ErrorKind;
using surveys::Response;
using surveys::SubmitResult;
using testing::makeCourt;

/// The in-memory store behind a gate: submitBatch records the batch size and waits until the test
/// opens the gate, so the test knows exactly what queued while a batch was committing.
class GatedStore final : public surveys::ResponseStore {
 public:
  explicit GatedStore(surveys::ResponseStore& inner) : inner_(inner) {}

  std::vector<SubmitResult> submitBatch(const std::vector<Response>& responses) override {
    {
      std::unique_lock lock(mutex_);
      batchSizes_.push_back(responses.size());
      changed_.notify_all();
      changed_.wait(lock, [this] { return open_; });
    }
    if (failBatchesWith_) throw *failBatchesWith_;
    return inner_.submitBatch(responses);
  }
  SubmitResult submit(const Response& response) override {
    {
      std::lock_guard lock(mutex_);
      ++singles_;
    }
    return inner_.submit(response);
  }
  std::size_t importBulk(const std::vector<Response>& responses) override { return inner_.importBulk(responses); }
  void forEach(const surveys::ResponseQuery& query,
               const std::function<void(const surveys::StoredResponse&)>& visit) override {
    inner_.forEach(query, visit);
  }
  std::size_t count(const surveys::ResponseQuery& query) override { return inner_.count(query); }

  void open() {
    std::lock_guard lock(mutex_);
    open_ = true;
    changed_.notify_all();
  }
  /// Waits until `n` batches reached the store.
  void waitForBatches(std::size_t n) {
    std::unique_lock lock(mutex_);
    ASSERT_TRUE(changed_.wait_for(lock, std::chrono::seconds(10), [&] { return batchSizes_.size() >= n; }));
  }
  std::vector<std::size_t> batchSizes() {
    std::lock_guard lock(mutex_);
    return batchSizes_;
  }
  int singles() {
    std::lock_guard lock(mutex_);
    return singles_;
  }
  void failBatchesWith(DomainError error) { failBatchesWith_.emplace(std::move(error)); }

 private:
  surveys::ResponseStore& inner_;
  std::mutex mutex_;
  std::condition_variable changed_;
  bool open_ = false;
  std::vector<std::size_t> batchSizes_;
  int singles_ = 0;
  std::optional<DomainError> failBatchesWith_;
};

Response makeResponse(const std::string& submissionId, const std::string& court = "ALM-01") {
  Response response;
  response.submissionId = submissionId;
  response.surveyId = "unit_survey";
  response.version = 1;
  response.courtCode = court;
  response.channel = surveys::Channel::Kiosk;
  response.language = "ru";
  response.givenOn = {2025, 3, 14};
  return response;
}

/// Polls until `condition` holds (at most 10 s).
template <typename Condition>
bool eventually(Condition&& condition) {
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(10);
  while (!condition()) {
    if (std::chrono::steady_clock::now() > deadline) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
  return true;
}

/// An outcome of one submit on its own thread: the result or the DomainError's code.
struct Outcome {
  std::optional<SubmitResult> result;
  std::string errorCode;
};

std::future<Outcome> submitAsync(GroupCommitter& committer, Response response) {
  return std::async(std::launch::async, [&committer, response = std::move(response)]() mutable {
    Outcome outcome;
    try {
      outcome.result = committer.submit(std::move(response));
    } catch (const DomainError& error) {
      outcome.errorCode = error.code();
    }
    return outcome;
  });
}

struct CommitFixture {
  CommitFixture() {
    courts.upsert(makeCourt("ALM-01", "almaty_city"));
    courts.upsert(makeCourt("AST-01", "astana"));
  }
  GroupCommitSettings settings(std::size_t capacity = 2000) {
    GroupCommitSettings s;
    s.maxBatch = 200;
    s.maxWait = std::chrono::milliseconds(0);
    s.queueCapacity = capacity;
    s.committers = 1;
    return s;
  }
  surveys::testing::InMemoryCourtStore courts;
  surveys::testing::InMemoryResponseStore memory{&courts};
  GatedStore store{memory};
};

/// The store holds a first batch of one ("first-000") while `count` responses queue behind it.
struct HeldQueue {
  std::future<Outcome> first;
  std::vector<std::future<Outcome>> waiting;
};

HeldQueue holdAndQueue(CommitFixture& f, GroupCommitter& committer, int count) {
  HeldQueue held;
  held.first = submitAsync(committer, makeResponse("first-000"));
  f.store.waitForBatches(1);
  for (int i = 0; i < count; ++i) {
    held.waiting.push_back(submitAsync(committer, makeResponse("queued-" + std::to_string(1000 + i))));
  }
  eventually([&] { return committer.queued() == static_cast<std::size_t>(count); });
  return held;
}

TEST(GroupCommitter, ResponsesQueuedDuringACommitGoInTheNextBatchTogether) {
  CommitFixture f;
  GroupCommitter committer(f.store, f.settings());
  auto [first, waiting] = holdAndQueue(f, committer, 50);
  ASSERT_EQ(committer.queued(), 50u);
  // Nobody is answered before their batch commits.
  EXPECT_EQ(waiting.front().wait_for(std::chrono::milliseconds(20)), std::future_status::timeout);
  f.store.open();

  std::set<std::string> ids{first.get().result->responseId};
  for (auto& w : waiting) {
    const Outcome outcome = w.get();
    ASSERT_TRUE(outcome.result) << outcome.errorCode;
    EXPECT_TRUE(outcome.result->created);
    ids.insert(outcome.result->responseId);
  }
  EXPECT_EQ(f.store.batchSizes(), (std::vector<std::size_t>{1, 50}));
  EXPECT_EQ(ids.size(), 51u);
  EXPECT_EQ(f.memory.size(), 51u);
  EXPECT_EQ(committer.stats().largestBatch, 50u);
}

TEST(GroupCommitter, BatchesStayWithinTheMaximum) {
  CommitFixture f;
  auto settings = f.settings();
  settings.maxBatch = 8;
  GroupCommitter committer(f.store, settings);
  auto [first, waiting] = holdAndQueue(f, committer, 20);
  ASSERT_EQ(committer.queued(), 20u);
  f.store.open();
  for (auto& w : waiting) EXPECT_TRUE(w.get().result);
  EXPECT_EQ(f.store.batchSizes(), (std::vector<std::size_t>{1, 8, 8, 4}));
  // What /metrics shows: every stored submission's wait, each transaction's size by bucket
  // (bounds 1, 2, 5, 10, ...: the batch of 1, then 4 in "5", then 8 and 8 in "10").
  const auto stats = committer.stats();
  EXPECT_EQ(stats.waits.count, 21u);
  EXPECT_GT(stats.waits.sum, 0.0);
  EXPECT_EQ(stats.batchSizes.count, 4u);
  EXPECT_EQ(stats.batchSizes.sum, 21.0);
  EXPECT_EQ(stats.batchSizes.buckets[0], 1u);
  EXPECT_EQ(stats.batchSizes.buckets[2], 1u);
  EXPECT_EQ(stats.batchSizes.buckets[3], 2u);
}

TEST(GroupCommitter, RepeatedSubmissionIdInOneBatchIsCreatedOnceAndTheOthersAreDuplicatesWithItsId) {
  CommitFixture f;
  GroupCommitter committer(f.store, f.settings());
  auto first = submitAsync(committer, makeResponse("first-000"));
  f.store.waitForBatches(1);
  std::vector<std::future<Outcome>> same;
  for (int i = 0; i < 5; ++i) same.push_back(submitAsync(committer, makeResponse("retry-sub-0001")));
  ASSERT_TRUE(eventually([&] { return committer.queued() == 5; }));
  f.store.open();

  int created = 0;
  std::set<std::string> ids;
  for (auto& s : same) {
    const Outcome outcome = s.get();
    ASSERT_TRUE(outcome.result) << outcome.errorCode;
    created += outcome.result->created ? 1 : 0;
    ids.insert(outcome.result->responseId);
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(ids.size(), 1u);
  EXPECT_EQ(f.store.batchSizes(), (std::vector<std::size_t>{1, 5}));
  EXPECT_EQ(f.memory.size(), 2u);
}

TEST(GroupCommitter, UnknownCourtInABatchFailsOnlyThatResponse) {
  CommitFixture f;
  GroupCommitter committer(f.store, f.settings());
  auto first = submitAsync(committer, makeResponse("first-000"));
  f.store.waitForBatches(1);
  auto good1 = submitAsync(committer, makeResponse("good-0001"));
  auto bad = submitAsync(committer, makeResponse("bad-00001", "NOPE-99"));
  auto good2 = submitAsync(committer, makeResponse("good-0002", "AST-01"));
  ASSERT_TRUE(eventually([&] { return committer.queued() == 3; }));
  f.store.open();

  EXPECT_TRUE(good1.get().result->created);
  EXPECT_TRUE(good2.get().result->created);
  const Outcome refused = bad.get();
  EXPECT_FALSE(refused.result);
  EXPECT_EQ(refused.errorCode, "unknown_court");
  EXPECT_EQ(f.memory.size(), 3u);
  EXPECT_EQ(committer.stats().fallbacks, 1u);
  EXPECT_EQ(f.store.singles(), 3);  // the failed batch, one by one
}

TEST(GroupCommitter, DatabaseDownGivesEveryWaiterDatabaseUnavailable) {
  CommitFixture f;
  f.store.failBatchesWith(DomainError(ErrorKind::Unavailable, "database_unavailable", "MySQL is down"));
  GroupCommitter committer(f.store, f.settings());
  auto [first, waiting] = holdAndQueue(f, committer, 10);
  ASSERT_EQ(committer.queued(), 10u);
  f.store.open();
  EXPECT_EQ(first.get().errorCode, "database_unavailable");
  for (auto& w : waiting) EXPECT_EQ(w.get().errorCode, "database_unavailable");
  EXPECT_EQ(f.store.singles(), 0);  // not retried one by one against a database that is away
  EXPECT_EQ(f.memory.size(), 0u);
}

TEST(GroupCommitter, FullQueueRefusesAtOnceWithBusy) {
  CommitFixture f;
  GroupCommitter committer(f.store, f.settings(/*capacity=*/3));
  auto [first, waiting] = holdAndQueue(f, committer, 3);
  ASSERT_EQ(committer.queued(), 3u);

  const auto started = std::chrono::steady_clock::now();
  const DomainError busy = testing::domainErrorOf([&] { committer.submit(makeResponse("one-too-many")); });
  EXPECT_EQ(busy.code(), "busy");
  EXPECT_EQ(busy.kind(), ErrorKind::Unavailable);
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(1));

  f.store.open();
  for (auto& w : waiting) EXPECT_TRUE(w.get().result);
  EXPECT_EQ(f.memory.size(), 4u);  // the refused one was not stored
}

TEST(GroupCommitter, WaitingTooLongEndsWithCommitTimeoutAndAnUntakenResponseIsNotStored) {
  CommitFixture f;
  auto settings = f.settings();
  settings.timeout = std::chrono::milliseconds(200);
  GroupCommitter committer(f.store, settings);
  auto first = submitAsync(committer, makeResponse("first-000"));
  f.store.waitForBatches(1);
  const DomainError late = testing::domainErrorOf([&] { committer.submit(makeResponse("late-0001")); });
  EXPECT_EQ(late.code(), "commit_timeout");
  EXPECT_EQ(committer.queued(), 0u);
  f.store.open();
  first.get();  // also past its timeout: taken, so it is stored all the same
  committer.stop();
  EXPECT_EQ(f.memory.size(), 1u);
  EXPECT_EQ(f.store.batchSizes(), (std::vector<std::size_t>{1}));
}

TEST(GroupCommitter, StopCommitsEverythingQueuedThenRefusesNewSubmissions) {
  CommitFixture f;
  GroupCommitter committer(f.store, f.settings());
  auto [first, waiting] = holdAndQueue(f, committer, 10);
  ASSERT_EQ(committer.queued(), 10u);
  auto stopping = std::async(std::launch::async, [&] { committer.stop(); });
  // stop() waits for the batch in the store and for what is queued behind it.
  EXPECT_EQ(stopping.wait_for(std::chrono::milliseconds(50)), std::future_status::timeout);
  f.store.open();
  stopping.get();
  EXPECT_TRUE(first.get().result->created);
  for (auto& w : waiting) EXPECT_TRUE(w.get().result->created);
  EXPECT_EQ(testing::domainErrorOf([&] { committer.submit(makeResponse("after-stop")); }).code(), "busy");
  EXPECT_EQ(f.memory.size(), 11u);
}

TEST(GroupCommitter, ResponseFailingTheCommitCheckGetsItsErrorAndTheOthersAreStored) {
  CommitFixture f;
  int refreshes = 0;
  CommitChecks checks{[&] { ++refreshes; },
                      [](const Response& r) {
                        if (r.courtCode == "AST-01") {
                          throw DomainError(ErrorKind::Conflict, "survey_not_accepting", "closed meanwhile");
                        }
                      }};
  GroupCommitter committer(f.store, f.settings(), checks);
  f.store.open();
  EXPECT_EQ(testing::domainErrorOf([&] { committer.submit(makeResponse("closed-001", "AST-01")); }).code(),
            "survey_not_accepting");
  EXPECT_TRUE(committer.submit(makeResponse("open-0001")).created);
  committer.stop();
  EXPECT_EQ(refreshes, 2);
  EXPECT_EQ(f.memory.size(), 1u);
}

TEST(GroupCommitter, ManyConcurrentSubmittersAreEachStoredOnceInFewerBatches) {
  CommitFixture f;
  f.store.open();
  GroupCommitSettings settings;
  settings.maxBatch = 64;
  settings.maxWait = std::chrono::milliseconds(5);
  settings.committers = 2;
  GroupCommitter committer(f.store, settings);
  std::vector<std::future<Outcome>> all;
  for (int i = 0; i < 400; ++i) all.push_back(submitAsync(committer, makeResponse("many-" + std::to_string(10000 + i))));
  std::set<std::string> ids;
  for (auto& a : all) {
    const Outcome outcome = a.get();
    ASSERT_TRUE(outcome.result) << outcome.errorCode;
    ids.insert(outcome.result->responseId);
  }
  EXPECT_EQ(ids.size(), 400u);
  EXPECT_EQ(f.memory.size(), 400u);
  EXPECT_LT(f.store.batchSizes().size(), 400u);
  EXPECT_GT(committer.stats().largestBatch, 1u);
}

}  // namespace
}  // namespace courtvoice::server
