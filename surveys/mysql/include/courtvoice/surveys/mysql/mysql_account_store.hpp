#pragma once
#include "courtvoice/surveys/account_store.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// Accounts, sessions and API tokens in tables accounts, account_sessions and api_tokens
/// (migration 007). Scopes are stored as comma-separated codes.
class MySqlAccountStore final : public AccountStore {
 public:
  explicit MySqlAccountStore(ConnectionPool& pool) : pool_(pool) {}

  void createAccount(const Account& account) override;
  std::optional<Account> findAccount(const std::string& name) override;
  std::vector<Account> listAccounts() override;
  bool updateAccount(const Account& account) override;
  void createSession(const SessionRecord& session) override;
  std::optional<SessionRecord> findSession(const std::string& idHash) override;
  void touchSession(const std::string& idHash, std::int64_t lastSeenAt) override;
  void deleteSession(const std::string& idHash) override;
  void deleteSessionsOf(const std::string& account, std::int64_t now) override;
  std::int64_t createToken(const ApiTokenRecord& token) override;
  std::optional<ApiTokenRecord> findToken(const std::string& tokenHash) override;
  std::vector<ApiTokenRecord> listTokens(const std::string& account) override;
  bool revokeToken(const std::string& account, std::int64_t id) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
