#include "courtvoice/surveys/mysql/mysql_court_store.hpp"

#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"
#include "store_support.hpp"

namespace courtvoice::surveys::mysql {
namespace {

constexpr const char* kColumns = "code, name_kk, name_ru, name_en, region, level, active";

// Languages with a column of their own; other languages of a LocalizedText are not stored.
const char* const kNameLanguages[] = {"kk", "ru", "en"};

Court readCourt(const sql::ResultSet& row) {
  Court court;
  court.code = row.getString(1).asStdString();
  for (unsigned i = 0; i < 3; ++i) {
    std::string name = row.getString(2 + i).asStdString();
    if (!name.empty()) {
      court.name[kNameLanguages[i]] = std::move(name);
    }
  }
  court.region = row.getString(5).asStdString();
  court.level = row.getString(6).asStdString();
  court.active = row.getInt(7) != 0;
  return court;
}

}  // namespace

void MySqlCourtStore::upsert(const Court& court) {
  // Safe to repeat: writing the same court again changes nothing but the stamp.
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    Transaction transaction(session);
    auto& statement = session.prepare(std::string("INSERT INTO courts (") + kColumns +
                                      ") VALUES (?, ?, ?, ?, ?, ?, ?) ON DUPLICATE KEY UPDATE"
                                      " name_kk = VALUES(name_kk), name_ru = VALUES(name_ru),"
                                      " name_en = VALUES(name_en), region = VALUES(region),"
                                      " level = VALUES(level), active = VALUES(active)");
    statement.setString(1, court.code);
    for (unsigned i = 0; i < 3; ++i) {
      const auto name = court.name.find(kNameLanguages[i]);
      statement.setString(2 + i, name == court.name.end() ? std::string() : name->second);
    }
    statement.setString(5, court.region);
    statement.setString(6, court.level);
    statement.setInt(7, court.active ? 1 : 0);
    statement.executeUpdate();
    bumpChangeStamp(session, kCourtsStamp);
    transaction.commit();
  });
}

std::optional<Court> MySqlCourtStore::find(const std::string& code) {
  std::optional<Court> court;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    auto& statement = session.prepare(std::string("SELECT ") + kColumns + " FROM courts WHERE code = ?");
    statement.setString(1, code);
    ResultSetPtr row(statement.executeQuery());
    court.reset();
    if (row->next()) {
      court = readCourt(*row);
    }
  });
  return court;
}

std::vector<Court> MySqlCourtStore::list() {
  std::vector<Court> courts;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    courts.clear();
    ResultSetPtr rows(session.prepare(std::string("SELECT ") + kColumns + " FROM courts ORDER BY code").executeQuery());
    while (rows->next()) {
      courts.push_back(readCourt(*rows));
    }
  });
  return courts;
}

std::int64_t MySqlCourtStore::changeStamp() {
  return readChangeStamp(pool_, kCourtsStamp);
}

}  // namespace courtvoice::surveys::mysql
