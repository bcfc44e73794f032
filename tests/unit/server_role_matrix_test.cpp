// The role gate over HTTP, in process: the whole route table of buildRouter on in-memory stores.
// Every role (and no credentials) against every administration route with the status each must
// get; sessions (cookie attributes, fixation, CSRF, logout) and bad tokens.
#include <map>
#include <set>
#include <sstream>

#include <gtest/gtest.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/HTTPServer.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/StreamCopier.h>

#include "courtvoice/server/app_routes.hpp"
#include "courtvoice/server/catalog_cache.hpp"
#include "server_fixtures.hpp"
#include "support/in_memory_account_store.hpp"
#include "support/in_memory_kpi_store.hpp"

namespace courtvoice::server::testing {
namespace {

class NoComments final : public surveys::CommentStore {
 public:
  std::vector<surveys::StoredComment> find(const surveys::CommentQuery&, std::size_t, std::size_t) override { return {}; }
  std::size_t count(const surveys::CommentQuery&) override { return 0; }
};

struct Reply {
  int status = 0;
  std::string body;
  std::multimap<std::string, std::string> headers;
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
  std::string code() const {
    const auto at = body.find("\"code\":\"");
    if (at == std::string::npos) return "";
    return body.substr(at + 8, body.find('"', at + 8) - at - 8);
  }
};

using Headers = std::map<std::string, std::string>;

// What docs/api.md ("Roles") promises, written out independently of route_permissions.cpp.
const std::map<std::string, std::set<std::string>>& expectedRoles() {
  const std::set<std::string> all = {"administrator", "analyst", "court_manager", "viewer"};
  const std::set<std::string> admin = {"administrator"};
  const std::set<std::string> analysts = {"administrator", "analyst"};
  const std::set<std::string> managers = {"administrator", "analyst", "court_manager"};
  const std::string s = "/api/v1/admin/surveys/{id}";
  static const std::map<std::string, std::set<std::string>> kExpected = {
      {"GET /api/v1/admin/me", all},
      {"GET /api/v1/admin/surveys", all},
      {"POST /api/v1/admin/surveys", admin},
      {"GET " + s + "/versions/{v}", admin},
      {"PUT " + s + "/versions/{v}", admin},
      {"GET " + s + "/versions/{v}/diff", admin},
      {"POST " + s + "/versions/{v}/publish", admin},
      {"POST " + s + "/versions/{v}/archive", admin},
      {"POST " + s + "/close", admin},
      {"POST /api/v1/admin/courts", admin},
      {"POST " + s + "/responses/import", admin},
      {"GET " + s + "/summary", all},
      {"GET " + s + "/trend", all},
      {"GET " + s + "/league", managers},
      {"GET " + s + "/reliability", analysts},
      {"GET " + s + "/drivers", analysts},
      {"GET " + s + "/crossed", analysts},
      {"GET " + s + "/export/responses", analysts},
      {"GET " + s + "/codebook", analysts},
      {"GET " + s + "/comments", analysts},
      {"GET /api/v1/admin/results", admin},
      {"POST /api/v1/admin/results/rebuild", admin},
      {"POST " + s + "/invitations", admin},
      {"GET " + s + "/invitations", admin},
      {"POST /api/v1/admin/invitations/slips", admin},
      {"GET /api/v1/admin/kpis/values", all},
      {"GET /api/v1/admin/kpis", analysts},
      {"POST /api/v1/admin/kpis", analysts},
      {"GET /api/v1/admin/kpis/{id}", analysts},
      {"PUT /api/v1/admin/kpis/{id}", analysts},
      {"DELETE /api/v1/admin/kpis/{id}", analysts},
      {"GET /api/v1/admin/kpis/{id}/history", analysts},
      {"GET /api/v1/admin/accounts", admin},
      {"POST /api/v1/admin/accounts", admin},
      {"GET /api/v1/admin/accounts/{name}", admin},
      {"PATCH /api/v1/admin/accounts/{name}", admin},
      {"GET /api/v1/admin/accounts/{name}/tokens", admin},
      {"POST /api/v1/admin/accounts/{name}/tokens", admin},
      {"DELETE /api/v1/admin/accounts/{name}/tokens/{id}", admin},
  };
  return kExpected;
}

std::string concretePath(std::string pattern) {
  for (const auto& [from, to] : std::vector<std::pair<std::string, std::string>>{
           {"{id}", "unit_survey"}, {"{v}", "1"}, {"{name}", "zed"}}) {
    for (auto at = pattern.find(from); at != std::string::npos; at = pattern.find(from)) pattern.replace(at, from.size(), to);
  }
  return pattern;
}

class RoleGateHttp : public ::testing::Test {
 protected:
  void SetUp() override {
    fixture.publishSurvey();
    AccountSettings settings;
    settings.passwordIterations = 1000;
    settings.bootstrapToken = "bootstrap-token-0123456789";
    // A long first lock, so that a slow machine cannot outlast it between two requests.
    ThrottleSettings throttle;
    throttle.firstLock = std::chrono::seconds(60);
    accounts = std::make_unique<AccountService>(accountStore, &fixture.courts, [this] { return now; }, steady, settings, throttle);
    for (const auto& role : allRoles()) {
      const std::string name = role == "court_manager" ? "manager" : role;
      // A court manager has their own courts; the others the country (so no out_of_scope here).
      accounts->create({name, role, role == "court_manager" ? surveys::AccountScope{{}, {"ALM-01"}} : surveys::AccountScope{}, kPassword});
      tokens[role] = accounts->createToken(name, "matrix", 30, std::nullopt).token;
    }
    accounts->create({"regional", "analyst", {{"astana"}, {}}, kPassword});
    regionalToken = accounts->createToken("regional", "matrix", 30, std::nullopt).token;

    catalog = std::make_unique<CatalogCache>(fixture.surveys, fixture.courts, steady, std::chrono::milliseconds(0));
    posters = std::make_unique<PosterService>(*catalog, fixture.surveys, "http://127.0.0.1:8080");
    invitations = std::make_unique<InvitationService>(fixture.surveys, fixture.courts, invitationStore, fixture.clock,
                                                      "http://127.0.0.1:8080");
    league = std::make_unique<LeagueService>(fixture.surveys, fixture.engine, fixture.courts, fixture.clock);
    why = std::make_unique<WhyService>(fixture.surveys, fixture.engine, fixture.courts);
    exports = std::make_unique<ExportService>(fixture.surveys, fixture.responses, fixture.courts);
    kpis = std::make_unique<KpiService>(fixture.surveys, fixture.courts, kpiStore, fixture.engine, fixture.clock);
    comments = std::make_unique<CommentService>(fixture.surveys, fixture.engine, fixture.courts, noComments);
    AppServices services{fixture.submission, fixture.admin, fixture.summary, *posters, [] { return true; }, invitations.get()};
    services.league = league.get();
    services.why = why.get();
    services.exports = exports.get();
    services.kpis = kpis.get();
    services.comments = comments.get();
    services.accounts = accounts.get();
    routeSettings.limits.enabled = false;  // sessionCookie.secure: as the fixture set it
    router = buildRouter(services, routeSettings);
    socket = std::make_unique<Poco::Net::ServerSocket>(Poco::Net::SocketAddress("127.0.0.1", 0));
    server = std::make_unique<Poco::Net::HTTPServer>(router, *socket, new Poco::Net::HTTPServerParams);
    server->start();
  }

  void TearDown() override { server->stopAll(true); }

  Reply call(const std::string& method, const std::string& path, const Headers& headers = {}, const std::string& body = "") {
    Poco::Net::HTTPClientSession session("127.0.0.1", socket->address().port());
    Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
    for (const auto& [name, value] : headers) request.set(name, value);
    const bool withBody = method != "GET" && method != "HEAD";
    if (withBody) {
      request.setContentType("application/json");
      request.setContentLength(static_cast<std::streamsize>(body.size()));
    }
    std::ostream& out = session.sendRequest(request);
    if (withBody) out << body;
    Poco::Net::HTTPResponse response;
    std::istream& in = session.receiveResponse(response);
    Reply reply;
    reply.status = static_cast<int>(response.getStatus());
    Poco::StreamCopier::copyToString(in, reply.body);
    for (const auto& [name, value] : response) reply.headers.emplace(name, value);
    return reply;
  }

  static Headers bearer(const std::string& token) { return {{"Authorization", "Bearer " + token}}; }

  /// Signs in; returns the Set-Cookie header and the CSRF token.
  std::pair<std::string, std::string> signIn(const std::string& account, const Headers& extra = {}) {
    const Reply reply = call("POST", "/api/v1/session", extra, R"({"account": ")" + account + R"(", "password": ")" + kPassword + R"("})");
    EXPECT_EQ(reply.status, 200) << reply.body;
    const auto at = reply.body.find("\"csrf_token\":\"");
    return {reply.header("Set-Cookie"), at == std::string::npos ? "" : reply.body.substr(at + 14, 43)};
  }

  static std::string cookieOf(const std::string& setCookie) { return setCookie.substr(0, setCookie.find(';')); }

  const std::string kPassword = "matrix password 123";
  ServiceFixture fixture;
  surveys::testing::InMemoryAccountStore accountStore;
  surveys::testing::InMemoryInvitationStore invitationStore;
  surveys::testing::InMemoryKpiStore kpiStore;
  NoComments noComments;
  SteadyClock steady;
  std::int64_t now = 1767225600;
  std::unique_ptr<AccountService> accounts;
  std::map<std::string, std::string> tokens;
  std::string regionalToken;
  std::unique_ptr<CatalogCache> catalog;
  std::unique_ptr<PosterService> posters;
  std::unique_ptr<InvitationService> invitations;
  std::unique_ptr<LeagueService> league;
  std::unique_ptr<WhyService> why;
  std::unique_ptr<ExportService> exports;
  std::unique_ptr<KpiService> kpis;
  std::unique_ptr<CommentService> comments;
  RouteSettings routeSettings;
  Poco::SharedPtr<Router> router;
  std::unique_ptr<Poco::Net::ServerSocket> socket;
  std::unique_ptr<Poco::Net::HTTPServer> server;
};

TEST_F(RoleGateHttp, EveryRoleAgainstEveryAdministrationRoute) {
  std::size_t checked = 0;
  for (const auto& [method, pattern] : router->routes()) {
    if (pattern.rfind("/api/v1/admin/", 0) != 0) continue;
    const std::string key = method + " " + pattern;
    const auto expected = expectedRoles().find(key);
    ASSERT_NE(expected, expectedRoles().end()) << key << ": a new administration route needs its roles here and in docs/api.md";
    const std::string path = concretePath(pattern);
    const Reply anonymous = call(method, path, {}, "{}");
    EXPECT_EQ(anonymous.status, 401) << key;
    EXPECT_EQ(anonymous.header("WWW-Authenticate"), "Bearer") << key;
    EXPECT_EQ(anonymous.code(), "unauthorized") << key;
    for (const auto& role : allRoles()) {
      const Reply reply = call(method, path, bearer(tokens[role]), "{}");
      if (expected->second.contains(role)) {
        EXPECT_NE(reply.status, 401) << key << " as " << role << ": " << reply.body;
        EXPECT_NE(reply.status, 403) << key << " as " << role << ": " << reply.body;
      } else {
        EXPECT_EQ(reply.status, 403) << key << " as " << role;
        EXPECT_EQ(reply.code(), "forbidden") << key << " as " << role;
        EXPECT_NE(reply.body.find("the role " + role + " may not"), std::string::npos) << reply.body;
      }
      ++checked;
    }
  }
  EXPECT_EQ(checked, expectedRoles().size() * 4) << "every expected route is in the router";
}

TEST_F(RoleGateHttp, KpiChangesNeedTheCountryScopeAndCsvIsAnExport) {
  EXPECT_EQ(call("POST", "/api/v1/admin/kpis", bearer(regionalToken), "{}").status, 403);
  EXPECT_EQ(call("DELETE", "/api/v1/admin/kpis/x", bearer(regionalToken)).status, 403);
  EXPECT_NE(call("GET", "/api/v1/admin/kpis", bearer(regionalToken)).status, 403);
  const std::string csv = "/api/v1/admin/surveys/unit_survey/summary?format=csv";
  EXPECT_EQ(call("GET", csv, bearer(tokens["viewer"])).status, 403);
  EXPECT_EQ(call("GET", csv, bearer(tokens["court_manager"])).status, 403);
  EXPECT_EQ(call("GET", csv, bearer(tokens["analyst"])).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/admin/surveys/unit_survey/summary", bearer(tokens["viewer"])).status, 200);
}

TEST_F(RoleGateHttp, BadExpiredAndRevokedTokensAreRefused) {
  EXPECT_EQ(call("GET", "/api/v1/admin/me", bearer("cvt_made-up")).status, 403);
  const auto token = accounts->createToken("analyst", "short", 1, std::nullopt);
  EXPECT_EQ(call("GET", "/api/v1/admin/me", bearer(token.token)).status, 200);
  now += 24 * 60 * 60;
  EXPECT_EQ(call("GET", "/api/v1/admin/me", bearer(token.token)).status, 403);
  const auto other = accounts->createToken("analyst", "revoked", 5, std::nullopt);
  EXPECT_EQ(call("DELETE", "/api/v1/admin/accounts/analyst/tokens/" + std::to_string(other.record.id),
                 bearer(tokens["administrator"])).status, 200);
  EXPECT_EQ(call("GET", "/api/v1/admin/me", bearer(other.token)).status, 403);
}

TEST_F(RoleGateHttp, SessionCookieIsHttpOnlyStrictAndMeGivesTheCsrfToken) {
  const auto [setCookie, csrf] = signIn("analyst");
  EXPECT_EQ(setCookie.rfind("courtvoice_session=", 0), 0U) << setCookie;
  EXPECT_NE(setCookie.find("; HttpOnly"), std::string::npos);
  EXPECT_NE(setCookie.find("; SameSite=Strict"), std::string::npos);
  EXPECT_NE(setCookie.find("; Path=/"), std::string::npos);
  EXPECT_EQ(setCookie.find("Secure"), std::string::npos) << "no TLS here: session.secure_cookie is off";
  const Reply me = call("GET", "/api/v1/admin/me", {{"Cookie", cookieOf(setCookie)}});
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_NE(me.body.find("\"account\":\"analyst\",\"role\":\"analyst\",\"via\":\"session\""), std::string::npos) << me.body;
  EXPECT_NE(me.body.find("\"csrf_token\":\"" + csrf + "\""), std::string::npos) << me.body;
  const Reply viaToken = call("GET", "/api/v1/admin/me", bearer(tokens["viewer"]));
  EXPECT_NE(viaToken.body.find("\"via\":\"token\""), std::string::npos);
  EXPECT_NE(viaToken.body.find("\"csrf_token\":null"), std::string::npos) << viaToken.body;
}

class RoleGateHttpSecure : public RoleGateHttp {
 protected:
  RoleGateHttpSecure() { routeSettings.sessionCookie.secure = true; }
};

TEST_F(RoleGateHttpSecure, SecureCookieWhenConfigured) {
  const auto [setCookie, csrf] = signIn("viewer");
  EXPECT_NE(setCookie.find("; Secure"), std::string::npos) << setCookie;
}

TEST_F(RoleGateHttp, AnIdSentBeforeSignInIsNeverAdopted) {
  const std::string planted = "courtvoice_session=planted-by-someone-else-0123456789abcdefghij";
  const auto [setCookie, csrf] = signIn("viewer", {{"Cookie", planted}});
  EXPECT_EQ(setCookie.find("planted"), std::string::npos);
  EXPECT_EQ(call("GET", "/api/v1/admin/me", {{"Cookie", planted}}).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/admin/me", {{"Cookie", cookieOf(setCookie)}}).status, 200);
  // Signing in again from a live session gives a new id and ends the old one.
  const auto [again, csrf2] = signIn("viewer", {{"Cookie", cookieOf(setCookie)}});
  EXPECT_NE(cookieOf(again), cookieOf(setCookie));
  EXPECT_EQ(call("GET", "/api/v1/admin/me", {{"Cookie", cookieOf(setCookie)}}).status, 401);
  EXPECT_EQ(call("GET", "/api/v1/admin/me", {{"Cookie", cookieOf(again)}}).status, 200);
}

TEST_F(RoleGateHttp, ChangesWithASessionNeedTheCsrfToken) {
  const auto [setCookie, csrf] = signIn("administrator");
  const Headers cookie = {{"Cookie", cookieOf(setCookie)}};
  const Reply missing = call("POST", "/api/v1/admin/kpis", cookie, "{}");
  EXPECT_EQ(missing.status, 403);
  EXPECT_EQ(missing.code(), "csrf_failed");
  EXPECT_NE(missing.body.find("\"field\":\"X-CSRF-Token\""), std::string::npos);
  Headers wrong = cookie;
  wrong["X-CSRF-Token"] = "not-the-token";
  EXPECT_EQ(call("POST", "/api/v1/admin/kpis", wrong, "{}").code(), "csrf_failed");
  Headers right = cookie;
  right["X-CSRF-Token"] = csrf;
  const Reply passed = call("POST", "/api/v1/admin/kpis", right, "{}");
  EXPECT_EQ(passed.status, 400) << "past the gate, the empty body is refused: " << passed.body;
  EXPECT_EQ(call("GET", "/api/v1/admin/kpis", cookie).status, 200) << "reads need no CSRF token";
  EXPECT_EQ(call("POST", "/api/v1/admin/kpis", bearer(tokens["administrator"]), "{}").status, 400)
      << "bearer requests need none";
}

TEST_F(RoleGateHttp, LogoutNeedsTheCsrfTokenAndEndsTheSession) {
  const auto [setCookie, csrf] = signIn("analyst");
  const Headers cookie = {{"Cookie", cookieOf(setCookie)}};
  EXPECT_EQ(call("DELETE", "/api/v1/session", cookie).code(), "csrf_failed");
  Headers right = cookie;
  right["X-CSRF-Token"] = csrf;
  const Reply out = call("DELETE", "/api/v1/session", right);
  EXPECT_EQ(out.status, 200);
  EXPECT_NE(out.header("Set-Cookie").find("Max-Age=0"), std::string::npos);
  const Reply after = call("GET", "/api/v1/admin/me", cookie);
  EXPECT_EQ(after.status, 401);
  EXPECT_EQ(after.header("WWW-Authenticate"), "Bearer");
}

TEST_F(RoleGateHttp, WrongPasswordsAreSlowedDownWithRetryAfter) {
  const std::string wrong = R"({"account": "analyst", "password": "not the password"})";
  for (int i = 0; i < 3; ++i) EXPECT_EQ(call("POST", "/api/v1/session", {}, wrong).code(), "invalid_credentials");
  EXPECT_EQ(call("POST", "/api/v1/session", {}, wrong).status, 401);
  const Reply slowed = call("POST", "/api/v1/session", {}, R"({"account": "analyst", "password": ")" + kPassword + R"("})");
  EXPECT_EQ(slowed.status, 429);
  EXPECT_EQ(slowed.code(), "too_many_attempts");
  const int retryAfter = std::stoi(slowed.header("Retry-After"));
  EXPECT_GT(retryAfter, 50);
  EXPECT_LE(retryAfter, 60);
}

TEST_F(RoleGateHttp, SignInBodyIsChecked) {
  EXPECT_EQ(call("POST", "/api/v1/session", {}, R"({"account": "analyst"})").code(), "missing_field");
  EXPECT_EQ(call("POST", "/api/v1/session", {}, R"({"account": 5, "password": "x"})").code(), "wrong_type");
  EXPECT_EQ(call("POST", "/api/v1/session", {}, R"({"account": "a", "password": "x", "remember": true})").code(),
            "unknown_field");
}

TEST_F(RoleGateHttp, AdministratorsManageAccountsAndTokensOverHttp) {
  const Headers admin = bearer(tokens["administrator"]);
  const Reply created = call("POST", "/api/v1/admin/accounts", admin,
                             R"({"name": "chair-ast", "role": "court_manager", "courts": ["AST-01"], "password": "chair password 2026"})");
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_NE(created.body.find(R"("scope":{"country":false,"regions":[],"courts":["AST-01"]})"), std::string::npos) << created.body;
  EXPECT_EQ(created.body.find("password"), std::string::npos);
  const Reply token = call("POST", "/api/v1/admin/accounts/chair-ast/tokens", admin, R"({"label": "report", "expires_in_days": 7})");
  ASSERT_EQ(token.status, 201) << token.body;
  EXPECT_NE(token.body.find("\"token\":\"cvt_"), std::string::npos);
  const Reply listed = call("GET", "/api/v1/admin/accounts/chair-ast/tokens", admin);
  EXPECT_EQ(listed.status, 200);
  EXPECT_EQ(listed.body.find("cvt_"), std::string::npos) << "never the secret again";
  const Reply disabled = call("PATCH", "/api/v1/admin/accounts/chair-ast", admin, R"({"disabled": true})");
  EXPECT_NE(disabled.body.find("\"disabled\":true"), std::string::npos) << disabled.body;
  EXPECT_EQ(call("POST", "/api/v1/session", {}, R"({"account": "chair-ast", "password": "chair password 2026"})").status, 401);
  EXPECT_EQ(call("PATCH", "/api/v1/admin/accounts/nobody", admin, R"({"disabled": true})").code(), "account_not_found");
}

}  // namespace
}  // namespace courtvoice::server::testing
