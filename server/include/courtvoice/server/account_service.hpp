#pragma once
// Accounts, page sessions and API tokens (docs/api.md, "Accounts and sign-in"): creating and
// changing accounts, signing in and out, and turning a session cookie or a bearer token into the
// request's Principal. Used by the HTTP handlers and by courtvoice-admin alike.
#include <chrono>
#include <cstdint>
#include <functional>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/server/login_throttle.hpp"
#include "courtvoice/server/password_hash.hpp"
#include "courtvoice/server/request_context.hpp"
#include "courtvoice/surveys/account_store.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

inline constexpr const char* kRoleAdministrator = "administrator";
inline constexpr const char* kRoleAnalyst = "analyst";
inline constexpr const char* kRoleCourtManager = "court_manager";
inline constexpr const char* kRoleViewer = "viewer";

/// The four roles, in the order of docs/api.md.
const std::vector<std::string>& allRoles();

/// Wall-clock time in Unix seconds; injected so that tests move it (session expiry, token expiry).
using UnixClock = std::function<std::int64_t()>;
std::int64_t systemUnixSeconds();

struct AccountSettings {
  int passwordIterations = kDefaultPasswordIterations;
  std::chrono::seconds sessionIdle{30 * 60};          ///< session.idle_minutes
  std::chrono::seconds sessionAbsolute{8 * 60 * 60};  ///< session.absolute_hours
  /// The configured shared admin token (server.adminToken): an optional bootstrap credential,
  /// off when empty. It authenticates as account "admin-token", an administrator.
  std::string bootstrapToken;
  int maxTokenDays = 366;
};

struct NewAccount {
  std::string name;
  std::string role;
  surveys::AccountScope scope;
  std::string password;
};

/// What to change; fields left empty stay as they are.
struct AccountChange {
  std::optional<std::string> role;
  std::optional<surveys::AccountScope> scope;
  std::optional<bool> disabled;
  std::optional<std::string> password;
};

struct StartedSession {
  std::string id;         ///< for the cookie only; the store keeps its hash
  std::string csrfToken;
  Principal principal;
};

struct Authenticated {
  Principal principal;
  std::string csrfToken;  ///< sessions only
};

struct CreatedToken {
  std::string token;  ///< shown once
  surveys::ApiTokenRecord record;
};

/// The scope of an account as the request context carries it.
AccessScope toAccessScope(const surveys::AccountScope& scope);

class AccountService {
 public:
  /// `courts` (may be null) checks that scope court codes exist.
  AccountService(surveys::AccountStore& store, surveys::CourtStore* courts, UnixClock now, const MonotonicClock& steady,
                 AccountSettings settings, ThrottleSettings throttle = {});

  /// Checks name (2-64 of a-z 0-9 . _ -, starting with a letter or digit), role, scope (known
  /// region and court codes; administrators have the country scope) and password rules.
  surveys::Account create(const NewAccount& account);
  std::vector<surveys::Account> list();
  /// A disabled account or a new password ends the account's sessions.
  surveys::Account update(const std::string& name, const AccountChange& change);

  /// 401 invalid_credentials (same answer for an unknown name, a wrong password or a disabled
  /// account); 429 too_many_attempts with the seconds to wait while slowed down. `client` is
  /// the caller's address as text (kept only by the throttle, in memory).
  StartedSession login(const std::string& account, const std::string& password, const std::string& client);
  std::chrono::seconds retryAfter(const std::string& account, const std::string& client);
  /// std::nullopt for an unknown, expired (idle or absolute) session, or a disabled account.
  std::optional<Authenticated> fromSession(const std::string& sessionId);
  void logout(const std::string& sessionId);
  /// The bootstrap token or an API token that is neither expired nor revoked, of an enabled account.
  std::optional<Principal> fromBearer(const std::string& token);

  /// `days` 1..maxTokenDays; `scope` (default the account's) no wider than the account's.
  CreatedToken createToken(const std::string& account, const std::string& label, int days,
                           const std::optional<surveys::AccountScope>& scope);
  std::vector<surveys::ApiTokenRecord> listTokens(const std::string& account);
  void revokeToken(const std::string& account, std::int64_t id);

  std::int64_t now() const { return now_(); }
  const AccountSettings& settings() const { return settings_; }

 private:
  surveys::Account existing(const std::string& name);
  void checkScope(const std::string& role, const surveys::AccountScope& scope);
  bool within(const surveys::AccountScope& inner, const surveys::AccountScope& outer);

  surveys::AccountStore& store_;
  surveys::CourtStore* courts_;
  UnixClock now_;
  AccountSettings settings_;
  LoginThrottle throttle_;
  std::mutex dummyMutex_;
  std::string dummyHash_;  ///< checked for unknown names, so that timing does not tell names apart
};

}  // namespace courtvoice::server
