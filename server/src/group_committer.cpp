#include "courtvoice/server/group_committer.hpp"

#include <algorithm>
#include <chrono>
#include <exception>
#include <future>
#include <stdexcept>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

struct GroupCommitter::Pending {
  surveys::Response response;
  std::promise<surveys::SubmitResult> promise;
  std::chrono::steady_clock::time_point queuedAt = std::chrono::steady_clock::now();
  bool taken = false;  // by a committer (guarded by mutex_): from then on it may be stored
};

GroupCommitter::GroupCommitter(surveys::ResponseStore& store, GroupCommitSettings settings, CommitChecks checks)
    : store_(store), settings_(settings), checks_(std::move(checks)) {
  if (settings_.maxBatch == 0 || settings_.queueCapacity == 0 || settings_.committers < 1) {
    throw std::invalid_argument("group commit: batch size, queue capacity and committers must be positive");
  }
  for (int i = 0; i < settings_.committers; ++i) threads_.emplace_back([this] { run(); });
}

GroupCommitter::~GroupCommitter() { stop(); }

surveys::SubmitResult GroupCommitter::submit(surveys::Response response) {
  auto pending = std::make_shared<Pending>();
  pending->response = std::move(response);
  auto result = pending->promise.get_future();
  {
    std::lock_guard lock(mutex_);
    if (stopping_) throw DomainError(ErrorKind::Unavailable, "busy", "the server is shutting down; retry shortly", "");
    // Refuse at once rather than let waiters pile up: the client retries after Retry-After.
    if (queue_.size() >= settings_.queueCapacity) {
      throw DomainError(ErrorKind::Unavailable, "busy", "too many submissions are waiting; retry shortly", "");
    }
    queue_.push_back(pending);
    // Wake a committer when there is something to take, and the one gathering when a batch is full.
    if (queue_.size() == 1) queuedCv_.notify_one();
    else if (queue_.size() == settings_.maxBatch) queuedCv_.notify_all();
  }
  if (result.wait_for(settings_.timeout) == std::future_status::timeout) {
    std::lock_guard lock(mutex_);
    if (!pending->taken) {
      // Not taken yet: it will not be stored.
      queue_.erase(std::find(queue_.begin(), queue_.end(), pending));
    }
    throw DomainError(ErrorKind::Unavailable, "commit_timeout",
                      "the response could not be stored in time; resend it with the same submission_id", "");
  }
  return result.get();
}

void GroupCommitter::stop() {
  {
    std::lock_guard lock(mutex_);
    if (stopping_ && threads_.empty()) return;
    stopping_ = true;
  }
  queuedCv_.notify_all();
  for (auto& thread : threads_) {
    if (thread.joinable()) thread.join();
  }
  std::lock_guard lock(mutex_);
  threads_.clear();
}

GroupCommitter::Stats GroupCommitter::stats() const {
  std::lock_guard lock(histogramsMutex_);
  return {batches_.load(), batched_.load(), largestBatch_.load(), fallbacks_.load(), waits_, batchSizes_};
}

void GroupCommitter::recordStored(const std::vector<std::chrono::steady_clock::time_point>& queuedAt, bool batch) {
  const auto now = std::chrono::steady_clock::now();
  std::lock_guard lock(histogramsMutex_);
  for (const auto& at : queuedAt) waits_.observe(std::chrono::duration<double>(now - at).count());
  if (batch) batchSizes_.observe(static_cast<double>(queuedAt.size()));
}

std::size_t GroupCommitter::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

void GroupCommitter::run() {
  std::vector<PendingPtr> batch;
  while (true) {
    batch.clear();
    {
      std::unique_lock lock(mutex_);
      queuedCv_.wait(lock, [this] { return !queue_.empty() || stopping_; });
      if (queue_.empty()) return;  // stopping, and everything queued is committed
      // Give the batch a moment to fill; under load it is full (or grew while the last commit ran).
      if (queue_.size() < settings_.maxBatch && settings_.maxWait.count() > 0 && !stopping_) {
        queuedCv_.wait_for(lock, settings_.maxWait,
                           [this] { return queue_.size() >= settings_.maxBatch || stopping_ || queue_.empty(); });
      }
      const std::size_t n = std::min(queue_.size(), settings_.maxBatch);
      for (std::size_t i = 0; i < n; ++i) {
        queue_.front()->taken = true;
        batch.push_back(std::move(queue_.front()));
        queue_.pop_front();
      }
      if (!queue_.empty()) queuedCv_.notify_one();  // another committer may start the next batch
    }
    if (!batch.empty()) commit(batch);
  }
}

void GroupCommitter::commit(std::vector<PendingPtr>& batch) {
  const auto failAll = [](std::vector<PendingPtr>& pendings, const std::exception_ptr& error) {
    for (auto& pending : pendings) pending->promise.set_exception(error);
  };
  try {
    if (checks_.beforeBatch) checks_.beforeBatch();
  } catch (...) {
    failAll(batch, std::current_exception());
    return;
  }
  std::vector<PendingPtr> admitted;
  admitted.reserve(batch.size());
  for (auto& pending : batch) {
    try {
      if (checks_.check) checks_.check(pending->response);
      admitted.push_back(pending);
    } catch (...) {
      pending->promise.set_exception(std::current_exception());
    }
  }
  if (admitted.empty()) return;

  std::vector<surveys::Response> responses;
  responses.reserve(admitted.size());
  for (auto& pending : admitted) responses.push_back(pending->response);
  std::vector<surveys::SubmitResult> results;
  try {
    results = store_.submitBatch(responses);
    if (results.size() != responses.size()) throw std::logic_error("submitBatch returned a wrong number of results");
  } catch (const DomainError& error) {
    if (error.kind() == ErrorKind::Unavailable) {
      failAll(admitted, std::current_exception());  // the database is away: every waiter gets 503
    } else {
      storeOneByOne(admitted);  // one bad response: find it, store the others
    }
    return;
  } catch (...) {
    failAll(admitted, std::current_exception());
    return;
  }
  batches_.fetch_add(1);
  batched_.fetch_add(results.size());
  std::uint64_t largest = largestBatch_.load();
  while (results.size() > largest && !largestBatch_.compare_exchange_weak(largest, results.size())) {
  }
  std::vector<std::chrono::steady_clock::time_point> queuedAt;
  for (const auto& pending : admitted) queuedAt.push_back(pending->queuedAt);
  recordStored(queuedAt, true);
  for (std::size_t i = 0; i < admitted.size(); ++i) admitted[i]->promise.set_value(std::move(results[i]));
}

void GroupCommitter::storeOneByOne(std::vector<PendingPtr>& batch) {
  fallbacks_.fetch_add(1);
  for (auto& pending : batch) {
    try {
      auto result = store_.submit(pending->response);
      recordStored({pending->queuedAt}, false);
      pending->promise.set_value(std::move(result));
    } catch (...) {
      pending->promise.set_exception(std::current_exception());
    }
  }
}

}  // namespace courtvoice::server
