#include "courtvoice/surveys/mysql/mysql_audit_store.hpp"

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

#include <cstdint>

namespace courtvoice::surveys::mysql {
namespace {

constexpr const char* kColumns =
    "sequence, DATE_FORMAT(at, '%Y-%m-%d %H:%i:%s'), account, role, via, action, parameters, scope, status,"
    " error_code, previous_hash, hash";

AuditEntry readEntry(const sql::ResultSet& row) {
  AuditEntry entry;
  entry.sequence = row.getInt64(1);
  entry.at = row.getString(2).asStdString();
  entry.account = row.getString(3).asStdString();
  entry.role = row.getString(4).asStdString();
  entry.via = row.getString(5).asStdString();
  entry.action = row.getString(6).asStdString();
  entry.parameters = row.getString(7).asStdString();
  entry.scope = row.getString(8).asStdString();
  entry.status = row.getInt(9);
  entry.errorCode = row.getString(10).asStdString();
  entry.previousHash = row.getString(11).asStdString();
  entry.hash = row.getString(12).asStdString();
  return entry;
}

}  // namespace

AuditEntry MySqlAuditStore::append(const AuditEntry& entry) {
  AuditEntry stored = entry;
  // Unsafe to repeat: a lost COMMIT followed by a rerun would append the entry twice.
  pool_.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    Transaction transaction(session);
    auto& lock = session.prepare("SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE");
    ResultSetPtr head(lock.executeQuery());
    if (!head->next()) throw std::runtime_error("audit_head has no row: migration 008 is incomplete");
    stored.sequence = head->getInt64(1) + 1;
    stored.previousHash = head->getString(2).asStdString();
    stored.hash = auditEntryHash(stored);
    auto& insert = session.prepare(
        "INSERT INTO audit_entries (sequence, at, account, role, via, action, parameters, scope, status, error_code,"
        " previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)");
    insert.setInt64(1, stored.sequence);
    insert.setString(2, stored.at);
    insert.setString(3, stored.account);
    insert.setString(4, stored.role);
    insert.setString(5, stored.via);
    insert.setString(6, stored.action);
    insert.setString(7, stored.parameters);
    insert.setString(8, stored.scope);
    insert.setInt(9, stored.status);
    insert.setString(10, stored.errorCode);
    insert.setString(11, stored.previousHash);
    insert.setString(12, stored.hash);
    insert.executeUpdate();
    auto& move = session.prepare("UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1");
    move.setInt64(1, stored.sequence);
    move.setString(2, stored.hash);
    move.executeUpdate();
    transaction.commit();
  });
  return stored;
}

std::vector<AuditEntry> MySqlAuditStore::list(const AuditFilter& filter) {
  std::vector<AuditEntry> entries;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    entries.clear();
    // One fixed statement: an empty filter value matches everything, so the text never varies.
    auto& select = session.prepare(
        std::string("SELECT ") + kColumns +
        " FROM audit_entries WHERE (? = '' OR account = ?) AND (? = '' OR INSTR(action, ?) > 0)"
        " AND at >= ? AND at < ? + INTERVAL 1 DAY AND sequence < ? ORDER BY sequence DESC LIMIT ?");
    select.setString(1, filter.account);
    select.setString(2, filter.account);
    select.setString(3, filter.action);
    select.setString(4, filter.action);
    select.setString(5, filter.fromDay.value_or("1000-01-01"));
    select.setString(6, filter.toDay.value_or("9998-12-31"));
    select.setInt64(7, filter.before.value_or(INT64_MAX));
    select.setInt(8, filter.limit);
    ResultSetPtr rows(select.executeQuery());
    while (rows->next()) entries.push_back(readEntry(*rows));
  });
  return entries;
}

std::vector<AuditEntry> MySqlAuditStore::chainPage(std::int64_t afterSequence, int limit) {
  std::vector<AuditEntry> entries;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    entries.clear();
    auto& select = session.prepare(std::string("SELECT ") + kColumns +
                                   " FROM audit_entries WHERE sequence > ? ORDER BY sequence LIMIT ?");
    select.setInt64(1, afterSequence);
    select.setInt(2, limit);
    ResultSetPtr rows(select.executeQuery());
    while (rows->next()) entries.push_back(readEntry(*rows));
  });
  return entries;
}

std::optional<std::int64_t> MySqlAuditStore::sequenceOfHash(const std::string& hash) {
  std::optional<std::int64_t> found;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    found.reset();
    auto& select = session.prepare("SELECT sequence FROM audit_entries WHERE hash = ? ORDER BY sequence LIMIT 1");
    select.setString(1, hash);
    ResultSetPtr row(select.executeQuery());
    if (row->next()) found = row->getInt64(1);
  });
  return found;
}

AuditHead MySqlAuditStore::head() {
  AuditHead head;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    auto& select = session.prepare("SELECT sequence, hash FROM audit_head WHERE id = 1");
    ResultSetPtr row(select.executeQuery());
    if (!row->next()) throw std::runtime_error("audit_head has no row: migration 008 is incomplete");
    head.sequence = row->getInt64(1);
    head.hash = row->getString(2).asStdString();
  });
  return head;
}

}  // namespace courtvoice::surveys::mysql
