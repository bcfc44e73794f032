// Accounts, sessions, API tokens and the sign-in throttle, on the in-memory store with clocks the
// tests move (docs/api.md, "Accounts and sign-in").
#include <gtest/gtest.h>

#include "courtvoice/server/account_service.hpp"
#include "courtvoice/server/http_error.hpp"
#include "support/domain_error_of.hpp"
#include "support/in_memory_account_store.hpp"
#include "support/in_memory_stores.hpp"

namespace courtvoice::server {
namespace {

using surveys::testing::domainErrorOf;

class ManualSteadyClock final : public MonotonicClock {
 public:
  std::chrono::steady_clock::time_point now() const override { return now_; }
  void advance(std::chrono::seconds by) { now_ += by; }

 private:
  std::chrono::steady_clock::time_point now_{};
};

constexpr std::int64_t kStart = 1767225600;  // 2026-01-01T00:00:00Z
const std::string kPassword = "a long enough password";

class AccountsTest : public ::testing::Test {
 protected:
  AccountsTest() {
    courts.upsert({"ALM-01", {{"kk", "a"}, {"ru", "a"}, {"en", "a"}}, "almaty_city", "district", true});
    courts.upsert({"AST-01", {{"kk", "b"}, {"ru", "b"}, {"en", "b"}}, "astana", "district", true});
    settings.passwordIterations = 1000;  // the production floor is for real passwords, not tests
    settings.sessionIdle = std::chrono::minutes(30);
    settings.sessionAbsolute = std::chrono::hours(8);
    settings.bootstrapToken = "bootstrap-token-0123456789";
  }

  AccountService& service() {
    if (!service_) {
      service_ = std::make_unique<AccountService>(store, &courts, [this] { return now; }, steady, settings);
    }
    return *service_;
  }

  surveys::Account create(const std::string& name, const std::string& role, surveys::AccountScope scope = {}) {
    return service().create({name, role, std::move(scope), kPassword});
  }

  /// The HTTP status and code a call fails with.
  template <typename F>
  std::pair<int, std::string> failure(F&& f) {
    try {
      f();
    } catch (const HttpError& e) {
      return {e.status(), e.code()};
    } catch (const surveys::DomainError& e) {
      return {statusFor(e.kind()), e.code()};
    }
    return {0, ""};
  }

  surveys::testing::InMemoryCourtStore courts;
  surveys::testing::InMemoryAccountStore store;
  ManualSteadyClock steady;
  std::int64_t now = kStart;
  AccountSettings settings;
  std::unique_ptr<AccountService> service_;
};

TEST_F(AccountsTest, CreateChecksNameRoleScopeAndPassword) {
  EXPECT_EQ(domainErrorOf([&] { create("A b", "analyst"); }).field(), "name");
  EXPECT_EQ(domainErrorOf([&] { create("anna", "superuser"); }).field(), "role");
  EXPECT_EQ(domainErrorOf([&] { create("anna", "analyst", {{"atlantis"}, {}}); }).code(), "invalid_region");
  EXPECT_EQ(domainErrorOf([&] { create("anna", "analyst", {{}, {"NOPE-1"}}); }).code(), "unknown_court");
  EXPECT_EQ(domainErrorOf([&] { create("boss", "administrator", {{"astana"}, {}}); }).code(), "invalid_scope");
  EXPECT_EQ(domainErrorOf([&] { create("chair", "court_manager"); }).code(), "invalid_scope") << "own courts needed";
  EXPECT_EQ(domainErrorOf([&] { create("chair", "court_manager", {{"astana"}, {"AST-01"}}); }).field(), "scope");
  EXPECT_EQ(create("chair", "court_manager", {{}, {"AST-01"}}).scope.courts, std::vector<std::string>{"AST-01"});
  EXPECT_EQ(domainErrorOf([&] { service().create({"anna", "analyst", {}, "anna-password-1"}); }).code(), "weak_password");
  const auto anna = create("anna", "analyst", {{"astana", "astana"}, {}});
  EXPECT_EQ(anna.scope.regions, std::vector<std::string>{"astana"});
  EXPECT_NE(anna.passwordHash.find("pbkdf2-sha256$1000$"), std::string::npos);
  EXPECT_EQ(anna.passwordHash.find(kPassword), std::string::npos);
  EXPECT_EQ(domainErrorOf([&] { create("anna", "viewer"); }).code(), "account_exists");
}

TEST_F(AccountsTest, LoginGivesAFreshSessionWithTheAccountsRoleAndScope) {
  create("anna", "analyst", {{"astana"}, {}});
  const auto first = service().login("anna", kPassword, "192.0.2.1");
  const auto second = service().login("anna", kPassword, "192.0.2.1");
  EXPECT_NE(first.id, second.id);  // never the same id twice
  EXPECT_NE(first.csrfToken, second.csrfToken);
  EXPECT_FALSE(store.findSession(first.id)) << "the store keeps only the id's hash";
  const auto found = service().fromSession(first.id);
  ASSERT_TRUE(found);
  EXPECT_EQ(found->principal.account, "anna");
  EXPECT_EQ(found->principal.role, "analyst");
  EXPECT_EQ(found->principal.via, "session");
  EXPECT_FALSE(found->principal.scope.country);
  EXPECT_EQ(found->principal.scope.regions, std::vector<std::string>{"astana"});
  EXPECT_EQ(found->csrfToken, first.csrfToken);
  EXPECT_FALSE(service().fromSession("an id nobody was given"));
}

TEST_F(AccountsTest, WrongPasswordUnknownNameAndDisabledAccountAnswerTheSame) {
  create("anna", "analyst");
  EXPECT_EQ(failure([&] { service().login("anna", "wrong password here", "a"); }), std::make_pair(401, std::string("invalid_credentials")));
  EXPECT_EQ(failure([&] { service().login("nobody", kPassword, "b"); }), std::make_pair(401, std::string("invalid_credentials")));
  service().update("anna", AccountChange{std::nullopt, std::nullopt, true, std::nullopt});
  EXPECT_EQ(failure([&] { service().login("anna", kPassword, "c"); }), std::make_pair(401, std::string("invalid_credentials")));
}

TEST_F(AccountsTest, SessionEndsAfterIdleTime) {
  create("anna", "viewer");
  const auto session = service().login("anna", kPassword, "x");
  now += 29 * 60;
  EXPECT_TRUE(service().fromSession(session.id));  // used: the idle time starts again
  now += 29 * 60;
  EXPECT_TRUE(service().fromSession(session.id));
  now += 30 * 60;
  EXPECT_FALSE(service().fromSession(session.id));
  now -= 30 * 60;  // and it is gone for good, not merely too old
  EXPECT_FALSE(service().fromSession(session.id));
}

TEST_F(AccountsTest, SessionEndsAtItsAbsoluteExpiryEvenWhenUsed) {
  create("anna", "viewer");
  const auto session = service().login("anna", kPassword, "x");
  for (int minutes = 20; minutes < 8 * 60; minutes += 20) {
    now = kStart + minutes * 60;
    ASSERT_TRUE(service().fromSession(session.id)) << minutes;
  }
  now = kStart + 8 * 60 * 60;
  EXPECT_FALSE(service().fromSession(session.id));
}

TEST_F(AccountsTest, LogoutNewPasswordAndDisablingEndSessions) {
  create("anna", "viewer");
  const auto a = service().login("anna", kPassword, "x");
  service().logout(a.id);
  EXPECT_FALSE(service().fromSession(a.id));
  const auto b = service().login("anna", kPassword, "x");
  service().update("anna", AccountChange{std::nullopt, std::nullopt, std::nullopt, std::string("another long password")});
  EXPECT_FALSE(service().fromSession(b.id));
  EXPECT_EQ(failure([&] { service().login("anna", kPassword, "x"); }).first, 401);
  const auto c = service().login("anna", "another long password", "x");
  service().update("anna", AccountChange{std::nullopt, std::nullopt, true, std::nullopt});
  EXPECT_FALSE(service().fromSession(c.id));
}

TEST_F(AccountsTest, ApiTokensWorkUntilExpiredOrRevoked) {
  create("anna", "analyst", {{"almaty_city"}, {}});
  const auto token = service().createToken("anna", "nightly export", 2, std::nullopt);
  EXPECT_EQ(token.token.rfind("cvt_", 0), 0U);
  EXPECT_FALSE(store.findToken(token.token)) << "stored hashed";
  auto principal = service().fromBearer(token.token);
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->account, "anna");
  EXPECT_EQ(principal->via, "token");
  EXPECT_EQ(principal->scope.regions, std::vector<std::string>{"almaty_city"});
  now += 2 * 24 * 60 * 60 - 1;
  EXPECT_TRUE(service().fromBearer(token.token));
  now += 1;
  EXPECT_FALSE(service().fromBearer(token.token)) << "expired";

  const auto other = service().createToken("anna", "dashboard kiosk", 30, std::nullopt);
  EXPECT_TRUE(service().fromBearer(other.token));
  service().revokeToken("anna", other.record.id);
  EXPECT_FALSE(service().fromBearer(other.token)) << "revoked";
  EXPECT_EQ(domainErrorOf([&] { service().revokeToken("anna", 999); }).code(), "token_not_found");
  const auto listed = service().listTokens("anna");
  ASSERT_EQ(listed.size(), 2U);
  EXPECT_TRUE(listed[0].revoked);
  EXPECT_FALSE(service().fromBearer("cvt_not-a-token"));
}

TEST_F(AccountsTest, TokenScopeMayNarrowButNotWiden) {
  create("anna", "analyst", {{"almaty_city"}, {}});
  EXPECT_EQ(domainErrorOf([&] { service().createToken("anna", "x", 5, surveys::AccountScope{{"astana"}, {}}); }).code(),
            "scope_too_wide");
  EXPECT_EQ(domainErrorOf([&] { service().createToken("anna", "x", 5, surveys::AccountScope{}); }).code(), "scope_too_wide");
  const auto narrow = service().createToken("anna", "one court", 5, surveys::AccountScope{{}, {"ALM-01"}});
  EXPECT_EQ(service().fromBearer(narrow.token)->scope.courts, std::vector<std::string>{"ALM-01"});
  EXPECT_EQ(domainErrorOf([&] { service().createToken("anna", "x", 0, std::nullopt); }).field(), "expires_in_days");
  EXPECT_EQ(domainErrorOf([&] { service().createToken("anna", "", 5, std::nullopt); }).field(), "label");
}

TEST_F(AccountsTest, DisabledAccountsTokensStopWorking) {
  create("anna", "analyst");
  const auto token = service().createToken("anna", "x", 5, std::nullopt);
  service().update("anna", AccountChange{std::nullopt, std::nullopt, true, std::nullopt});
  EXPECT_FALSE(service().fromBearer(token.token));
}

TEST_F(AccountsTest, BootstrapTokenIsAnAdministratorOnlyWhenConfigured) {
  const auto principal = service().fromBearer("bootstrap-token-0123456789");
  ASSERT_TRUE(principal);
  EXPECT_EQ(principal->role, "administrator");
  EXPECT_TRUE(principal->scope.country);
  EXPECT_FALSE(service().fromBearer("bootstrap-token-012345678"));
  settings.bootstrapToken.clear();
  service_.reset();
  EXPECT_FALSE(service().fromBearer(""));
  EXPECT_FALSE(service().fromBearer("bootstrap-token-0123456789"));
}

TEST_F(AccountsTest, FailedSignInsSlowDownPerAccountThenRecover) {
  create("anna", "analyst");
  for (int i = 0; i < 3; ++i) EXPECT_EQ(failure([&] { service().login("anna", "wrong password!", "192.0.2.1"); }).first, 401);
  EXPECT_EQ(service().retryAfter("anna", "192.0.2.9").count(), 0) << "three free failures";
  EXPECT_EQ(failure([&] { service().login("anna", "wrong password!", "192.0.2.1"); }).first, 401);
  // Locked for 1 s, for this account from any client, even with the right password.
  EXPECT_EQ(service().retryAfter("anna", "198.51.100.7").count(), 1);
  EXPECT_EQ(failure([&] { service().login("anna", kPassword, "198.51.100.7"); }), std::make_pair(429, std::string("too_many_attempts")));
  steady.advance(std::chrono::seconds(1));
  EXPECT_EQ(failure([&] { service().login("anna", "wrong password!", "192.0.2.1"); }).first, 401);
  EXPECT_EQ(service().retryAfter("anna", "x").count(), 2) << "doubles";
  steady.advance(std::chrono::seconds(2));
  EXPECT_EQ(failure([&] { service().login("anna", "wrong password!", "192.0.2.1"); }).first, 401);
  EXPECT_EQ(service().retryAfter("anna", "x").count(), 4);
  steady.advance(std::chrono::seconds(4));
  EXPECT_NO_THROW(service().login("anna", kPassword, "192.0.2.1"));
  EXPECT_EQ(service().retryAfter("anna", "192.0.2.1").count(), 0) << "a success forgets the failures";
}

TEST_F(AccountsTest, FailedSignInsSlowDownPerClientAcrossAccounts) {
  create("anna", "analyst");
  for (const char* name : {"a1", "a2", "a3", "a4"}) {
    EXPECT_EQ(failure([&] { service().login(name, "wrong password!", "203.0.113.5"); }).first, 401);
  }
  EXPECT_EQ(service().retryAfter("anna", "203.0.113.5").count(), 1) << "this client tried four names";
  EXPECT_EQ(service().retryAfter("anna", "203.0.113.6").count(), 0) << "another client is not slowed";
}

TEST(LoginThrottle, ForgetsClientsAfterTheWindow) {
  ManualSteadyClock clock;
  LoginThrottle throttle(clock, ThrottleSettings{});
  throttle.recordFailure("anna", "192.0.2.1");
  EXPECT_EQ(throttle.entries(), 2U);
  clock.advance(std::chrono::minutes(15));
  EXPECT_EQ(throttle.entries(), 2U);
  clock.advance(std::chrono::seconds(1));
  EXPECT_EQ(throttle.entries(), 0U) << "no client address outlives the window";
}

TEST(LoginThrottle, LockNeverExceedsTheMaximum) {
  ManualSteadyClock clock;
  LoginThrottle throttle(clock, ThrottleSettings{});
  for (int i = 0; i < 40; ++i) throttle.recordFailure("anna", "c");
  EXPECT_EQ(throttle.retryAfter("anna", "other").count(), 15 * 60);
}

}  // namespace
}  // namespace courtvoice::server
