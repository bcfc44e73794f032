#pragma once
// Repository interface of accounts, their page sessions and their API tokens (migration 007).
// Secrets never reach the store in the clear: it keeps password hashes and SHA-256 hashes of
// session ids and tokens. Times are Unix seconds (UTC).
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace courtvoice::surveys {

/// What an account (or one of its tokens) may read: the whole country when both lists are empty.
struct AccountScope {
  std::vector<std::string> regions;  ///< region codes (regions.hpp)
  std::vector<std::string> courts;   ///< court codes
  bool country() const { return regions.empty() && courts.empty(); }
  bool operator==(const AccountScope&) const = default;
};

struct Account {
  std::string name;
  std::string role;  ///< administrator, analyst, court_manager, viewer
  AccountScope scope;
  std::string passwordHash;  ///< self-describing (password_hash.hpp)
  std::int64_t createdAt = 0;
  bool disabled = false;
};

struct SessionRecord {
  std::string idHash;  ///< SHA-256 hex of the cookie's id
  std::string account;
  std::string csrfToken;
  std::int64_t createdAt = 0;
  std::int64_t lastSeenAt = 0;
  std::int64_t expiresAt = 0;  ///< absolute expiry
};

struct ApiTokenRecord {
  std::int64_t id = 0;     ///< given by the store
  std::string tokenHash;   ///< SHA-256 hex of the token
  std::string account;
  std::string label;
  AccountScope scope;      ///< no wider than the account's (checked by the caller)
  std::int64_t createdAt = 0;
  std::int64_t expiresAt = 0;
  bool revoked = false;
};

class AccountStore {
 public:
  virtual ~AccountStore() = default;
  /// DomainError(Conflict, "account_exists", field "name") when the name is taken.
  virtual void createAccount(const Account& account) = 0;
  virtual std::optional<Account> findAccount(const std::string& name) = 0;
  /// By name.
  virtual std::vector<Account> listAccounts() = 0;
  /// Replaces role, scope, password hash and disabled of an existing account (false: unknown name).
  virtual bool updateAccount(const Account& account) = 0;

  virtual void createSession(const SessionRecord& session) = 0;
  virtual std::optional<SessionRecord> findSession(const std::string& idHash) = 0;
  virtual void touchSession(const std::string& idHash, std::int64_t lastSeenAt) = 0;
  virtual void deleteSession(const std::string& idHash) = 0;
  /// Every session of the account (disabled, new password); also drops sessions expired before `now`.
  virtual void deleteSessionsOf(const std::string& account, std::int64_t now) = 0;

  /// Returns the new token's id.
  virtual std::int64_t createToken(const ApiTokenRecord& token) = 0;
  virtual std::optional<ApiTokenRecord> findToken(const std::string& tokenHash) = 0;
  /// The account's tokens, newest first.
  virtual std::vector<ApiTokenRecord> listTokens(const std::string& account) = 0;
  /// false: no such token of that account.
  virtual bool revokeToken(const std::string& account, std::int64_t id) = 0;
};

}  // namespace courtvoice::surveys
