#pragma once
// Group commit: submissions from many request threads are queued; committer threads take what
// is queued (up to a batch), store it with one ResponseStore::submitBatch (one transaction) and
// only then wake each waiting request with its own result. So a respondent is still thanked
// only after a commit, but the database commits hundreds of responses at a time.
#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <thread>
#include <vector>

#include "courtvoice/server/histogram.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

struct GroupCommitSettings {
  std::size_t maxBatch = 200;             ///< responses per transaction at most
  std::chrono::milliseconds maxWait{2};   ///< how long a committer waits for a batch to fill
  std::size_t queueCapacity = 2000;       ///< queued responses beyond this are refused ("busy")
  int committers = 2;                     ///< committer threads (one batch fills while another commits)
  std::chrono::milliseconds timeout{10000};  ///< a request waiting longer gets "commit_timeout"
};

/// Called on a committer thread before each batch: `beforeBatch` once (e.g. refresh the
/// catalog), then `check` for each response; a response whose check throws gets that error and
/// is left out of the batch. Either may be empty.
struct CommitChecks {
  std::function<void()> beforeBatch;
  std::function<void(const surveys::Response&)> check;
};

class GroupCommitter {
 public:
  GroupCommitter(surveys::ResponseStore& store, GroupCommitSettings settings, CommitChecks checks = {});
  /// Stops (see stop()).
  ~GroupCommitter();
  GroupCommitter(const GroupCommitter&) = delete;
  GroupCommitter& operator=(const GroupCommitter&) = delete;

  /// Queues the response and returns its result once its batch committed. Throws what storing it
  /// threw (DomainError "unknown_court", "database_unavailable", ...), DomainError(Unavailable,
  /// "busy") at once when the queue is full or the committer is stopping, and DomainError(
  /// Unavailable, "commit_timeout") after waiting longer than the timeout (it may or may not be
  /// stored then: a retry with the same submission_id tells).
  surveys::SubmitResult submit(surveys::Response response);

  /// Refuses new submissions, commits everything queued, and joins the committer threads.
  void stop();

  struct Stats {
    std::uint64_t batches = 0;       ///< submitBatch calls that committed
    std::uint64_t batched = 0;       ///< responses in them
    std::uint64_t largestBatch = 0;
    std::uint64_t fallbacks = 0;     ///< batches stored one by one after a DomainError
    Histogram waits;                 ///< seconds from submit() to the commit, per stored submission
    Histogram batchSizes;            ///< responses per committed submitBatch
  };
  Stats stats() const;
  /// Responses queued and not yet taken by a committer.
  std::size_t queued() const;

 private:
  struct Pending;
  using PendingPtr = std::shared_ptr<Pending>;

  void run();
  void commit(std::vector<PendingPtr>& batch);
  void storeOneByOne(std::vector<PendingPtr>& batch);

  surveys::ResponseStore& store_;
  const GroupCommitSettings settings_;
  const CommitChecks checks_;

  mutable std::mutex mutex_;
  std::condition_variable queuedCv_;
  std::deque<PendingPtr> queue_;
  bool stopping_ = false;
  std::vector<std::thread> threads_;

  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> batched_{0};
  std::atomic<std::uint64_t> largestBatch_{0};
  std::atomic<std::uint64_t> fallbacks_{0};
  mutable std::mutex histogramsMutex_;  ///< guards the two below (apart from the queue's mutex)
  Histogram waits_{{0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10}};
  Histogram batchSizes_{{1, 2, 5, 10, 20, 50, 100, 200, 500, 1000}};
  /// Records the waits of submissions just acknowledged and, for a batch, its size.
  void recordStored(const std::vector<std::chrono::steady_clock::time_point>& queuedAt, bool batch);
};

}  // namespace courtvoice::server
