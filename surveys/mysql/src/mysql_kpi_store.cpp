#include "courtvoice/surveys/mysql/mysql_kpi_store.hpp"

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {
namespace {

// Columns 1..7 of every read: the version row joined with nothing else.
// The columns readRecord reads, as a literal to join with the rest of each statement at compile
// time (GCC 12 at -O2 flags std::string("SELECT ") + columns + "..." with a false -Warray-bounds).
#define COURTVOICE_KPI_VERSION_COLUMNS \
  "v.kpi_id, v.version, v.archived, v.definition, v.changed_by, DATE_FORMAT(v.changed_on, '%Y-%m-%d %H:%i:%s'), v.note"

KpiRecord readRecord(const sql::ResultSet& row) {
  KpiRecord record;
  const std::string id = row.getString(1).asStdString();
  try {
    record.definition = parseKpiDefinition(row.getString(4).asStdString());
  } catch (const DomainError& error) {
    throw std::runtime_error("KPI " + id + " has an unreadable stored definition: " + error.what());
  }
  record.definition.id = id;
  record.version = row.getInt(2);
  record.archived = row.getBoolean(3);
  record.changedBy = row.getString(5).asStdString();
  record.changedOn = row.getString(6).asStdString();
  record.note = row.getString(7).asStdString();
  return record;
}

}  // namespace

int MySqlKpiStore::save(const KpiRecord& record, std::optional<int> expectedVersion) {
  int stored = 0;
  // Unsafe to repeat blindly: a lost COMMIT would make the rerun store a second version.
  pool_.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    Transaction transaction(session);
    const std::string& id = record.definition.id;
    auto& current = session.prepare("SELECT version FROM kpis WHERE id = ? FOR UPDATE");
    current.setString(1, id);
    ResultSetPtr row(current.executeQuery());
    const int latest = row->next() ? row->getInt(1) : 0;
    if (expectedVersion && *expectedVersion == 0 && latest > 0) {
      throw DomainError(ErrorKind::Conflict, "kpi_exists", "a KPI with id " + id + " exists: change it with PUT", "id");
    }
    if (expectedVersion && *expectedVersion > 0 && *expectedVersion != latest) {
      throw DomainError(ErrorKind::Conflict, "version_conflict",
                        "KPI " + id + " is at version " + std::to_string(latest) + ", not " +
                            std::to_string(*expectedVersion) + ": someone changed it meanwhile; reload and edit again",
                        "version");
    }
    stored = latest + 1;
    const std::string json = kpiDefinitionToJson(record.definition);
    auto& upsert = session.prepare(
        "INSERT INTO kpis (id, version, archived, definition) VALUES (?, ?, ?, ?)"
        " ON DUPLICATE KEY UPDATE version = VALUES(version), archived = VALUES(archived),"
        " definition = VALUES(definition)");
    upsert.setString(1, id);
    upsert.setInt(2, stored);
    upsert.setInt(3, record.archived ? 1 : 0);
    upsert.setString(4, json);
    upsert.executeUpdate();
    auto& insert = session.prepare(
        "INSERT INTO kpi_versions (kpi_id, version, archived, definition, changed_by, changed_on, note)"
        " VALUES (?, ?, ?, ?, ?, ?, ?)");
    insert.setString(1, id);
    insert.setInt(2, stored);
    insert.setInt(3, record.archived ? 1 : 0);
    insert.setString(4, json);
    insert.setString(5, record.changedBy);
    insert.setString(6, record.changedOn);
    insert.setString(7, record.note);
    insert.executeUpdate();
    transaction.commit();
  });
  return stored;
}

std::optional<KpiRecord> MySqlKpiStore::find(const std::string& id) {
  std::optional<KpiRecord> found;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    found.reset();
    auto& select = session.prepare("SELECT " COURTVOICE_KPI_VERSION_COLUMNS
                                   " FROM kpis k JOIN kpi_versions v ON v.kpi_id = k.id AND v.version = k.version"
                                   " WHERE k.id = ?");
    select.setString(1, id);
    ResultSetPtr row(select.executeQuery());
    if (row->next()) found = readRecord(*row);
  });
  return found;
}

std::vector<KpiRecord> MySqlKpiStore::list(bool withArchived) {
  std::vector<KpiRecord> records;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    records.clear();
    auto& select = session.prepare("SELECT " COURTVOICE_KPI_VERSION_COLUMNS
                                   " FROM kpis k JOIN kpi_versions v ON v.kpi_id = k.id AND v.version = k.version"
                                   " WHERE k.archived = 0 OR ? ORDER BY k.id");
    select.setBoolean(1, withArchived);
    ResultSetPtr rows(select.executeQuery());
    while (rows->next()) records.push_back(readRecord(*rows));
  });
  return records;
}

std::vector<KpiRecord> MySqlKpiStore::history(const std::string& id) {
  std::vector<KpiRecord> records;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    records.clear();
    auto& select = session.prepare("SELECT " COURTVOICE_KPI_VERSION_COLUMNS
                                   " FROM kpi_versions v WHERE v.kpi_id = ? ORDER BY v.version");
    select.setString(1, id);
    ResultSetPtr rows(select.executeQuery());
    while (rows->next()) records.push_back(readRecord(*rows));
  });
  return records;
}

}  // namespace courtvoice::surveys::mysql
