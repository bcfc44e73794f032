#pragma once
// AccountStore in memory, following the MySQL store's contract (account_exists, newest tokens
// first, revoke/update answering whether the row exists).
#include <algorithm>
#include <map>
#include <mutex>

#include "courtvoice/surveys/account_store.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::surveys::testing {

class InMemoryAccountStore final : public surveys::AccountStore {
 public:
  void createAccount(const surveys::Account& account) override {
    std::lock_guard lock(mutex_);
    if (accounts_.contains(account.name)) {
      throw surveys::DomainError(surveys::ErrorKind::Conflict, "account_exists", "an account named " + account.name + " exists", "name");
    }
    accounts_[account.name] = account;
  }
  std::optional<surveys::Account> findAccount(const std::string& name) override {
    std::lock_guard lock(mutex_);
    const auto it = accounts_.find(name);
    return it == accounts_.end() ? std::nullopt : std::optional(it->second);
  }
  std::vector<surveys::Account> listAccounts() override {
    std::lock_guard lock(mutex_);
    std::vector<surveys::Account> list;
    for (const auto& [name, account] : accounts_) list.push_back(account);
    return list;
  }
  bool updateAccount(const surveys::Account& account) override {
    std::lock_guard lock(mutex_);
    const auto it = accounts_.find(account.name);
    if (it == accounts_.end()) return false;
    const auto created = it->second.createdAt;
    it->second = account;
    it->second.createdAt = created;
    return true;
  }
  void createSession(const surveys::SessionRecord& session) override {
    std::lock_guard lock(mutex_);
    sessions_.emplace(session.idHash, session);
  }
  std::optional<surveys::SessionRecord> findSession(const std::string& idHash) override {
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(idHash);
    return it == sessions_.end() ? std::nullopt : std::optional(it->second);
  }
  void touchSession(const std::string& idHash, std::int64_t lastSeenAt) override {
    std::lock_guard lock(mutex_);
    const auto it = sessions_.find(idHash);
    if (it != sessions_.end()) it->second.lastSeenAt = std::max(it->second.lastSeenAt, lastSeenAt);
  }
  void deleteSession(const std::string& idHash) override {
    std::lock_guard lock(mutex_);
    sessions_.erase(idHash);
  }
  void deleteSessionsOf(const std::string& account, std::int64_t now) override {
    std::lock_guard lock(mutex_);
    std::erase_if(sessions_, [&](const auto& entry) { return entry.second.account == account || entry.second.expiresAt < now; });
  }
  std::int64_t createToken(const surveys::ApiTokenRecord& token) override {
    std::lock_guard lock(mutex_);
    if (!accounts_.contains(token.account)) {
      throw surveys::DomainError(surveys::ErrorKind::NotFound, "account_not_found", "no account named " + token.account, "account");
    }
    surveys::ApiTokenRecord stored = token;
    stored.id = ++lastTokenId_;
    stored.revoked = false;
    tokens_.push_back(stored);
    return stored.id;
  }
  std::optional<surveys::ApiTokenRecord> findToken(const std::string& tokenHash) override {
    std::lock_guard lock(mutex_);
    for (const auto& token : tokens_) {
      if (token.tokenHash == tokenHash) return token;
    }
    return std::nullopt;
  }
  std::vector<surveys::ApiTokenRecord> listTokens(const std::string& account) override {
    std::lock_guard lock(mutex_);
    std::vector<surveys::ApiTokenRecord> list;
    for (auto it = tokens_.rbegin(); it != tokens_.rend(); ++it) {
      if (it->account == account) list.push_back(*it);
    }
    return list;
  }
  bool revokeToken(const std::string& account, std::int64_t id) override {
    std::lock_guard lock(mutex_);
    for (auto& token : tokens_) {
      if (token.account == account && token.id == id) {
        token.revoked = true;
        return true;
      }
    }
    return false;
  }

 private:
  std::mutex mutex_;
  std::map<std::string, surveys::Account> accounts_;
  std::map<std::string, surveys::SessionRecord> sessions_;
  std::vector<surveys::ApiTokenRecord> tokens_;
  std::int64_t lastTokenId_ = 0;
};

}  // namespace courtvoice::surveys::testing
