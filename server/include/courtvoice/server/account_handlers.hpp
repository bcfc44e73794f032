#pragma once
// The role-aware gate in front of every /api/v1/admin/ route, sign-in and sign-out, "who am I",
// and the administrators' account and token endpoints (docs/api.md, "Accounts and sign-in").
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/server/account_service.hpp"
#include "courtvoice/server/ip_network.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

inline constexpr const char* kSessionCookie = "courtvoice_session";
inline constexpr const char* kCsrfHeader = "X-CSRF-Token";

struct SessionCookieSettings {
  bool secure = false;  ///< session.secure_cookie: adds Secure (on by default when TLS is on)
};

/// The session id the request's cookie carries, if any.
std::optional<std::string> sessionCookie(const Poco::Net::HTTPServerRequest& request);

/// Decorator on every administration route: authenticates a bearer token (an API token or the
/// bootstrap admin token) or the session cookie, fills currentRequest().principal, checks the
/// role against route_permissions.hpp for the matched route, and asks cookie-authenticated
/// state-changing requests for X-CSRF-Token. 401 unauthorized (with WWW-Authenticate: Bearer)
/// without credentials; 403 forbidden with a bad token or a role that may not; 403 csrf_failed.
class RoleGate final : public Handler {
 public:
  RoleGate(AccountService& accounts, std::shared_ptr<Handler> inner) : accounts_(accounts), inner_(std::move(inner)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AccountService& accounts_;
  std::shared_ptr<Handler> inner_;
};

/// POST /api/v1/session (sign in) and DELETE /api/v1/session (sign out).
class SessionHandler final : public Handler {
 public:
  enum class Action { Login, Logout };
  SessionHandler(AccountService& accounts, Action action, SessionCookieSettings cookie, std::vector<IpNetwork> trustedProxies,
                 std::size_t maxBodyBytes)
      : accounts_(accounts), action_(action), cookie_(cookie), trustedProxies_(std::move(trustedProxies)),
        maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AccountService& accounts_;
  Action action_;
  SessionCookieSettings cookie_;
  std::vector<IpNetwork> trustedProxies_;
  std::size_t maxBodyBytes_;
  /// Secure when configured (TLS on) or when a trusted proxy says the client used https.
  bool secureCookie(const Poco::Net::HTTPServerRequest& request) const;
};

/// GET /api/v1/admin/me
class MeHandler final : public Handler {
 public:
  explicit MeHandler(AccountService& accounts) : accounts_(accounts) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AccountService& accounts_;
};

/// /api/v1/admin/accounts[/{name}[/tokens[/{id}]]]
class AccountsHandler final : public Handler {
 public:
  enum class Action { List, Create, Get, Update, ListTokens, CreateToken, RevokeToken };
  AccountsHandler(AccountService& accounts, Action action, std::size_t maxBodyBytes)
      : accounts_(accounts), action_(action), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AccountService& accounts_;
  Action action_;
  std::size_t maxBodyBytes_;
};

}  // namespace courtvoice::server
