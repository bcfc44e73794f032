#pragma once
// In-memory fake of AuditStore with the MySQL store's contract: appends serialised and chained,
// lists newest first with the same filters. `tamper()` gives tests the rows behind its back.
#include <algorithm>
#include <mutex>

#include "courtvoice/surveys/audit_log.hpp"

namespace courtvoice::surveys::testing {

class InMemoryAuditStore final : public AuditStore {
 public:
  AuditEntry append(const AuditEntry& entry) override {
    std::lock_guard lock(mutex_);
    if (failing) throw std::runtime_error("audit store down (test)");
    AuditEntry stored = entry;
    stored.sequence = head_.sequence + 1;
    stored.previousHash = head_.hash;
    stored.hash = auditEntryHash(stored);
    entries_.push_back(stored);
    head_ = {stored.sequence, stored.hash};
    return stored;
  }

  std::vector<AuditEntry> list(const AuditFilter& filter) override {
    std::lock_guard lock(mutex_);
    std::vector<AuditEntry> found;
    for (auto it = entries_.rbegin(); it != entries_.rend() && static_cast<int>(found.size()) < filter.limit; ++it) {
      const std::string day = it->at.substr(0, 10);
      if (!filter.account.empty() && it->account != filter.account) continue;
      if (!filter.action.empty() && it->action.find(filter.action) == std::string::npos) continue;
      if (filter.fromDay && day < *filter.fromDay) continue;
      if (filter.toDay && day > *filter.toDay) continue;
      if (filter.before && it->sequence >= *filter.before) continue;
      found.push_back(*it);
    }
    return found;
  }

  std::vector<AuditEntry> chainPage(std::int64_t afterSequence, int limit) override {
    std::lock_guard lock(mutex_);
    std::vector<AuditEntry> sorted = entries_;
    std::stable_sort(sorted.begin(), sorted.end(), [](const auto& a, const auto& b) { return a.sequence < b.sequence; });
    std::vector<AuditEntry> page;
    for (const auto& entry : sorted) {
      if (entry.sequence > afterSequence && static_cast<int>(page.size()) < limit) page.push_back(entry);
    }
    return page;
  }

  std::optional<std::int64_t> sequenceOfHash(const std::string& hash) override {
    std::lock_guard lock(mutex_);
    for (const auto& entry : entries_) {
      if (entry.hash == hash) return entry.sequence;
    }
    return std::nullopt;
  }

  AuditHead head() override {
    std::lock_guard lock(mutex_);
    return head_;
  }

  /// The stored rows, for tests that tamper with them (not thread-safe).
  std::vector<AuditEntry>& tamper() { return entries_; }
  /// When set, append throws (the database is gone).
  bool failing = false;

 private:
  std::mutex mutex_;
  std::vector<AuditEntry> entries_;
  AuditHead head_;
};

}  // namespace courtvoice::surveys::testing
