#include "courtvoice/server/account_handlers.hpp"

#include <charconv>
#include <set>

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/NameValueCollection.h>
#include <Poco/Timestamp.h>

#include "courtvoice/server/admin_auth.hpp"
#include "courtvoice/server/forwarded_origin.hpp"
#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/rate_limited_handler.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/server/request_context.hpp"
#include "courtvoice/server/route_permissions.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

[[noreturn]] void unauthorized(Poco::Net::HTTPServerResponse& response, const std::string& message) {
  // The scheme a client should use is named (RFC 6750); pages sign in at /login instead.
  response.set("WWW-Authenticate", "Bearer");
  throw HttpError(401, "unauthorized", message, "");
}

std::optional<std::string> bearerToken(const Poco::Net::HTTPServerRequest& request) {
  static const std::string kScheme = "bearer ";
  if (!request.has("Authorization")) return std::nullopt;
  const std::string value = request.get("Authorization");
  if (value.size() <= kScheme.size()) return std::nullopt;
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>(value[i])) != kScheme[i]) return std::nullopt;
  }
  return value.substr(kScheme.size());
}

bool changesState(const std::string& method) { return method != "GET" && method != "HEAD" && method != "OPTIONS"; }

std::string isoTime(std::int64_t unixSeconds) {
  return Poco::DateTimeFormatter::format(Poco::DateTime(Poco::Timestamp::fromEpochTime(static_cast<std::time_t>(unixSeconds))),
                                         "%Y-%m-%dT%H:%M:%SZ");
}

Poco::JSON::Object::Ptr scopeJson(const surveys::AccountScope& scope) {
  auto object = makeObject();
  object->set("country", scope.country());
  object->set("regions", stringList(scope.regions));
  object->set("courts", stringList(scope.courts));
  return object;
}

Poco::JSON::Object::Ptr accountJson(const surveys::Account& account) {
  auto object = makeObject();
  object->set("name", account.name);
  object->set("role", account.role);
  object->set("scope", scopeJson(account.scope));
  object->set("created_at", isoTime(account.createdAt));
  object->set("disabled", account.disabled);
  return object;
}

Poco::JSON::Object::Ptr tokenJson(const surveys::ApiTokenRecord& token, std::int64_t now) {
  auto object = makeObject();
  object->set("id", token.id);
  object->set("account", token.account);
  object->set("label", token.label);
  object->set("scope", scopeJson(token.scope));
  object->set("created_at", isoTime(token.createdAt));
  object->set("expires_at", isoTime(token.expiresAt));
  object->set("revoked", token.revoked);
  object->set("expired", now >= token.expiresAt);
  return object;
}

// A body of known keys only: an unknown key is a mistake the client should hear about.
Poco::JSON::Object::Ptr bodyObject(Poco::Net::HTTPServerRequest& request, std::size_t limit,
                                   const std::set<std::string>& known) {
  const auto object = parseJsonObject(readJsonBody(request, limit));
  for (const auto& [key, value] : *object) {
    if (!known.contains(key)) throw DomainError(ErrorKind::Invalid, "unknown_field", "unknown field \"" + key + "\"", key);
  }
  return object;
}

std::optional<std::string> stringField(const Poco::JSON::Object::Ptr& object, const std::string& name, bool required) {
  if (!object->has(name)) {
    if (required) throw DomainError(ErrorKind::Invalid, "missing_field", "\"" + name + "\" is required", name);
    return std::nullopt;
  }
  const auto value = object->get(name);
  if (!value.isString()) throw DomainError(ErrorKind::Invalid, "wrong_type", name + " must be a string", name);
  return value.extract<std::string>();
}

std::optional<std::vector<std::string>> listField(const Poco::JSON::Object::Ptr& object, const std::string& name) {
  if (!object->has(name)) return std::nullopt;
  const auto array = object->getArray(name);
  if (!array) throw DomainError(ErrorKind::Invalid, "wrong_type", name + " must be an array of codes", name);
  std::vector<std::string> codes;
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto value = array->get(static_cast<unsigned>(i));
    if (!value.isString()) throw DomainError(ErrorKind::Invalid, "wrong_type", name + " must be an array of codes", name);
    codes.push_back(value.extract<std::string>());
  }
  if (codes.size() > 500) throw DomainError(ErrorKind::Invalid, "too_many_values", name + " takes at most 500 codes", name);
  return codes;
}

// "regions" and/or "courts" given: the scope they make (both missing: none given).
std::optional<surveys::AccountScope> scopeFields(const Poco::JSON::Object::Ptr& object) {
  const auto regions = listField(object, "regions");
  const auto courts = listField(object, "courts");
  if (!regions && !courts) return std::nullopt;
  return surveys::AccountScope{regions.value_or(std::vector<std::string>{}), courts.value_or(std::vector<std::string>{})};
}

std::string cookieHeader(const std::string& value, bool secure, bool clear) {
  return std::string(kSessionCookie) + "=" + value + "; Path=/; HttpOnly; SameSite=Strict" + (secure ? "; Secure" : "") +
         (clear ? "; Max-Age=0" : "");
}

}  // namespace

std::optional<std::string> sessionCookie(const Poco::Net::HTTPServerRequest& request) {
  Poco::Net::NameValueCollection cookies;
  request.getCookies(cookies);
  if (!cookies.has(kSessionCookie)) return std::nullopt;
  return cookies.get(kSessionCookie);
}

void RoleGate::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                      const PathParams& params) {
  Principal principal;
  std::optional<std::string> csrf;
  if (const auto token = bearerToken(request)) {
    auto found = accounts_.fromBearer(*token);
    if (!found) throw HttpError(403, "forbidden", "the token is not valid (unknown, expired or revoked)", "");
    principal = std::move(*found);
  } else if (const auto cookie = sessionCookie(request)) {
    auto session = accounts_.fromSession(*cookie);
    if (!session) unauthorized(response, "the session has ended (signed out or expired): sign in again at /login");
    principal = std::move(session->principal);
    csrf = session->csrfToken;
  } else {
    unauthorized(response, "this call needs a session (sign in at /login) or Authorization: Bearer <token>");
  }
  currentRequest().principal = principal;

  const std::string& route = currentRequest().route;
  const auto permission = routePermission(request.getMethod(), route);
  if (!permission) throw HttpError(403, "forbidden", "no role may call " + request.getMethod() + " " + route, "");
  const std::string& role = principal.role;
  const auto refuse = [&](const std::string& what) {
    throw HttpError(403, "forbidden", "the role " + role + " may not " + what + ": " + whatRoleMayDo(role), "");
  };
  if (std::find(permission->roles.begin(), permission->roles.end(), role) == permission->roles.end()) {
    refuse("call " + request.getMethod() + " " + route);
  }
  if (permission->analystNeedsCountry && role == kRoleAnalyst && !principal.scope.country) {
    refuse("change KPIs without the country scope");
  }
  if (permission->csvIsExport && role != kRoleAdministrator && role != kRoleAnalyst &&
      queryValue(queryParams(request), "format").value_or("") == "csv") {
    refuse("export (format=csv)");
  }
  // A cookie is sent by the browser whoever made the page; the token from /api/v1/admin/me
  // proves the request comes from our own page.
  if (csrf && changesState(request.getMethod())) {
    const std::string sent = request.has(kCsrfHeader) ? request.get(kCsrfHeader) : "";
    if (sent.empty() || !constantTimeEquals(sent, *csrf)) {
      throw HttpError(403, "csrf_failed", "a change made with a session needs the X-CSRF-Token header of GET /api/v1/admin/me",
                      kCsrfHeader);
    }
  }
  inner_->handle(request, response, params);
}

bool SessionHandler::secureCookie(const Poco::Net::HTTPServerRequest& request) const {
  return cookie_.secure || forwardedHttps(request, trustedProxies_);
}

void SessionHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                            const PathParams&) {
  const auto cookie = sessionCookie(request);
  if (action_ == Action::Logout) {
    const auto session = cookie ? accounts_.fromSession(*cookie) : std::nullopt;
    if (!session) unauthorized(response, "no session to end");
    const std::string sent = request.has(kCsrfHeader) ? request.get(kCsrfHeader) : "";
    if (sent.empty() || !constantTimeEquals(sent, session->csrfToken)) {
      throw HttpError(403, "csrf_failed", "signing out needs the X-CSRF-Token header of GET /api/v1/admin/me", kCsrfHeader);
    }
    currentRequest().principal = session->principal;
    accounts_.logout(*cookie);
    response.add("Set-Cookie", cookieHeader("", secureCookie(request), true));
    auto reply = makeObject();
    reply->set("signed_out", true);
    sendJson(response, 200, toJson(reply));
    return;
  }
  const std::string client = toString(rateLimitKey(requestClient(request, trustedProxies_)));
  const auto body = bodyObject(request, maxBodyBytes_, {"account", "password"});
  const std::string account = *stringField(body, "account", true);
  const std::string password = *stringField(body, "password", true);
  // The audit entry of a refused sign-in names the account tried (never the password).
  currentRequest().principal.account = account;
  if (const auto wait = accounts_.retryAfter(account, client); wait.count() > 0) {
    response.set("Retry-After", std::to_string(wait.count()));
    throw DomainError(ErrorKind::TooManyRequests, "too_many_attempts",
                      "too many failed sign-ins: try again in " + std::to_string(wait.count()) + " s", "");
  }
  const StartedSession started = accounts_.login(account, password, client);
  // The session the browser held before (if any) ends: one browser, one session.
  if (cookie) accounts_.logout(*cookie);
  currentRequest().principal = started.principal;
  response.add("Set-Cookie", cookieHeader(started.id, secureCookie(request), false));
  auto reply = makeObject();
  reply->set("account", started.principal.account);
  reply->set("role", started.principal.role);
  reply->set("csrf_token", started.csrfToken);
  reply->set("idle_seconds", static_cast<Poco::Int64>(accounts_.settings().sessionIdle.count()));
  reply->set("absolute_seconds", static_cast<Poco::Int64>(accounts_.settings().sessionAbsolute.count()));
  sendJson(response, 200, toJson(reply));
}

void MeHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response, const PathParams&) {
  const Principal& principal = currentRequest().principal;
  auto reply = makeObject();
  reply->set("account", principal.account);
  reply->set("role", principal.role);
  reply->set("via", principal.via);
  auto scope = makeObject();
  scope->set("country", principal.scope.country);
  scope->set("regions", stringList(principal.scope.regions));
  scope->set("courts", stringList(principal.scope.courts));
  reply->set("scope", scope);
  Poco::Dynamic::Var csrf;
  if (principal.via == "session") {
    if (const auto cookie = sessionCookie(request)) {
      if (const auto session = accounts_.fromSession(*cookie)) csrf = session->csrfToken;
    }
  }
  reply->set("csrf_token", csrf);
  sendJson(response, 200, toJson(reply));
}

void AccountsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                             const PathParams& params) {
  const auto name = [&] { return params.at("name"); };
  switch (action_) {
    case Action::List: {
      auto list = makeArray();
      for (const auto& account : accounts_.list()) list->add(accountJson(account));
      auto reply = makeObject();
      reply->set("accounts", list);
      sendJson(response, 200, toJson(reply));
      return;
    }
    case Action::Create: {
      const auto body = bodyObject(request, maxBodyBytes_, {"name", "role", "password", "regions", "courts"});
      NewAccount account{*stringField(body, "name", true), *stringField(body, "role", true),
                         scopeFields(body).value_or(surveys::AccountScope{}), *stringField(body, "password", true)};
      sendJson(response, 201, toJson(accountJson(accounts_.create(account))));
      return;
    }
    case Action::Get: {
      for (const auto& account : accounts_.list()) {
        if (account.name == name()) {
          sendJson(response, 200, toJson(accountJson(account)));
          return;
        }
      }
      throw DomainError(ErrorKind::NotFound, "account_not_found", "no account named " + name(), "name");
    }
    case Action::Update: {
      const auto body = bodyObject(request, maxBodyBytes_, {"role", "regions", "courts", "disabled", "password"});
      AccountChange change;
      change.role = stringField(body, "role", false);
      change.scope = scopeFields(body);
      change.password = stringField(body, "password", false);
      if (body->has("disabled")) {
        if (!body->get("disabled").isBoolean()) throw DomainError(ErrorKind::Invalid, "wrong_type", "disabled must be true or false", "disabled");
        change.disabled = body->getValue<bool>("disabled");
      }
      sendJson(response, 200, toJson(accountJson(accounts_.update(name(), change))));
      return;
    }
    case Action::ListTokens: {
      auto list = makeArray();
      for (const auto& token : accounts_.listTokens(name())) list->add(tokenJson(token, accounts_.now()));
      auto reply = makeObject();
      reply->set("tokens", list);
      sendJson(response, 200, toJson(reply));
      return;
    }
    case Action::CreateToken: {
      const auto body = bodyObject(request, maxBodyBytes_, {"label", "expires_in_days", "regions", "courts"});
      const std::string label = *stringField(body, "label", true);
      if (!body->has("expires_in_days")) {
        throw DomainError(ErrorKind::Invalid, "missing_field", "\"expires_in_days\" is required", "expires_in_days");
      }
      const auto days = body->get("expires_in_days");
      if (!days.isInteger()) throw DomainError(ErrorKind::Invalid, "wrong_type", "expires_in_days must be a whole number", "expires_in_days");
      const auto created = accounts_.createToken(name(), label, days.convert<int>(), scopeFields(body));
      auto reply = tokenJson(created.record, accounts_.now());
      reply->set("token", created.token);
      sendJson(response, 201, toJson(reply));
      return;
    }
    case Action::RevokeToken: {
      const std::string& text = params.at("id");
      std::int64_t id = 0;
      const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
      if (ec != std::errc() || end != text.data() + text.size()) {
        throw DomainError(ErrorKind::NotFound, "token_not_found", "no token " + text, "id");
      }
      accounts_.revokeToken(name(), id);
      auto reply = makeObject();
      reply->set("id", id);
      reply->set("revoked", true);
      sendJson(response, 200, toJson(reply));
      return;
    }
  }
}

}  // namespace courtvoice::server
