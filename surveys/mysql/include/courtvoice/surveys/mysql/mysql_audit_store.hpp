#pragma once
#include "courtvoice/surveys/audit_log.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// The audit trail in tables audit_entries and audit_head (migration 008). An append is one
/// transaction that locks the head row FOR UPDATE, inserts the entry chained to the head's hash
/// and moves the head: appends from all threads and processes on the database are serialised.
class MySqlAuditStore final : public AuditStore {
 public:
  explicit MySqlAuditStore(ConnectionPool& pool) : pool_(pool) {}

  AuditEntry append(const AuditEntry& entry) override;
  std::vector<AuditEntry> list(const AuditFilter& filter) override;
  std::vector<AuditEntry> chainPage(std::int64_t afterSequence, int limit) override;
  std::optional<std::int64_t> sequenceOfHash(const std::string& hash) override;
  AuditHead head() override;

 private:
  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
