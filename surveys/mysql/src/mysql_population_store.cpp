#include "courtvoice/surveys/mysql/mysql_population_store.hpp"

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {

void MySqlPopulationStore::replace(const PopulationSet& set) {
  // Safe to repeat: the end state is the same set whether or not a lost COMMIT happened.
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    Transaction transaction(session);
    auto& removeCounts = session.prepare("DELETE FROM population_counts WHERE survey_id = ?");
    removeCounts.setString(1, set.surveyId);
    removeCounts.executeUpdate();
    auto& upsertSet = session.prepare(
        "INSERT INTO population_sets (survey_id, loaded_by, loaded_on) VALUES (?, ?, ?)"
        " ON DUPLICATE KEY UPDATE loaded_by = VALUES(loaded_by), loaded_on = VALUES(loaded_on)");
    upsertSet.setString(1, set.surveyId);
    upsertSet.setString(2, set.loadedBy);
    upsertSet.setString(3, set.loadedOn);
    upsertSet.executeUpdate();
    auto& insert = session.prepare(
        "INSERT INTO population_counts (survey_id, position, court_code, case_type, population)"
        " VALUES (?, ?, ?, ?, ?)");
    int position = 0;
    for (const PopulationCell& cell : set.cells) {
      insert.setString(1, set.surveyId);
      insert.setInt(2, ++position);
      insert.setString(3, cell.court);
      if (cell.caseType) {
        insert.setInt(4, *cell.caseType);
      } else {
        insert.setNull(4, sql::DataType::INTEGER);
      }
      insert.setInt64(5, cell.population);
      insert.executeUpdate();
    }
    transaction.commit();
  });
}

std::optional<PopulationSet> MySqlPopulationStore::find(const std::string& surveyId) {
  std::optional<PopulationSet> found;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    found.reset();
    // One transaction: the set's row and its counts from the same snapshot.
    Transaction transaction(session);
    auto& head = session.prepare(
        "SELECT loaded_by, DATE_FORMAT(loaded_on, '%Y-%m-%d %H:%i:%s') FROM population_sets WHERE survey_id = ?");
    head.setString(1, surveyId);
    ResultSetPtr row(head.executeQuery());
    if (!row->next()) return;
    PopulationSet set;
    set.surveyId = surveyId;
    set.loadedBy = row->getString(1).asStdString();
    set.loadedOn = row->getString(2).asStdString();
    auto& cells = session.prepare(
        "SELECT court_code, case_type, population FROM population_counts WHERE survey_id = ? ORDER BY position");
    cells.setString(1, surveyId);
    ResultSetPtr rows(cells.executeQuery());
    while (rows->next()) {
      PopulationCell cell;
      cell.court = rows->getString(1).asStdString();
      if (!rows->isNull(2)) cell.caseType = rows->getInt(2);
      cell.population = rows->getInt64(3);
      set.cells.push_back(std::move(cell));
    }
    transaction.commit();
    found = std::move(set);
  });
  return found;
}

bool MySqlPopulationStore::clear(const std::string& surveyId) {
  bool removed = false;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    // The counts go with their set (ON DELETE CASCADE).
    auto& remove = session.prepare("DELETE FROM population_sets WHERE survey_id = ?");
    remove.setString(1, surveyId);
    removed = remove.executeUpdate() > 0;
  });
  return removed;
}

}  // namespace courtvoice::surveys::mysql
