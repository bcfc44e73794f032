#include "invitation_spending.hpp"

#include <set>

#include "courtvoice/surveys/errors.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {
namespace {

constexpr const char* kField = "invitation_code";

// Why a code could not be spent, read after the UPDATE changed nothing. A locking read: it sees
// the newest committed row, as the UPDATE did, not the transaction's snapshot (taken at its
// first read, perhaps before another transaction spent the code).
[[noreturn]] void throwRefusal(Session& session, const Response& response) {
  auto& select = session.prepare(
      "SELECT c.spent, b.expires_on < UTC_DATE(),"
      " (b.court_code = ? OR b.region = (SELECT region FROM courts WHERE code = ?))"
      " FROM invitation_codes c JOIN invitation_batches b ON b.id = c.batch_id"
      " WHERE c.code_hash = ? AND b.survey_id = ? LOCK IN SHARE MODE");
  select.setString(1, response.courtCode);
  select.setString(2, response.courtCode);
  select.setString(3, response.invitationHash);
  select.setString(4, response.surveyId);
  ResultSetPtr row(select.executeQuery());
  if (!row->next() || !row->getBoolean(3)) {
    throw DomainError(ErrorKind::Forbidden, "invitation_unknown",
                      "this invitation code does not open this survey for this court", kField);
  }
  if (row->getBoolean(1)) {
    throw DomainError(ErrorKind::Conflict, "invitation_spent", "this invitation code has been used already", kField);
  }
  throw DomainError(ErrorKind::Conflict, "invitation_expired", "this invitation code has expired", kField);
}

}  // namespace

void spendInvitations(Session& session, const std::vector<const Response*>& responses) {
  std::set<std::int64_t> batches;
  for (const Response* response : responses) {
    if (response->invitationHash.empty()) continue;
    // Row locks only: a second transaction spending the same code waits here and then finds it
    // spent (UPDATE reads the newest committed row), so exactly one of them wins.
    auto& spend = session.prepare(
        "UPDATE invitation_codes c JOIN invitation_batches b ON b.id = c.batch_id SET c.spent = 1"
        " WHERE c.code_hash = ? AND c.spent = 0 AND b.survey_id = ? AND b.expires_on >= UTC_DATE()"
        " AND (b.court_code = ? OR b.region = (SELECT region FROM courts WHERE code = ?))");
    spend.setString(1, response->invitationHash);
    spend.setString(2, response->surveyId);
    spend.setString(3, response->courtCode);
    spend.setString(4, response->courtCode);
    if (spend.executeUpdate() != 1) throwRefusal(session, *response);
    auto& batch = session.prepare("SELECT batch_id FROM invitation_codes WHERE code_hash = ?");
    batch.setString(1, response->invitationHash);
    ResultSetPtr row(batch.executeQuery());
    row->next();
    batches.insert(row->getInt64(1));
  }
  for (const std::int64_t batch : batches) {
    // Every spent code of the batch gets the same new value: one above what they all hold (a
    // code spent just now still has 0). Not "stir = stir + 1": counts that differ by code would
    // tell how many spends came after each one, i.e. the order of spending. A changed value makes
    // InnoDB rewrite the row (an unchanged one keeps its old DB_TRX_ID).
    auto& current = session.prepare("SELECT COALESCE(MAX(stir), 0) FROM invitation_codes WHERE batch_id = ? AND spent = 1");
    current.setInt64(1, batch);
    ResultSetPtr row(current.executeQuery());
    row->next();
    const std::uint64_t next = row->getUInt64(1) + 1;
    auto& stir = session.prepare("UPDATE invitation_codes SET stir = ? WHERE batch_id = ? AND spent = 1");
    stir.setUInt64(1, next);
    stir.setInt64(2, batch);
    stir.executeUpdate();
  }
}

}  // namespace courtvoice::surveys::mysql
