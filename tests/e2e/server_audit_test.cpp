// The audit trail against the real server, MariaDB and courtvoice-admin: reads and changes are
// recorded with account, action, parameters and outcome (403s too), with no answers or secrets;
// GET /api/v1/admin/audit filters and pages; verify-audit finds a row edited, removed or reordered.
#include <gtest/gtest.h>

#include <string>

#include "account_support.hpp"
#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kAnswerText = "ANSWER-TEXT-7731";
const std::string kQuerySecret = "QUERY-SECRET-4417";

class AuditE2E : public ::testing::Test {
 protected:
  HttpResult admin(const std::string& method, const std::string& path, const std::string& body = "") {
    return http(server.port(), method, path, body, server.adminHeaders());
  }

  Poco::JSON::Array::Ptr auditEntries(const std::string& query) {
    const auto reply = admin("GET", "/api/v1/admin/audit" + query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.object()->getArray("entries");
  }

  ServerProcess server;
};

TEST_F(AuditE2E, ReadsAndChangesAreRecordedWithAccountActionAndOutcome) {
  setUpPublishedSurvey(server);  // courts, create, publish: three changes
  // Five responses at one court (a slice the disclosure rules show), one with a comment to look for.
  std::string import = R"({"version": 1, "responses": [)";
  for (int i = 0; i < 5; ++i) {
    import += std::string(i > 0 ? "," : "") + R"({"submission_id": "audit-000)" + std::to_string(i) +
              R"(", "court": "ALM-01", "channel": "paper", "language": "ru", "date": "2025-01-15", "answers": {"access_find": 4)" +
              (i == 0 ? R"(, "comment": ")" + kAnswerText + "\"" : std::string()) + "}}";
  }
  import += "]}";
  ASSERT_EQ(admin("POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import", import).status, 200);
  const auto summary = admin("GET", "/api/v1/admin/surveys/" + kSurveyId + "/summary?court=ALM-01&access_token=" + kQuerySecret);
  ASSERT_EQ(summary.status, 200) << summary.body;
  const auto refused = http(server.port(), "GET", "/api/v1/admin/surveys/" + kSurveyId + "/summary", "",
                            bearer("not-the-token"));
  ASSERT_EQ(refused.status, 403);
  ASSERT_EQ(admin("POST", "/api/v1/admin/surveys/" + kSurveyId + "/close").status, 200);

  const auto all = auditEntries("");
  ASSERT_EQ(all->size(), 7U);  // courts, create, publish, import, summary, 403, close (the listing itself comes after)
  const auto close = all->getObject(0);
  EXPECT_EQ(close->getValue<int>("sequence"), 7);
  EXPECT_EQ(close->getValue<std::string>("action"), "POST /api/v1/admin/surveys/{id}/close");
  EXPECT_EQ(close->getValue<std::string>("account"), "admin-token");
  EXPECT_EQ(close->getValue<std::string>("role"), "administrator");
  EXPECT_EQ(close->getValue<int>("status"), 200);
  const auto forbidden = all->getObject(1);
  EXPECT_EQ(forbidden->getValue<std::string>("action"), "GET /api/v1/admin/surveys/{id}/summary");
  EXPECT_EQ(forbidden->getValue<int>("status"), 403);
  EXPECT_EQ(forbidden->getValue<std::string>("error_code"), "forbidden");
  EXPECT_EQ(forbidden->getValue<std::string>("account"), "");
  const auto read = all->getObject(2);
  EXPECT_EQ(read->getValue<std::string>("action"), "GET /api/v1/admin/surveys/{id}/summary");
  EXPECT_EQ(read->getValue<std::string>("account"), "admin-token");
  EXPECT_EQ(read->getValue<std::string>("scope"), "country");
  EXPECT_EQ(read->getValue<int>("status"), 200);
  EXPECT_EQ(read->getValue<std::string>("error_code"), "");
  const auto parameters = read->getObject("parameters");
  EXPECT_EQ(parameters->getObject("path")->getValue<std::string>("id"), kSurveyId);
  const auto query = parameters->getArray("query");
  ASSERT_EQ(query->size(), 2U);
  EXPECT_EQ(query->getArray(0)->getElement<std::string>(1), "ALM-01");
  EXPECT_EQ(query->getArray(1)->getElement<std::string>(1), "[redacted]");
  EXPECT_EQ(read->getValue<std::string>("at").size(), 19U);  // YYYY-MM-DD HH:MM:SS
  EXPECT_EQ(all->getObject(6)->getValue<std::string>("action"), "POST /api/v1/admin/courts");

  // Nothing of a body (answers) and no secret is stored, in any column.
  const std::string stored = server.sql("SELECT CONCAT_WS('|', account, role, via, action, parameters, scope, error_code)"
                                        " FROM audit_entries");
  EXPECT_EQ(stored.find(kAnswerText), std::string::npos) << stored;
  EXPECT_EQ(stored.find(kQuerySecret), std::string::npos) << stored;
  EXPECT_EQ(stored.find(server.adminToken()), std::string::npos) << stored;

  // Reading the audit is recorded too; filters and pages.
  const auto reads = auditEntries("?account=admin-token&action=summary");
  ASSERT_EQ(reads->size(), 1U);
  EXPECT_EQ(reads->getObject(0)->getValue<int>("sequence"), 5);
  const auto latest = auditEntries("?limit=1");
  EXPECT_EQ(latest->getObject(0)->getValue<std::string>("action"), "GET /api/v1/admin/audit");
  const auto page = admin("GET", "/api/v1/admin/audit?limit=3&after=5");
  ASSERT_EQ(page.status, 200);
  const auto pageEntries = page.object()->getArray("entries");
  ASSERT_EQ(pageEntries->size(), 3U);
  EXPECT_EQ(pageEntries->getObject(0)->getValue<int>("sequence"), 4);
  EXPECT_EQ(page.object()->getValue<int>("next_after"), 2);
  EXPECT_TRUE(auditEntries("?from=2000-01-01&to=2000-01-31")->size() == 0U);
}

TEST_F(AuditE2E, SignInsFailedSignInsAndSignOutsAreRecordedWithoutThePassword) {
  accountToken(server, "audit-analyst", "analyst", {"almaty_city"});
  const std::string wrong = "WRONG-PASSWORD-5521";
  EXPECT_EQ(http(server.port(), "POST", "/api/v1/session", R"({"account": "audit-analyst", "password": ")" + wrong + "\"}")
                .status,
            401);
  const auto signedIn = http(server.port(), "POST", "/api/v1/session",
                             R"({"account": "audit-analyst", "password": "e2e password of analyst"})");
  ASSERT_EQ(signedIn.status, 200) << signedIn.body;
  const std::string cookie = signedIn.header("Set-Cookie").substr(0, signedIn.header("Set-Cookie").find(';'));
  const std::string csrf = signedIn.object()->getValue<std::string>("csrf_token");
  EXPECT_EQ(http(server.port(), "DELETE", "/api/v1/session", "", {{"Cookie", cookie}, {"X-CSRF-Token", csrf}}).status, 200);

  const auto sessions = auditEntries("?action=/api/v1/session");
  ASSERT_EQ(sessions->size(), 3U);
  const auto out = sessions->getObject(0);
  EXPECT_EQ(out->getValue<std::string>("action"), "DELETE /api/v1/session");
  EXPECT_EQ(out->getValue<std::string>("account"), "audit-analyst");
  EXPECT_EQ(out->getValue<int>("status"), 200);
  const auto in = sessions->getObject(1);
  EXPECT_EQ(in->getValue<std::string>("action"), "POST /api/v1/session");
  EXPECT_EQ(in->getValue<std::string>("account"), "audit-analyst");
  EXPECT_EQ(in->getValue<std::string>("role"), "analyst");
  EXPECT_EQ(in->getValue<std::string>("scope"), "regions=almaty_city;courts=");
  EXPECT_EQ(in->getValue<int>("status"), 200);
  const auto failed = sessions->getObject(2);
  EXPECT_EQ(failed->getValue<std::string>("account"), "audit-analyst");  // the name tried
  EXPECT_EQ(failed->getValue<std::string>("role"), "");
  EXPECT_EQ(failed->getValue<int>("status"), 401);
  EXPECT_EQ(failed->getValue<std::string>("error_code"), "invalid_credentials");
  const std::string stored = server.sql("SELECT CONCAT_WS('|', account, action, parameters, scope) FROM audit_entries");
  EXPECT_EQ(stored.find(wrong), std::string::npos) << stored;
  EXPECT_EQ(stored.find("e2e password"), std::string::npos) << stored;
  EXPECT_EQ(stored.find(cookie.substr(cookie.find('=') + 1)), std::string::npos) << stored;
}

TEST_F(AuditE2E, BadFiltersAreRefusedNamingTheField) {
  const auto check = [&](const std::string& query, const std::string& code, const std::string& field) {
    const auto reply = admin("GET", "/api/v1/admin/audit?" + query);
    EXPECT_EQ(reply.status, 400) << query;
    EXPECT_EQ(reply.errorCode(), code) << query;
    EXPECT_EQ(reply.errorField(), field) << query;
  };
  check("from=2026-02-30", "invalid_date", "from");
  check("to=yesterday", "invalid_date", "to");
  check("from=2026-03-01&to=2026-02-01", "invalid_range", "to");
  check("limit=0", "invalid_limit", "limit");
  check("limit=1001", "invalid_limit", "limit");
  check("after=-3", "invalid_after", "after");
  const auto anonymous = http(server.port(), "GET", "/api/v1/admin/audit");
  EXPECT_EQ(anonymous.status, 401);
}

TEST_F(AuditE2E, VerifyAuditFindsARowEditedRemovedOrReordered) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(admin("GET", "/api/v1/admin/surveys").status, 200);
  const Env env = server.schema().environment();
  const auto intact = runAdmin({"verify-audit"}, env);
  EXPECT_EQ(intact.exitCode, 0) << intact.output;
  EXPECT_NE(intact.output.find("5 entries checked, chain OK"), std::string::npos) << intact.output;
  server.sql("CREATE TABLE audit_copy AS SELECT * FROM audit_entries");
  const auto restore = [&] { server.sql("DELETE FROM audit_entries; INSERT INTO audit_entries SELECT * FROM audit_copy"); };

  server.sql("UPDATE audit_entries SET account = 'someone-else' WHERE sequence = 2");
  auto broken = runAdmin({"verify-audit"}, env);
  EXPECT_EQ(broken.exitCode, 65) << broken.output;
  EXPECT_NE(broken.output.find("audit chain broken at entry 2 (edited)"), std::string::npos) << broken.output;
  EXPECT_NE(broken.output.find("1 entries checked before it"), std::string::npos) << broken.output;
  restore();
  ASSERT_EQ(runAdmin({"verify-audit"}, env).exitCode, 0);

  server.sql("DELETE FROM audit_entries WHERE sequence = 3");
  broken = runAdmin({"verify-audit"}, env);
  EXPECT_EQ(broken.exitCode, 65) << broken.output;
  EXPECT_NE(broken.output.find("audit chain broken at entry 3 (removed)"), std::string::npos) << broken.output;
  restore();

  server.sql("UPDATE audit_entries SET sequence = -1 WHERE sequence = 2;"
             " UPDATE audit_entries SET sequence = 2 WHERE sequence = 4;"
             " UPDATE audit_entries SET sequence = 4 WHERE sequence = -1");
  broken = runAdmin({"verify-audit"}, env);
  EXPECT_EQ(broken.exitCode, 65) << broken.output;
  EXPECT_NE(broken.output.find("audit chain broken at entry 2 (reordered)"), std::string::npos) << broken.output;
}

}  // namespace
}  // namespace courtvoice::e2e
