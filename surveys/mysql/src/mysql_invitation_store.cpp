#include "courtvoice/surveys/mysql/mysql_invitation_store.hpp"

#include <cppconn/datatype.h>

#include <algorithm>
#include <memory>
#include <set>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/invitation_code.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {
namespace {

// Codes go in with multi-row INSERTs of at most this many rows.
constexpr std::size_t kCodesPerInsert = 500;

void bindNullable(sql::PreparedStatement& statement, unsigned index, const std::string& value) {
  if (value.empty()) {
    statement.setNull(index, sql::DataType::VARCHAR);
  } else {
    statement.setString(index, value);
  }
}

Date readDate(const sql::ResultSet& row, unsigned column) {
  const std::string text = row.getString(column).asStdString();
  const auto date = Date::parse(text);
  if (!date) throw std::runtime_error("invitation batch has an unreadable day '" + text + "'");
  return *date;
}

}  // namespace

CreatedInvitations MySqlInvitationStore::createBatch(const NewInvitationBatch& batch) {
  CreatedInvitations created;
  pool_.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    created = {};
    std::set<std::string> codes;
    while (codes.size() < static_cast<std::size_t>(batch.count)) codes.insert(generateInvitationCode());
    Transaction transaction(session);
    auto& insertBatch = session.prepare(
        "INSERT INTO invitation_batches (survey_id, court_code, region, expires_on, created_month, issued)"
        " VALUES (?, ?, ?, ?, ?, ?)");
    insertBatch.setString(1, batch.surveyId);
    bindNullable(insertBatch, 2, batch.scope.court);
    bindNullable(insertBatch, 3, batch.scope.region);
    insertBatch.setString(4, batch.expiresOn.toString());
    insertBatch.setString(5, batch.createdOn.monthKey());
    insertBatch.setInt(6, batch.count);
    try {
      insertBatch.executeUpdate();
    } catch (const sql::SQLException& error) {
      if (error.getErrorCode() == mysql_errors::kNoReferencedRow) {
        throw DomainError(ErrorKind::Invalid, "unknown_court", "court '" + batch.scope.court + "' is not in the registry",
                          "court");
      }
      throw;
    }
    ResultSetPtr id(session.prepare("SELECT LAST_INSERT_ID()").executeQuery());
    id->next();
    const std::int64_t batchId = id->getInt64(1);
    // std::set orders by code, and the hashes are in random order anyway: nothing in the rows
    // says in which order the codes were printed.
    std::vector<std::string> ordered(codes.begin(), codes.end());
    for (std::size_t begin = 0; begin < ordered.size(); begin += kCodesPerInsert) {
      const std::size_t count = std::min(kCodesPerInsert, ordered.size() - begin);
      // A full chunk's statement is cached; the last chunk's text depends on its length: not cached.
      const std::string insertSql =
          "INSERT INTO invitation_codes (code_hash, batch_id) VALUES " + rowPlaceholders(count, 2);
      std::unique_ptr<sql::PreparedStatement> uncached;
      auto& insertCodes =
          count == kCodesPerInsert ? session.prepare(insertSql) : *(uncached = session.prepareUncached(insertSql));
      unsigned index = 1;
      for (std::size_t i = begin; i < begin + count; ++i) {
        insertCodes.setString(index++, hashInvitationCode(ordered[i]));
        insertCodes.setInt64(index++, batchId);
      }
      insertCodes.executeUpdate();  // a duplicate hash of 80 random bits: not in this universe's lifetime
    }
    transaction.commit();
    created.batch = {batchId, batch.surveyId, batch.scope, batch.expiresOn, batch.createdOn.monthKey(), batch.count,
                     0, 0};
    created.codes = std::move(ordered);
  });
  return created;
}

std::vector<InvitationBatch> MySqlInvitationStore::listBatches(const std::string& surveyId, const Date& today) {
  std::vector<InvitationBatch> batches;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    batches.clear();
    auto& select = session.prepare(
        "SELECT b.id, b.court_code, b.region, b.expires_on, b.created_month, b.issued,"
        " (SELECT COALESCE(SUM(c.spent), 0) FROM invitation_codes c WHERE c.batch_id = b.id)"
        " FROM invitation_batches b WHERE b.survey_id = ? ORDER BY b.id");
    select.setString(1, surveyId);
    ResultSetPtr rows(select.executeQuery());
    while (rows->next()) {
      InvitationBatch batch;
      batch.id = rows->getInt64(1);
      batch.surveyId = surveyId;
      if (!rows->isNull(2)) batch.scope.court = rows->getString(2).asStdString();
      if (!rows->isNull(3)) batch.scope.region = rows->getString(3).asStdString();
      batch.expiresOn = readDate(*rows, 4);
      batch.createdMonth = rows->getString(5).asStdString();
      batch.issued = rows->getInt(6);
      batch.spent = rows->getInt(7);
      batch.expired = batch.expiresOn < today ? batch.issued - batch.spent : 0;
      batches.push_back(std::move(batch));
    }
  });
  return batches;
}

InvitationCheck MySqlInvitationStore::check(const std::string& surveyId, const std::string& codeHash,
                                            const Date& today) {
  InvitationCheck result;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    result = {};
    auto& select = session.prepare(
        "SELECT c.spent, b.court_code, b.region, b.expires_on"
        " FROM invitation_codes c JOIN invitation_batches b ON b.id = c.batch_id"
        " WHERE c.code_hash = ? AND b.survey_id = ?");
    select.setString(1, codeHash);
    select.setString(2, surveyId);
    ResultSetPtr row(select.executeQuery());
    if (!row->next()) return;
    if (!row->isNull(2)) result.scope.court = row->getString(2).asStdString();
    if (!row->isNull(3)) result.scope.region = row->getString(3).asStdString();
    result.expiresOn = readDate(*row, 4);
    if (row->getBoolean(1)) {
      result.status = InvitationStatus::Spent;
    } else if (result.expiresOn < today) {
      result.status = InvitationStatus::Expired;
    } else {
      result.status = InvitationStatus::Valid;
    }
  });
  return result;
}

}  // namespace courtvoice::surveys::mysql
