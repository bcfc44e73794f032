#include "courtvoice/server/account_service.hpp"

#include <algorithm>
#include <regex>

#include "courtvoice/server/admin_auth.hpp"
#include "courtvoice/server/http_error.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/regions.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

constexpr const char* kTokenPrefix = "cvt_";
constexpr std::int64_t kDay = 24 * 60 * 60;

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

// Codes sorted and without repeats, so that equal scopes compare and print alike.
surveys::AccountScope normalised(surveys::AccountScope scope) {
  for (auto* list : {&scope.regions, &scope.courts}) {
    std::sort(list->begin(), list->end());
    list->erase(std::unique(list->begin(), list->end()), list->end());
  }
  return scope;
}

[[noreturn]] void invalidCredentials() {
  throw HttpError(401, "invalid_credentials", "the account name or the password is wrong", "");
}

}  // namespace

const std::vector<std::string>& allRoles() {
  static const std::vector<std::string> kRoles = {kRoleAdministrator, kRoleAnalyst, kRoleCourtManager, kRoleViewer};
  return kRoles;
}

std::int64_t systemUnixSeconds() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

AccessScope toAccessScope(const surveys::AccountScope& scope) {
  return AccessScope{scope.country(), scope.regions, scope.courts};
}

AccountService::AccountService(surveys::AccountStore& store, surveys::CourtStore* courts, UnixClock now,
                               const MonotonicClock& steady, AccountSettings settings, ThrottleSettings throttle)
    : store_(store), courts_(courts), now_(std::move(now)), settings_(std::move(settings)), throttle_(steady, throttle) {}

void AccountService::checkScope(const std::string& role, const surveys::AccountScope& scope) {
  if (role == kRoleAdministrator && !scope.country()) {
    throw DomainError(ErrorKind::Invalid, "invalid_scope", "an administrator has the whole country: give no regions or courts",
                      "scope");
  }
  if (role == kRoleCourtManager && (scope.courts.empty() || !scope.regions.empty())) {
    throw DomainError(ErrorKind::Invalid, "invalid_scope", "a court manager has their own courts: give courts, no regions",
                      "scope");
  }
  for (const auto& region : scope.regions) {
    const auto& regions = surveys::kazakhstanRegions();
    if (std::none_of(regions.begin(), regions.end(), [&](const surveys::Region& r) { return r.code == region; })) {
      throw DomainError(ErrorKind::Invalid, "invalid_region", "no region " + region + " (see GET /api/v1/regions)", "regions");
    }
  }
  if (courts_ == nullptr) return;
  for (const auto& court : scope.courts) {
    if (!courts_->find(court)) {
      throw DomainError(ErrorKind::Invalid, "unknown_court", "no court " + court + " in the registry", "courts");
    }
  }
}

surveys::Account AccountService::create(const NewAccount& request) {
  static const std::regex kName("[a-z0-9][a-z0-9._-]{1,63}");
  if (!std::regex_match(request.name, kName)) {
    throw DomainError(ErrorKind::Invalid, "invalid_name",
                      "an account name has 2-64 characters of a-z 0-9 . _ - and starts with a letter or digit", "name");
  }
  if (request.name == "admin-token") {
    throw DomainError(ErrorKind::Invalid, "invalid_name", "admin-token names the configured bootstrap token", "name");
  }
  if (!contains(allRoles(), request.role)) {
    throw DomainError(ErrorKind::Invalid, "invalid_role", "role must be administrator, analyst, court_manager or viewer",
                      "role");
  }
  const surveys::AccountScope scope = normalised(request.scope);
  checkScope(request.role, scope);
  checkPasswordRules(request.name, request.password);
  surveys::Account account{request.name, request.role, scope, hashPassword(request.password, settings_.passwordIterations),
                           now_(), false};
  store_.createAccount(account);
  return account;
}

std::vector<surveys::Account> AccountService::list() { return store_.listAccounts(); }

surveys::Account AccountService::existing(const std::string& name) {
  auto account = store_.findAccount(name);
  if (!account) throw DomainError(ErrorKind::NotFound, "account_not_found", "no account named " + name, "name");
  return *account;
}

surveys::Account AccountService::update(const std::string& name, const AccountChange& change) {
  surveys::Account account = existing(name);
  if (change.role) {
    if (!contains(allRoles(), *change.role)) {
      throw DomainError(ErrorKind::Invalid, "invalid_role", "role must be administrator, analyst, court_manager or viewer",
                        "role");
    }
    account.role = *change.role;
  }
  if (change.scope) account.scope = normalised(*change.scope);
  // An administrator promoted from a narrower role gets the country.
  if (change.role && *change.role == kRoleAdministrator && !change.scope) account.scope = {};
  checkScope(account.role, account.scope);
  bool endSessions = false;
  if (change.password) {
    checkPasswordRules(name, *change.password);
    account.passwordHash = hashPassword(*change.password, settings_.passwordIterations);
    endSessions = true;
  }
  if (change.disabled) {
    account.disabled = *change.disabled;
    endSessions = endSessions || account.disabled;
  }
  // A new role or scope applies to live sessions at once: they read the account on every request.
  store_.updateAccount(account);
  if (endSessions) store_.deleteSessionsOf(name, now_());
  return account;
}

std::chrono::seconds AccountService::retryAfter(const std::string& account, const std::string& client) {
  return throttle_.retryAfter(account, client);
}

StartedSession AccountService::login(const std::string& name, const std::string& password, const std::string& client) {
  if (const auto wait = throttle_.retryAfter(name, client); wait.count() > 0) {
    throw DomainError(ErrorKind::TooManyRequests, "too_many_attempts",
                      "too many failed sign-ins: try again in " + std::to_string(wait.count()) + " s", "");
  }
  const auto account = name.size() <= 64 ? store_.findAccount(name) : std::nullopt;
  // The hash is checked even for an unknown name, so that the time taken does not tell which names exist.
  if (!account) {
    std::lock_guard lock(dummyMutex_);
    if (dummyHash_.empty()) dummyHash_ = hashPassword("not a password of anyone", settings_.passwordIterations);
  }
  const bool matches = verifyPassword(password, account ? account->passwordHash : dummyHash_);
  if (!account || !matches || account->disabled) {
    throttle_.recordFailure(name, client);
    invalidCredentials();
  }
  throttle_.recordSuccess(name, client);
  // A fresh random id every time: an id the browser held before is never adopted (fixation).
  const std::int64_t now = now_();
  StartedSession started{randomToken(32), randomToken(32), Principal{name, account->role, "session", toAccessScope(account->scope)}};
  store_.createSession(surveys::SessionRecord{sha256Hex(started.id), name, started.csrfToken, now, now,
                                              now + settings_.sessionAbsolute.count()});
  return started;
}

std::optional<Authenticated> AccountService::fromSession(const std::string& sessionId) {
  if (sessionId.empty() || sessionId.size() > 128) return std::nullopt;
  const std::string idHash = sha256Hex(sessionId);
  const auto session = store_.findSession(idHash);
  if (!session) return std::nullopt;
  const std::int64_t now = now_();
  if (now >= session->expiresAt || now - session->lastSeenAt >= settings_.sessionIdle.count()) {
    store_.deleteSession(idHash);
    return std::nullopt;
  }
  const auto account = store_.findAccount(session->account);
  if (!account || account->disabled) return std::nullopt;
  if (now > session->lastSeenAt) store_.touchSession(idHash, now);
  return Authenticated{Principal{account->name, account->role, "session", toAccessScope(account->scope)},
                       session->csrfToken};
}

void AccountService::logout(const std::string& sessionId) {
  if (!sessionId.empty()) store_.deleteSession(sha256Hex(sessionId));
}

std::optional<Principal> AccountService::fromBearer(const std::string& token) {
  if (!settings_.bootstrapToken.empty() && constantTimeEquals(token, settings_.bootstrapToken)) {
    return Principal{"admin-token", kRoleAdministrator, "admin-token", AccessScope{}};
  }
  if (token.rfind(kTokenPrefix, 0) != 0 || token.size() > 128) return std::nullopt;
  // Looked up by hash: the stored value says nothing of the token, and no byte-wise comparison leaks.
  const auto record = store_.findToken(sha256Hex(token));
  if (!record || record->revoked || now_() >= record->expiresAt) return std::nullopt;
  const auto account = store_.findAccount(record->account);
  if (!account || account->disabled) return std::nullopt;
  // The token's own scope, unless the account has since been narrowed to something else.
  const surveys::AccountScope scope =
      account->scope.country() ? record->scope : (within(record->scope, account->scope) ? record->scope : account->scope);
  return Principal{account->name, account->role, "token", toAccessScope(scope)};
}

bool AccountService::within(const surveys::AccountScope& inner, const surveys::AccountScope& outer) {
  if (outer.country()) return true;
  if (inner.country()) return false;
  for (const auto& region : inner.regions) {
    if (!contains(outer.regions, region)) return false;
  }
  for (const auto& court : inner.courts) {
    if (contains(outer.courts, court)) continue;
    const auto found = courts_ != nullptr ? courts_->find(court) : std::nullopt;
    if (!found || !contains(outer.regions, found->region)) return false;
  }
  return true;
}

CreatedToken AccountService::createToken(const std::string& name, const std::string& label, int days,
                                         const std::optional<surveys::AccountScope>& scope) {
  const surveys::Account account = existing(name);
  if (label.empty() || label.size() > 100) {
    throw DomainError(ErrorKind::Invalid, "invalid_label", "a token needs a label of 1-100 characters (what it is for)", "label");
  }
  if (days < 1 || days > settings_.maxTokenDays) {
    throw DomainError(ErrorKind::Invalid, "invalid_expiry",
                      "expires_in_days must be 1.." + std::to_string(settings_.maxTokenDays), "expires_in_days");
  }
  const surveys::AccountScope tokenScope = normalised(scope.value_or(account.scope));
  checkScope(account.role, tokenScope);
  if (!within(tokenScope, account.scope)) {
    throw DomainError(ErrorKind::Invalid, "scope_too_wide", "a token's scope must lie within the account's scope", "scope");
  }
  CreatedToken created;
  created.token = kTokenPrefix + randomToken(32);
  const std::int64_t now = now_();
  created.record = surveys::ApiTokenRecord{0, sha256Hex(created.token), name, label, tokenScope, now, now + days * kDay, false};
  created.record.id = store_.createToken(created.record);
  return created;
}

std::vector<surveys::ApiTokenRecord> AccountService::listTokens(const std::string& account) {
  existing(account);
  return store_.listTokens(account);
}

void AccountService::revokeToken(const std::string& account, std::int64_t id) {
  existing(account);
  if (!store_.revokeToken(account, id)) {
    throw DomainError(ErrorKind::NotFound, "token_not_found", "account " + account + " has no token " + std::to_string(id), "id");
  }
}

}  // namespace courtvoice::server
