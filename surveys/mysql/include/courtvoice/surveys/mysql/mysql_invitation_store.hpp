#pragma once
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// Invitation batches and codes in tables invitation_batches and invitation_codes (migration
/// 004). Codes are spent by MySqlResponseStore in the response's transaction (invitation_spending.hpp).
/// Expiry is compared with the caller's `today` here and with the database's UTC_DATE() when spending.
class MySqlInvitationStore final : public InvitationStore {
 public:
  explicit MySqlInvitationStore(ConnectionPool& pool) : pool_(pool) {}

  /// One transaction; never rerun after a lost connection (the codes would differ from the
  /// stored hashes): the caller gets database_unavailable and must look before trying again.
  CreatedInvitations createBatch(const NewInvitationBatch& batch) override;
  std::vector<InvitationBatch> listBatches(const std::string& surveyId, const Date& today) override;
  InvitationCheck check(const std::string& surveyId, const std::string& codeHash, const Date& today) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
