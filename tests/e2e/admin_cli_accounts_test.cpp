// courtvoice-admin's account commands against the real server: an account and a token made on
// the command line open the API with that account's role; documented exit codes (64, 65, 66).
#include <gtest/gtest.h>

#include "account_support.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

/// Runs courtvoice-admin with `input` on standard input (the password), through sh.
ProcessResult runAdminWithInput(const std::vector<std::string>& args, const std::string& input, Env env) {
  std::string command = "printf '%s\\n' \"$CV_INPUT\" | \"$CV_ADMIN\"";
  for (std::size_t i = 0; i < args.size(); ++i) {
    env["CV_ARG" + std::to_string(i)] = args[i];
    command += " \"$CV_ARG" + std::to_string(i) + "\"";
  }
  env["CV_INPUT"] = input;
  env["CV_ADMIN"] = COURTVOICE_ADMIN_BIN;
  return runProcess("/bin/sh", {"-c", command}, env);
}

class AdminCliAccounts : public ::testing::Test {
 protected:
  Env env() const {
    Env e = server.environment();
    e["COURTVOICE_PASSWORD_ITERATIONS"] = "100000";  // the floor: fast enough for tests
    return e;
  }
  ServerProcess server;
};

TEST_F(AdminCliAccounts, AccountAndTokenFromTheCliOpenTheApiWithTheirRole) {
  const auto created = runAdminWithInput({"create-account", "analyst-ast", "--role=analyst", "--regions=astana"},
                                         "analyst password 2026", env());
  ASSERT_EQ(created.exitCode, 0) << created.output;
  EXPECT_NE(created.output.find("created account analyst-ast (analyst, regions astana)"), std::string::npos) << created.output;
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM accounts WHERE password_hash LIKE 'pbkdf2-sha256$100000$%'"), 1);

  const auto token = runAdmin({"create-token", "analyst-ast", "--label=nightly", "--expires=30"}, env());
  ASSERT_EQ(token.exitCode, 0) << token.output;
  const auto at = token.output.find("cvt_");
  ASSERT_NE(at, std::string::npos) << token.output;
  const std::string secret = token.output.substr(at, token.output.find('\n', at) - at);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM api_tokens WHERE token_hash LIKE '%" + secret.substr(4, 8) + "%'"), 0)
      << "only the hash is stored";

  const auto me = http(server.port(), "GET", "/api/v1/admin/me", "", bearer(secret));
  ASSERT_EQ(me.status, 200) << me.body;
  EXPECT_NE(me.body.find(R"("account":"analyst-ast","role":"analyst","via":"token")"), std::string::npos) << me.body;
  EXPECT_NE(me.body.find(R"("regions":["astana"])"), std::string::npos) << me.body;
  EXPECT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", "[]", bearer(secret)).status, 403)
      << "an analyst changes no courts";

  // Signing in over HTTP with the password given on standard input.
  const auto login = http(server.port(), "POST", "/api/v1/session",
                          R"({"account": "analyst-ast", "password": "analyst password 2026"})");
  EXPECT_EQ(login.status, 200) << login.body;

  const auto list = runAdmin({"list-tokens", "analyst-ast"}, env());
  EXPECT_NE(list.output.find("active"), std::string::npos) << list.output;
  EXPECT_EQ(list.output.find("cvt_"), std::string::npos);
  const auto revoked = runAdmin({"revoke-token", "analyst-ast", "1"}, env());
  ASSERT_EQ(revoked.exitCode, 0) << revoked.output;
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/admin/me", "", bearer(secret)).status, 403);

  const auto accounts = runAdmin({"list-accounts"}, env());
  EXPECT_NE(accounts.output.find("analyst-ast"), std::string::npos) << accounts.output;
  ASSERT_EQ(runAdmin({"disable-account", "analyst-ast"}, env()).exitCode, 0);
  EXPECT_NE(runAdmin({"list-accounts"}, env()).output.find("disabled"), std::string::npos);
}

TEST_F(AdminCliAccounts, DocumentedExitCodes) {
  EXPECT_EQ(runAdminWithInput({"create-account", "anna"}, "a long password 1", env()).exitCode, 64) << "no --role";
  EXPECT_EQ(runAdminWithInput({"create-account", "anna", "--role=chief"}, "a long password 1", env()).exitCode, 65);
  EXPECT_EQ(runAdminWithInput({"create-account", "anna", "--role=viewer"}, "short", env()).exitCode, 65);
  Env closed = env();
  closed["CV_ADMIN"] = COURTVOICE_ADMIN_BIN;
  EXPECT_EQ(runProcess("/bin/sh", {"-c", "\"$CV_ADMIN\" create-account anna --role=viewer < /dev/null"}, closed).exitCode, 66)
      << "no password on standard input";
  EXPECT_EQ(runAdmin({"revoke-token", "nobody", "1"}, env()).exitCode, 65);
  EXPECT_EQ(runAdmin({"create-token", "nobody", "--label=x"}, env()).exitCode, 64) << "no --expires";
}

}  // namespace
}  // namespace courtvoice::e2e

namespace courtvoice::e2e {
namespace {

TEST_F(AdminCliAccounts, AccountsMadeThroughTheApiGetTheirRoleOnTheRealServer) {
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts",
                 R"({"code": "AST-ESL", "name": {"kk": "Есіл", "ru": "Есиль", "en": "Yesil"}, "region": "astana", "level": "district"})",
                 server.adminHeaders()).status, 200);
  const std::string viewer = accountToken(server, "viewer-ast", "viewer", {"astana"});
  const std::string manager = accountToken(server, "manager-x", "court_manager", {}, {"AST-ESL"});
  ASSERT_FALSE(viewer.empty());
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/admin/surveys", "", bearer(viewer)).status, 200);
  const auto refused = http(server.port(), "GET", "/api/v1/admin/accounts", "", bearer(viewer));
  EXPECT_EQ(refused.status, 403);
  EXPECT_NE(refused.body.find("the role viewer may not call GET /api/v1/admin/accounts"), std::string::npos) << refused.body;
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/admin/surveys/x/comments", "", bearer(manager)).status, 403);
  const auto anonymous = http(server.port(), "GET", "/api/v1/admin/me");
  EXPECT_EQ(anonymous.status, 401);
  EXPECT_EQ(anonymous.headers.count("WWW-Authenticate"), 1U);
}

}  // namespace
}  // namespace courtvoice::e2e
