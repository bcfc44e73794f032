// Issue 10, "gaps found by a review of today's tests": every documented error code asserted
// exactly over HTTP, the documented headers (WWW-Authenticate, Allow, Cache-Control), a 500 body,
// the `details` cap, drafts-only surveys unknown to the public, and a 503 with MariaDB stopped
// (then restarted) whose body names no host, socket or MySQL text.
#include <gtest/gtest.h>

#include <Poco/Net/ServerSocket.h>

#include <cstdlib>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kResponsesPath = "/api/v1/surveys/" + kSurveyId + "/responses";
const std::string kAdminBase = "/api/v1/admin/surveys/" + kSurveyId;
const std::string kJson = "application/json";

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

struct CodeCase {
  std::string name;
  std::string method;
  std::string path;
  std::string body;
  int status;
  std::string code;
  std::string field;
};

/// A paper response for the import endpoint; `extra` goes before "answers".
std::string importedResponse(const std::string& submissionId, const std::string& extra = "") {
  return R"({"submission_id": ")" + submissionId +
         R"(", "court": "ALM-01", "channel": "paper", "language": "ru", "date": "2026-01-15", )" + extra +
         R"("answers": {"access_find": 4}})";
}

TEST(ErrorContractE2E, DocumentedCodesAreAnsweredWithTheirStatusAndField) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  // A draft version 2, for the import of a version that is not importable.
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys", kSurveyJson, server.adminHeaders()).status, 201);
  const std::string deep = std::string(40, '[') + std::string(40, ']');
  std::string tooMany = R"({"version": 1, "responses": [)";
  for (int i = 0; i <= 10000; ++i) tooMany += i == 0 ? "{}" : ",{}";
  tooMany += "]}";

  const std::vector<CodeCase> cases = {
      {"nesting deeper than 32", "POST", kResponsesPath,
       responseJson("deep-00000001", R"({"access_find": 3, "comment": )" + deep + "}"), 400, "too_deep", ""},
      {"a day that does not exist", "GET", kAdminBase + "/summary?from=2025-13-01", "", 400, "invalid_date", "from"},
      {"from after to", "GET", kAdminBase + "/summary?from=2025-06-01&to=2025-01-31", "", 400, "invalid_range", "to"},
      {"unknown grouping", "GET", kAdminBase + "/summary?group=planet", "", 400, "invalid_group", "group"},
      {"malformed region code", "POST", "/api/v1/admin/courts",
       R"({"code": "KRG-01", "name": {"kk": "Сот", "ru": "Суд", "en": "Court"}, "region": "Karaganda Region", "level": "district", "active": true})",
       400, "invalid_region", "region"},
      {"response of another version in an import", "POST", kAdminBase + "/responses/import",
       R"({"version": 1, "responses": [)" + importedResponse("imp-mismatch-01", R"("version": 2, )") + "]}", 400,
       "version_mismatch", "responses[0].version"},
      {"import into a draft", "POST", kAdminBase + "/responses/import",
       R"({"version": 2, "responses": [)" + importedResponse("imp-draft-0001") + "]}", 409, "version_not_importable",
       "version"},
      {"more than 10,000 responses in an import", "POST", kAdminBase + "/responses/import", tooMany, 413,
       "too_many_responses", "responses"},
      {"malformed percent-encoding in the path", "GET", "/api/v1/surveys/%zz", "", 400, "bad_request", ""},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto result = http(server.port(), c.method, c.path, c.body, server.adminHeaders(), c.body.empty() ? "" : kJson);
    EXPECT_EQ(result.status, c.status) << result.body;
    ASSERT_NO_THROW(result.errorCode()) << result.body;
    EXPECT_EQ(result.errorCode(), c.code) << result.body;
    EXPECT_EQ(result.errorField(), c.field) << result.body;
  }
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 0);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM courts WHERE code = 'KRG-01'"), 0);
}

TEST(ErrorContractE2E, DocumentedHeadersAreSent) {
  ServerProcess server;
  setUpPublishedSurvey(server);

  const auto noToken = http(server.port(), "GET", kAdminBase + "/summary");
  EXPECT_EQ(noToken.status, 401);
  EXPECT_EQ(noToken.errorCode(), "unauthorized");
  EXPECT_EQ(noToken.header("WWW-Authenticate"), "Bearer");
  const auto wrongToken = http(server.port(), "GET", kAdminBase + "/summary", "", bearer("not-the-token"));
  EXPECT_EQ(wrongToken.status, 403);

  const auto wrongMethod = http(server.port(), "DELETE", kResponsesPath);
  EXPECT_EQ(wrongMethod.status, 405);
  EXPECT_EQ(wrongMethod.errorCode(), "method_not_allowed");
  EXPECT_EQ(wrongMethod.header("Allow"), "POST");
  const auto twoMethods = http(server.port(), "DELETE", kAdminBase + "/versions/1", "", server.adminHeaders());
  EXPECT_EQ(twoMethods.status, 405);
  EXPECT_EQ(twoMethods.header("Allow"), "GET, HEAD, PUT");  // HEAD wherever GET

  // API replies, errors included, are never stored by a cache; pages are revalidated; static
  // files are kept five minutes.
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/courts").header("Cache-Control"), "no-store");
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId).header("Cache-Control"), "no-store");
  EXPECT_EQ(noToken.header("Cache-Control"), "no-store");
  const auto csv = http(server.port(), "GET", kAdminBase + "/export/responses?lang=en", "", server.adminHeaders());
  EXPECT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.header("Cache-Control"), "no-store");
  const auto page = http(server.port(), "GET", "/dashboard");
  EXPECT_EQ(page.status, 200);
  EXPECT_EQ(page.header("Cache-Control"), "no-cache");
  const auto style = http(server.port(), "GET", "/static/base.css");
  EXPECT_EQ(style.status, 200);
  EXPECT_EQ(style.header("Cache-Control"), "public, max-age=300");
  const auto poster = http(server.port(), "GET", "/posters/" + kSurveyId + "/ALM-01");
  EXPECT_EQ(poster.status, 200);
  EXPECT_EQ(poster.header("Cache-Control"), "no-cache");
}

TEST(ErrorContractE2E, AnUnexpectedFailureIs500WithNoInternalsAndTheCauseInTheLog) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys", kSurveyJson, server.adminHeaders()).status, 201);
  // A stored definition that no longer parses (a hand edit of the database): not an input
  // problem the server expects, so 500. Version 2 is a draft: nothing public depends on it.
  server.sql("UPDATE survey_versions SET definition = '{\"id\": ' WHERE survey_id = '" + kSurveyId + "' AND version = 2");

  const auto broken = http(server.port(), "GET", kAdminBase + "/versions/2", "", server.adminHeaders());

  EXPECT_EQ(broken.status, 500);
  EXPECT_EQ(broken.body, R"({"error":{"code":"internal","message":"internal error","field":""}})");
  EXPECT_EQ(broken.header("Cache-Control"), "no-store");
  const std::string log = server.log();
  EXPECT_TRUE(contains(log, "unexpected failure in GET " + kAdminBase + "/versions/2")) << log;
  EXPECT_TRUE(contains(log, "cannot be read")) << log;
  // The server goes on serving.
  EXPECT_EQ(http(server.port(), "GET", kAdminBase + "/versions/1", "", server.adminHeaders()).status, 200);
}

TEST(ErrorContractE2E, DetailsOfAnErrorAreCappedAtAHundred) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  std::string answers = R"({"access_find": 3)";
  // 199 unknown items: with access_find the 200 answers a response may hold (more is too_many).
  for (int i = 0; i < 199; ++i) answers += R"(, "unknown_)" + std::to_string(1000 + i) + R"(": 1)";
  answers += "}";

  const auto refused = http(server.port(), "POST", kResponsesPath, responseJson("many-unknown-01", answers));

  EXPECT_EQ(refused.status, 400);
  EXPECT_EQ(refused.errorCode(), "unknown_item");
  const auto error = refused.object()->getObject("error");
  const auto details = error->getArray("details");
  ASSERT_EQ(details->size(), 100U);
  for (unsigned i = 0; i < details->size(); ++i) {
    EXPECT_EQ(details->getObject(i)->getValue<std::string>("code"), "unknown_item");
  }
  EXPECT_EQ(error->getValue<int>("details_truncated"), 99);
  EXPECT_LT(refused.body.size(), 12000U) << refused.body.size();
}

TEST(ErrorContractE2E, ASurveyWithDraftsOnlyIsUnknownToThePublic) {
  ServerProcess server;
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", kCourtsJson, server.adminHeaders()).status, 200);
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys", kSurveyJson, server.adminHeaders()).status, 201);
  std::string staff = kSurveyJson;
  const auto swap = [&](const std::string& from, const std::string& to) { staff.replace(staff.find(from), from.size(), to); };
  swap(R"("id": "e2e_survey")", R"("id": "e2e_staff")");
  swap(R"("audience": "citizen")", R"("audience": "staff")");
  swap(R"("min_group_size": 5)", R"("min_group_size": 10)");
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys", staff, server.adminHeaders()).status, 201);

  const struct {
    std::string method, path, body;
  } asks[] = {
      {"GET", "/api/v1/surveys/" + kSurveyId, ""},
      {"POST", kResponsesPath, responseJson("draft-only-0001", R"({"access_find": 3})")},
      {"POST", "/api/v1/surveys/e2e_staff/invitation-check", R"({"invitation_code": "K7QM-X2PD-9TRH-WC4N"})"},
      {"GET", "/posters/" + kSurveyId + "/ALM-01", ""},
  };
  for (const auto& ask : asks) {
    SCOPED_TRACE(ask.method + " " + ask.path);
    const auto result = http(server.port(), ask.method, ask.path, ask.body, {}, ask.body.empty() ? "" : kJson);
    EXPECT_EQ(result.status, 404) << result.body;
    EXPECT_TRUE(contains(result.body, R"("code":"survey_not_found")")) << result.body;
    // Exactly what an unknown survey answers: nothing tells the two apart.
    std::string unknownPath = ask.path;
    const std::string id = contains(ask.path, "e2e_staff") ? "e2e_staff" : kSurveyId;
    unknownPath.replace(unknownPath.find(id), id.size(), "no_such_xx");
    const auto unknown = http(server.port(), ask.method, unknownPath, ask.body, {}, ask.body.empty() ? "" : kJson);
    EXPECT_EQ(unknown.status, 404) << unknown.body;
  }
  // Once published and closed, the survey is known: 409, not 404.
  ASSERT_EQ(http(server.port(), "POST", kAdminBase + "/versions/1/publish", "", server.adminHeaders()).status, 200);
  ASSERT_EQ(http(server.port(), "POST", kAdminBase + "/close", "", server.adminHeaders()).status, 200);
  const auto closed = http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId);
  EXPECT_EQ(closed.status, 409);
  EXPECT_EQ(closed.errorCode(), "survey_not_accepting");
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 0);
}

/// A MariaDB of this test's own (scripts/db.sh, own directory and port), so that stopping it
/// disturbs no other test.
class OwnMariaDb {
 public:
  OwnMariaDb() {
    std::string pattern = "/tmp/cv-e2e-db-XXXXXX";  // short: a unix socket path is limited
    if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    dir_ = pattern;
    Poco::Net::ServerSocket probe(0);  // a free port, given back at once
    port_ = probe.address().port();
  }
  ~OwnMariaDb() {
    script("stop " + dir_);
    std::filesystem::remove_all(dir_);
  }
  OwnMariaDb(const OwnMariaDb&) = delete;
  OwnMariaDb& operator=(const OwnMariaDb&) = delete;

  int start() { return script("start " + dir_ + " " + std::to_string(port_)); }
  int stop() { return script("stop " + dir_); }
  std::string socket() const { return dir_ + "/mysqld.sock"; }
  Env environment() const {
    std::string password = readFile(dir_ + "/app-password");
    while (!password.empty() && (password.back() == '\n' || password.back() == '\r')) password.pop_back();
    return {{"COURTVOICE_DB_SOCKET", socket()},        {"COURTVOICE_DB_HOST", "127.0.0.1"},
            {"COURTVOICE_DB_PORT", std::to_string(port_)}, {"COURTVOICE_DB_USER", "courtvoice"},
            {"COURTVOICE_DB_PASSWORD", password},      {"COURTVOICE_DB_NAME", "courtvoice"}};
  }
  int port() const { return port_; }

 private:
  int script(const std::string& arguments) const {
    const std::string command = std::string("bash ") + COURTVOICE_SOURCE_DIR + "/scripts/db.sh " + arguments + " >/dev/null 2>&1";
    return std::system(command.c_str());
  }

  std::string dir_;
  int port_ = 0;
};

TEST(ErrorContractE2E, WithMariaDbStoppedTheAnswerIs503WithoutInternalsAndRecoversAfterRestart) {
  OwnMariaDb database;
  ASSERT_EQ(database.start(), 0);
  ServerProcess::Options options;
  options.extraEnv = database.environment();
  ServerProcess server(options);
  setUpPublishedSurvey(server);
  ASSERT_EQ(http(server.port(), "POST", kResponsesPath, responseJson("before-stop-01", R"({"access_find": 4})")).status,
            201);

  ASSERT_EQ(database.stop(), 0);
  // An admin call is refused before its data could leave unrecorded: the audit cannot be written
  // either, so the answer is audit_unavailable (docs/api.md "Audit"), with no internals.
  const auto down = http(server.port(), "GET", "/api/v1/admin/surveys", "", server.adminHeaders());
  EXPECT_EQ(down.status, 503);
  EXPECT_EQ(down.body,
            R"({"error":{"code":"audit_unavailable","message":"the audit trail cannot be written now, so the )"
            R"(request was not carried out or served; try again later","field":""}})");
  for (const std::string& secret : {database.socket(), std::string("mysqld.sock"), std::string("127.0.0.1"),
                                    std::to_string(database.port()), std::string("MySQL"), std::string("2002")}) {
    EXPECT_FALSE(contains(down.body, secret)) << secret;
  }
  const auto health = http(server.port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 503);
  EXPECT_EQ(health.object()->getValue<std::string>("status"), "unavailable");
  EXPECT_EQ(health.object()->getValue<std::string>("database"), "unavailable");
  const auto submit = http(server.port(), "POST", kResponsesPath, responseJson("while-down-01", R"({"access_find": 4})"));
  EXPECT_EQ(submit.status, 503) << submit.body;
  EXPECT_EQ(submit.header("Retry-After"), "1");
  EXPECT_EQ(submit.body,
            R"({"error":{"code":"database_unavailable","message":"the database is unavailable: try again in a few )"
            R"json(minutes; if it lasts, tell the administrator (the server log has the details)","field":""}})json");
  EXPECT_FALSE(contains(submit.body, database.socket())) << submit.body;
  EXPECT_FALSE(contains(submit.body, "MySQL")) << submit.body;
  // The operator finds where and why in the log.
  EXPECT_TRUE(contains(server.log(), database.socket())) << server.log();

  ASSERT_EQ(database.start(), 0);
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  int status = 0;
  while ((status = http(server.port(), "GET", "/healthz").status) != 200 && std::chrono::steady_clock::now() < deadline) {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));
  }
  EXPECT_EQ(status, 200);
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/admin/surveys", "", server.adminHeaders()).status, 200);
  EXPECT_EQ(http(server.port(), "POST", kResponsesPath, responseJson("while-down-01", R"({"access_find": 4})")).status,
            201);
}

}  // namespace
}  // namespace courtvoice::e2e
