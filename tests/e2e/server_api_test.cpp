// The real courtvoice-server over HTTP with a real MariaDB: what a kiosk, a respondent's browser
// and an administrator see.
#include <gtest/gtest.h>

#include <chrono>
#include <sstream>
#include <thread>

#include <Poco/InflatingStream.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/StreamSocket.h>

#include "account_support.hpp"
#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kResponsesPath = "/api/v1/surveys/" + kSurveyId + "/responses";

long long responseCount(const ServerProcess& server) {
  return server.count("SELECT COUNT(*) FROM responses");
}

TEST(ServerE2E, HealthzAnswersWithDatabaseStatusAndSecurityHeaders) {
  ServerProcess server;
  const auto health = http(server.port(), "GET", "/healthz");

  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.object()->getValue<std::string>("status"), "ok");
  EXPECT_EQ(health.object()->getValue<std::string>("database"), "ok");
  EXPECT_EQ(health.header("X-Content-Type-Options"), "nosniff");
  EXPECT_NE(health.header("Content-Security-Policy").find("default-src 'self'"), std::string::npos);
  EXPECT_EQ(health.header("Referrer-Policy"), "no-referrer");
}

// What operations watch: /readyz says what is not ready, every reply carries X-Request-Id (a
// proxy's own id kept), and the log has one line per request with the route template, never the
// path's values.
TEST(ServerE2E, ReadyzRequestIdsAndOneLogLinePerRequest) {
  ServerProcess server;
  const auto ready = http(server.port(), "GET", "/readyz");
  ASSERT_EQ(ready.status, 200) << ready.body;
  EXPECT_EQ(ready.body, R"({"status":"ready","database":"ok","migrations":"current","results_engine":"ready","responses":0})");
  EXPECT_EQ(ready.header("Cache-Control"), "no-store");

  const auto own = http(server.port(), "GET", "/healthz");
  const std::string ownId = own.header("X-Request-Id");
  EXPECT_EQ(ownId.size(), 16U) << ownId;
  EXPECT_EQ(ownId.find_first_not_of("0123456789abcdef"), std::string::npos) << ownId;
  const auto traced = http(server.port(), "GET", "/api/v1/surveys/no-such-survey-xyz?lang=en", "", {{"X-Request-Id", "proxy-trace-42"}});
  EXPECT_EQ(traced.status, 404);
  EXPECT_EQ(traced.header("X-Request-Id"), "proxy-trace-42");
  const auto forged = http(server.port(), "GET", "/healthz", "", {{"X-Request-Id", "a b"}});
  EXPECT_EQ(forged.header("X-Request-Id").size(), 16U);

  std::string log;
  for (int i = 0; i < 50 && log.find("id=proxy-trace-42") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    log = server.log();
  }
  EXPECT_NE(log.find("GET /api/v1/surveys/{id} 404 "), std::string::npos) << log;
  EXPECT_NE(log.find(" ms id=proxy-trace-42"), std::string::npos) << log;
  EXPECT_NE(log.find("GET /healthz 200 "), std::string::npos);
  EXPECT_NE(log.find("id=" + ownId), std::string::npos);
  EXPECT_EQ(log.find("no-such-survey-xyz"), std::string::npos) << "the path's values stay out of the log";
  EXPECT_EQ(log.find("127.0.0.1 "), std::string::npos) << "no client address";

  // A migration the schema lacks (its record removed, as after restoring an older backup under
  // this binary): not ready, named.
  server.sql("DELETE FROM schema_migrations WHERE version = 8");
  const auto behind = http(server.port(), "GET", "/readyz");
  EXPECT_EQ(behind.status, 503);
  EXPECT_EQ(behind.object()->getValue<std::string>("status"), "not_ready");
  EXPECT_EQ(behind.object()->getValue<std::string>("migrations"), "pending");
  EXPECT_EQ(behind.object()->getArray("pending_migrations")->getElement<std::string>(0), "008_audit.sql");
  EXPECT_EQ(http(server.port(), "GET", "/healthz").status, 200) << "alive all the same";
}

TEST(ServerE2E, JsonLogLinesParseOneByOneWithTheRequestsFields) {
  ServerProcess::Options options;
  options.extraEnv["COURTVOICE_LOG_FORMAT"] = "json";
  ServerProcess server(options);
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/surveys/no-such-survey-xyz", "", {{"X-Request-Id", "json-trace-7"}}).status, 404);
  std::string log;
  for (int i = 0; i < 50 && log.find("json-trace-7") == std::string::npos; ++i) {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    log = server.log();
  }
  // Every line the server wrote is one JSON object (start-up lines included); the request's has
  // its fields.
  std::istringstream lines(log);
  int parsedLines = 0;
  bool found = false;
  for (std::string line; std::getline(lines, line);) {
    if (line.empty()) continue;
    Poco::JSON::Object::Ptr object;
    ASSERT_NO_THROW(object = Poco::JSON::Parser().parse(line).extract<Poco::JSON::Object::Ptr>()) << line;
    ++parsedLines;
    if (object->optValue<std::string>("request_id", "") == "json-trace-7") {
      found = true;
      EXPECT_EQ(object->getValue<std::string>("route"), "/api/v1/surveys/{id}");
      EXPECT_EQ(object->getValue<int>("status"), 404);
      EXPECT_EQ(object->getValue<std::string>("logger"), "courtvoice.access");
    }
  }
  EXPECT_TRUE(found) << log;
  EXPECT_GE(parsedLines, 3) << log;
}

// GET /metrics for an operations team's scraper: the submissions and requests just made are
// counted by route template and outcome; only an administrator may read it, and reading it is
// not audited.
TEST(ServerE2E, MetricsCountWhatHappenedForAdministratorsOnly) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  ASSERT_EQ(http(server.port(), "POST", kResponsesPath, responseJson("metrics-00000001", R"({"access_find": 4})")).status, 201);
  ASSERT_EQ(http(server.port(), "POST", kResponsesPath, responseJson("metrics-00000001", R"({"access_find": 4})")).status, 200);
  ASSERT_EQ(http(server.port(), "POST", kResponsesPath, responseJson("metrics-00000002", R"({"access_find": 9})")).status, 400);

  const auto page = http(server.port(), "GET", "/metrics", "", server.adminHeaders());
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.header("Content-Type"), "text/plain; version=0.0.4; charset=utf-8");
  const std::string& text = page.body;
  EXPECT_NE(text.find("courtvoice_submissions_total{outcome=\"stored\"} 1\n"), std::string::npos) << text;
  EXPECT_NE(text.find("courtvoice_submissions_total{outcome=\"duplicate\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("courtvoice_submissions_total{outcome=\"out_of_range\"} 1\n"), std::string::npos);
  EXPECT_NE(text.find("courtvoice_http_requests_total{route=\"/api/v1/surveys/{id}/responses\",method=\"POST\",status=\"201\"} 1\n"),
            std::string::npos);
  EXPECT_NE(text.find("courtvoice_http_request_duration_seconds_count{route=\"/api/v1/surveys/{id}/responses\",method=\"POST\"} 3\n"),
            std::string::npos);
  // The retry went through the group commit too, which found it stored: two submissions in batches.
  EXPECT_NE(text.find("courtvoice_commit_responses_total 2\n"), std::string::npos) << text;
  EXPECT_NE(text.find("courtvoice_results_engine_lag "), std::string::npos);
  EXPECT_NE(text.find("\nprocess_resident_memory_bytes "), std::string::npos);
  EXPECT_EQ(text.find("metrics-0000000"), std::string::npos) << "no submission ids, answers or paths' values";

  EXPECT_EQ(http(server.port(), "GET", "/metrics").status, 401);
  const Env viewer = bearer(accountToken(server, "metrics-viewer", "viewer"));
  EXPECT_EQ(http(server.port(), "GET", "/metrics", "", viewer).status, 403);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM audit_entries WHERE action LIKE '%/metrics%'"), 0);
}

// HEAD wherever GET: the same status and headers, no body; on an administrative read the same
// role gate and audit as GET.
TEST(ServerE2E, HeadAnswersLikeGetWithoutTheBody) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  const auto get = http(server.port(), "GET", "/api/v1/courts?lang=en");
  const auto head = http(server.port(), "HEAD", "/api/v1/courts?lang=en");
  ASSERT_EQ(get.status, 200);
  EXPECT_EQ(head.status, 200);
  EXPECT_TRUE(head.body.empty()) << head.body;
  EXPECT_EQ(head.header("Content-Length"), std::to_string(get.body.size()));
  EXPECT_EQ(head.header("Content-Type"), get.header("Content-Type"));
  const auto page = http(server.port(), "HEAD", "/dashboard");
  EXPECT_EQ(page.status, 200);
  EXPECT_TRUE(page.body.empty());
  EXPECT_NE(page.header("Content-Type").find("text/html"), std::string::npos);
  EXPECT_EQ(http(server.port(), "HEAD", "/api/v1/admin/surveys").status, 401);
  EXPECT_EQ(http(server.port(), "HEAD", "/api/v1/admin/surveys", "", server.adminHeaders()).status, 200);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM audit_entries WHERE action = 'HEAD /api/v1/admin/surveys'"), 2);
  EXPECT_EQ(http(server.port(), "HEAD", kResponsesPath).status, 405);
}

// A kiosk or a browser that kept a definition, a page or an asset asks again with its ETag and gets
// 304 without a body until the content changes.
TEST(ServerE2E, DefinitionsPagesAndAssetsAnswerIfNoneMatchWith304) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  for (const std::string& path : {"/api/v1/surveys/" + kSurveyId + "?lang=kk", std::string("/dashboard"), std::string("/static/base.css")}) {
    const auto first = http(server.port(), "GET", path);
    ASSERT_EQ(first.status, 200) << path;
    const std::string tag = first.header("ETag");
    ASSERT_EQ(tag.size(), 18U) << path << ": " << tag;  // a quoted 16-digit hash
    const auto again = http(server.port(), "GET", path, "", {{"If-None-Match", "\"other\", " + tag}});
    EXPECT_EQ(again.status, 304) << path;
    EXPECT_TRUE(again.body.empty()) << path;
    EXPECT_EQ(again.header("ETag"), tag) << path;
    EXPECT_EQ(again.header("Cache-Control"), first.header("Cache-Control")) << path;
    EXPECT_EQ(http(server.port(), "GET", path, "", {{"If-None-Match", "\"0000000000000000\""}}).status, 200) << path;
  }
  // Another language is another body, so another tag.
  EXPECT_NE(http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId + "?lang=en").header("ETag"),
            http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId + "?lang=kk").header("ETag"));
}

std::string gunzip(const std::string& bytes) {
  std::istringstream in(bytes);
  Poco::InflatingInputStream gzip(in, Poco::InflatingStreamBuf::STREAM_GZIP);
  std::ostringstream out;
  out << gzip.rdbuf();
  return out.str();
}

// A client that accepts gzip gets larger replies compressed, the same content once inflated;
// small replies, and clients that do not ask, get them as they are.
TEST(ServerE2E, LargerRepliesAreGzippedForClientsThatAcceptIt) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  const Env gzip{{"Accept-Encoding", "gzip, deflate, br"}};
  for (const std::string& path : {std::string("/static/dashboard.js"), "/api/v1/surveys/" + kSurveyId}) {
    const auto plain = http(server.port(), "GET", path);
    ASSERT_EQ(plain.status, 200) << path;
    ASSERT_GE(plain.body.size(), 1024U) << path;
    EXPECT_EQ(plain.header("Content-Encoding"), "") << path;
    const auto packed = http(server.port(), "GET", path, "", gzip);
    ASSERT_EQ(packed.status, 200) << path;
    EXPECT_EQ(packed.header("Content-Encoding"), "gzip") << path;
    EXPECT_EQ(packed.header("Vary"), "Accept-Encoding") << path;
    EXPECT_LT(packed.body.size(), plain.body.size()) << path;
    EXPECT_EQ(gunzip(packed.body), plain.body) << path;
  }
  EXPECT_EQ(http(server.port(), "GET", "/healthz", "", gzip).header("Content-Encoding"), "") << "under 1 KiB: as it is";
  EXPECT_EQ(http(server.port(), "GET", "/static/dashboard.js", "", {{"Accept-Encoding", "gzip;q=0"}}).header("Content-Encoding"), "");
}

TEST(ServerE2E, SurveyIsCreatedPublishedReadInEachLanguageAndClosed) {
  ServerProcess server;
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", kCourtsJson, server.adminHeaders()).status, 200);

  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", kSurveyJson, server.adminHeaders());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.object()->getValue<std::string>("survey_id"), kSurveyId);
  EXPECT_EQ(created.object()->getValue<int>("version"), 1);
  EXPECT_EQ(created.object()->getValue<std::string>("status"), "draft");

  // A draft is not for respondents yet, and a survey with drafts only is not known to the public.
  const auto draft = http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId);
  EXPECT_EQ(draft.status, 404);
  EXPECT_EQ(draft.errorCode(), "survey_not_found");

  const auto published =
      http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/versions/1/publish", "", server.adminHeaders());
  ASSERT_EQ(published.status, 200) << published.body;

  const auto kk = http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId + "?lang=kk");
  ASSERT_EQ(kk.status, 200) << kk.body;
  EXPECT_EQ(kk.object()->getValue<std::string>("title"), "Сот туралы сауалнама");
  EXPECT_EQ(kk.object()->getArray("items")->getObject(0)->getValue<std::string>("text"), "Сотты табу оңай болды.");
  EXPECT_EQ(kk.object()->getValue<int>("version"), 1);
  const auto en = http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId + "?lang=en");
  EXPECT_EQ(en.object()->getValue<std::string>("title"), "Court survey");
  // Without lang every language comes back.
  const auto all = http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId);
  EXPECT_EQ(all.object()->getObject("title")->getValue<std::string>("ru"), "Опрос о суде");

  const auto versions = http(server.port(), "GET", "/api/v1/admin/surveys", "", server.adminHeaders());
  ASSERT_EQ(versions.status, 200);
  const auto list = versions.object()->getArray("surveys");
  ASSERT_EQ(list->size(), 1U);
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("status"), "published");
  const auto full = http(server.port(), "GET", "/api/v1/admin/surveys/" + kSurveyId + "/versions/1", "", server.adminHeaders());
  ASSERT_EQ(full.status, 200);
  EXPECT_EQ(full.object()->getObject("title")->getValue<std::string>("kk"), "Сот туралы сауалнама");

  const auto closed = http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/close", "", server.adminHeaders());
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId).status, 409);
}

TEST(ServerE2E, AnswerIsStoredOnceAndRetryReturnsTheSameId) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  const std::string body =
      responseJson("retry-0000000001", R"({"access_find": 4, "appeared": 1, "fair_listened": 5, "comment": "Рахмет"})");

  const auto first = http(server.port(), "POST", kResponsesPath, body);
  ASSERT_EQ(first.status, 201) << first.body;
  EXPECT_EQ(first.object()->getValue<std::string>("status"), "created");
  const std::string responseId = first.object()->getValue<std::string>("response_id");
  const long long answers = server.count("SELECT COUNT(*) FROM answers");
  EXPECT_EQ(answers, 4);

  const auto retry = http(server.port(), "POST", kResponsesPath, body);
  EXPECT_EQ(retry.status, 200) << retry.body;
  EXPECT_EQ(retry.object()->getValue<std::string>("status"), "duplicate");
  EXPECT_EQ(retry.object()->getValue<std::string>("response_id"), responseId);
  EXPECT_EQ(responseCount(server), 1);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM answers"), answers);

  // The day of receipt is recorded, never a time.
  EXPECT_EQ(server.schema().sql("SELECT DATA_TYPE FROM information_schema.COLUMNS WHERE TABLE_SCHEMA = DATABASE() "
                                "AND TABLE_NAME = 'responses' AND COLUMN_NAME = 'given_on'"),
            "date\n");
}

struct BadRequest {
  std::string name;
  std::string method;
  std::string path;
  std::string body;
  Env headers;
  std::string contentType;
  int status;
  std::string code;
  std::string field;
};

TEST(ServerE2E, EveryBadInputIsRefusedWithItsFieldAndStoresNothing) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  ASSERT_EQ(http(server.port(), "POST", kResponsesPath, responseJson("ok-000000000001", R"({"access_find": 3})")).status, 201);
  const long long before = responseCount(server);
  const long long answersBefore = server.count("SELECT COUNT(*) FROM answers");
  const std::string json = "application/json";

  const std::vector<BadRequest> cases = {
      {"malformed JSON", "POST", kResponsesPath, R"({"submission_id": "bad-0000001", )", {}, json, 400, "malformed_json", ""},
      {"wrong type", "POST", kResponsesPath, responseJson("bad-0000002", R"({"access_find": "four"})"), {}, json, 400,
       "wrong_type", "answers.access_find"},
      {"out of range", "POST", kResponsesPath, responseJson("bad-0000003", R"({"access_find": 6})"), {}, json, 400,
       "out_of_range", "answers.access_find"},
      {"unknown item", "POST", kResponsesPath, responseJson("bad-0000004", R"({"access_find": 3, "nope": 1})"), {}, json,
       400, "unknown_item", "answers.nope"},
      {"required missing", "POST", kResponsesPath, responseJson("bad-0000005", R"({"appeared": 2})"), {}, json, 400,
       "required", "answers.access_find"},
      {"hidden item", "POST", kResponsesPath,
       responseJson("bad-0000006", R"({"access_find": 3, "appeared": 2, "fair_listened": 4})"), {}, json, 400,
       "hidden_item", "answers.fair_listened"},
      {"non-answer not offered", "POST", kResponsesPath,
       responseJson("bad-0000007", R"({"access_find": {"non_answer": "dont_know"}})"), {}, json, 400,
       "non_answer_not_allowed", "answers.access_find"},
      {"unknown court", "POST", kResponsesPath, responseJson("bad-0000008", R"({"access_find": 3})", "NOWHERE-9"), {}, json,
       400, "unknown_court", "court"},
      {"bad submission id", "POST", kResponsesPath, responseJson("short", R"({"access_find": 3})"), {}, json, 400,
       "invalid_format", "submission_id"},
      {"paper through the public API", "POST", kResponsesPath,
       R"({"submission_id": "bad-0000009", "court": "ALM-01", "channel": "paper", "language": "ru", "answers": {"access_find": 3}})",
       {}, json, 400, "not_allowed", "channel"},
      {"respondent sets the day", "POST", kResponsesPath,
       responseJson("bad-0000010", R"({"access_find": 3})", "ALM-01", R"("date": "2024-01-01", )"), {}, json, 400,
       "not_allowed", "date"},
      {"text too long", "POST", kResponsesPath,
       responseJson("bad-0000011", R"({"access_find": 3, "comment": ")" + std::string(201, 'a') + R"("})"), {}, json, 400,
       "too_long", "answers.comment"},
      {"old version", "POST", kResponsesPath, responseJson("bad-0000012", R"({"access_find": 3})", "ALM-01", R"("version": 7, )"),
       {}, json, 409, "version_not_published", "version"},
      {"body too large", "POST", kResponsesPath,
       responseJson("bad-0000013", R"({"access_find": 3, "comment": ")" + std::string(70 * 1024, 'a') + R"("})"), {}, json,
       413, "body_too_large", ""},
      {"not JSON content type", "POST", kResponsesPath, responseJson("bad-0000014", R"({"access_find": 3})"), {},
       "text/plain", 415, "unsupported_media_type", ""},
      {"invalid UTF-8", "POST", kResponsesPath, responseJson("bad-0000015", std::string(R"({"access_find": 3, "comment": ")") + "\xC3\x28" + R"("})"), {},
       json, 400, "invalid_utf8", "answers.comment"},
      {"unknown survey", "POST", "/api/v1/surveys/no_such_survey/responses", responseJson("bad-0000016", R"({"access_find": 3})"),
       {}, json, 404, "survey_not_found", ""},
      {"unknown language", "GET", "/api/v1/surveys/" + kSurveyId + "?lang=de", "", {}, "", 400, "invalid_language", "lang"},
      {"unknown route", "GET", "/api/v1/nothing/here", "", {}, "", 404, "not_found", ""},
      {"wrong method", "DELETE", kResponsesPath, "", {}, "", 405, "method_not_allowed", ""},
      {"admin without token", "POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
       R"({"version": 1, "responses": []})", {}, json, 401, "unauthorized", ""},
      {"admin with wrong token", "POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
       R"({"version": 1, "responses": []})", bearer("not-the-token"), json, 403, "forbidden", ""},
      {"admin summary without token", "GET", "/api/v1/admin/surveys/" + kSurveyId + "/summary", "", {}, "", 401,
       "unauthorized", ""},
      {"publish unknown version", "POST", "/api/v1/admin/surveys/" + kSurveyId + "/versions/9/publish", "",
       server.adminHeaders(), "", 404, "unknown_version", "version"},
      {"publish a published version", "POST", "/api/v1/admin/surveys/" + kSurveyId + "/versions/1/publish", "",
       server.adminHeaders(), "", 409, "not_draft", "version"},
  };

  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    const auto result = http(server.port(), c.method, c.path, c.body, c.headers, c.contentType);
    EXPECT_EQ(result.status, c.status) << result.body;
    ASSERT_NO_THROW(result.errorCode()) << result.body;
    if (!c.code.empty()) {
      EXPECT_EQ(result.errorCode(), c.code) << result.body;
    }
    EXPECT_EQ(result.errorField(), c.field) << result.body;
    EXPECT_EQ(responseCount(server), before);
    EXPECT_EQ(server.count("SELECT COUNT(*) FROM answers"), answersBefore);
  }
  // The connection-level refusals did not disturb the server.
  EXPECT_EQ(http(server.port(), "GET", "/healthz").status, 200);
}

TEST(ServerE2E, ClosedSurveyRefusesResponses) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/close", "", server.adminHeaders()).status,
            200);

  const auto result = http(server.port(), "POST", kResponsesPath, responseJson("late-000000001", R"({"access_find": 3})"));

  EXPECT_EQ(result.status, 409);
  EXPECT_EQ(result.errorCode(), "survey_not_accepting");
  EXPECT_EQ(result.errorField(), "");
  EXPECT_EQ(responseCount(server), 0);
}

TEST(ServerE2E, ValidationErrorListsEveryProblem) {
  ServerProcess server;
  setUpPublishedSurvey(server);

  const auto result = http(server.port(), "POST", kResponsesPath,
                           responseJson("many-00000001", R"({"access_find": 9, "appeared": 2, "fair_listened": 4})"));

  ASSERT_EQ(result.status, 400);
  const auto details = result.object()->getObject("error")->getArray("details");
  std::vector<std::string> fields;
  for (std::size_t i = 0; i < details->size(); ++i) fields.push_back(details->getObject(static_cast<unsigned>(i))->getValue<std::string>("field"));
  EXPECT_NE(std::find(fields.begin(), fields.end(), "answers.access_find"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "answers.fair_listened"), fields.end());
}

std::string importLine(const std::string& id, const std::string& answers, const std::string& court = "ALM-01") {
  return R"({"submission_id": ")" + id + R"(", "court": ")" + court +
         R"(", "channel": "paper", "language": "kk", "date": "2025-01-15", "answers": )" + answers + "}";
}

TEST(ServerE2E, ImportWithOneBadLineStoresNothingThenImportsAll) {
  ServerProcess server;
  const int version = setUpPublishedSurvey(server);
  const std::string path = "/api/v1/admin/surveys/" + kSurveyId + "/responses/import";
  const auto body = [&](const std::string& middle) {
    return R"({"version": )" + std::to_string(version) + R"(, "responses": [)" +
           importLine("paper-0000000001", R"({"access_find": 4})") + "," + middle + "," +
           importLine("paper-0000000003", R"({"access_find": 2, "appeared": 1, "fair_listened": 3})") + "]}";
  };

  const auto bad = http(server.port(), "POST", path, body(importLine("paper-0000000002", R"({"access_find": 0})")),
                        server.adminHeaders());
  EXPECT_EQ(bad.status, 400) << bad.body;
  EXPECT_EQ(bad.errorField(), "responses[1].answers.access_find");
  EXPECT_EQ(bad.errorCode(), "out_of_range");
  EXPECT_EQ(responseCount(server), 0);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM answers"), 0);

  const std::string good = body(importLine("paper-0000000002", R"({"access_find": 5})", "AST-01"));
  const auto imported = http(server.port(), "POST", path, good, server.adminHeaders());
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_EQ(imported.object()->getValue<int>("created"), 3);
  EXPECT_EQ(imported.object()->getValue<int>("duplicates"), 0);
  EXPECT_EQ(responseCount(server), 3);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses WHERE given_on = '2025-01-15' AND channel = 'paper'"), 3);

  const auto again = http(server.port(), "POST", path, good, server.adminHeaders());
  ASSERT_EQ(again.status, 200);
  EXPECT_EQ(again.object()->getValue<int>("created"), 0);
  EXPECT_EQ(again.object()->getValue<int>("duplicates"), 3);
  EXPECT_EQ(responseCount(server), 3);
}

TEST(ServerE2E, SummaryGroupsByCourtAndSuppressesSmallGroups) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  // ALM-01: access_find 5, 4, 4, 3, 5, 2 (six answers); AST-01: two answers, under the minimum 5.
  const std::vector<int> almaty = {5, 4, 4, 3, 5, 2};
  for (std::size_t i = 0; i < almaty.size(); ++i) {
    const auto r = http(server.port(), "POST", kResponsesPath,
                        responseJson("sum-alm-0000" + std::to_string(i), R"({"appeared": 2, "access_find": )" + std::to_string(almaty[i]) + "}"));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  for (int i = 0; i < 2; ++i) {
    const auto r = http(server.port(), "POST", kResponsesPath,
                        responseJson("sum-ast-0000" + std::to_string(i), R"({"access_find": 1})", "AST-01"));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  // KAR-01: five answers. Without a third court the total (8) minus ALM-01 (6) would give AST-01's
  // two away, so complementary suppression would hide ALM-01 too; with it, KAR-01 (the smallest
  // shown court) is hidden instead (docs/analytics.md, "Complementary suppression").
  const auto karaganda = http(server.port(), "POST", "/api/v1/admin/courts",
                              R"({"code": "KAR-01", "name": {"kk": "Қарағанды", "ru": "Караганда", "en": "Karaganda"},
                                  "region": "karaganda", "level": "district", "active": true})",
                              server.adminHeaders());
  ASSERT_EQ(karaganda.status, 200) << karaganda.body;
  for (int i = 0; i < 5; ++i) {
    const auto r = http(server.port(), "POST", kResponsesPath,
                        responseJson("sum-kar-0000" + std::to_string(i), R"({"access_find": 3})", "KAR-01"));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  const std::string base = "/api/v1/admin/surveys/" + kSurveyId + "/summary";

  const auto byCourt = http(server.port(), "GET", base + "?group=court&lang=kk", "", server.adminHeaders());
  ASSERT_EQ(byCourt.status, 200) << byCourt.body;
  const auto summary = byCourt.object();
  EXPECT_EQ(summary->getValue<std::string>("group_by"), "court");
  EXPECT_EQ(summary->getArray("items")->getObject(0)->getValue<std::string>("text"), "Сотты табу оңай болды.");
  const auto groups = summary->getArray("groups");
  ASSERT_EQ(groups->size(), 3U);
  const auto almatyGroup = groups->getObject(0);
  EXPECT_EQ(almatyGroup->getValue<std::string>("key"), "ALM-01");
  EXPECT_EQ(almatyGroup->getValue<std::string>("label"), "Алматы аудандық соты");
  EXPECT_FALSE(almatyGroup->getValue<bool>("suppressed"));
  EXPECT_EQ(almatyGroup->getValue<int>("responses"), 6);
  const auto access = almatyGroup->getArray("items")->getObject(0);
  EXPECT_EQ(access->getValue<std::string>("item_id"), "access_find");
  // By hand: (5+4+4+3+5+2)/6 = 23/6; favourable (4-5) = 4 of 6.
  EXPECT_NEAR(access->getValue<double>("mean"), 23.0 / 6.0, 1e-9);
  EXPECT_NEAR(access->getValue<double>("favourable"), 4.0 / 6.0, 1e-9);
  const auto astanaGroup = groups->getObject(1);
  EXPECT_EQ(astanaGroup->getValue<std::string>("key"), "AST-01");
  EXPECT_TRUE(astanaGroup->getValue<bool>("suppressed"));
  EXPECT_FALSE(astanaGroup->has("responses"));
  EXPECT_FALSE(astanaGroup->has("items"));
  const auto karagandaGroup = groups->getObject(2);
  EXPECT_EQ(karagandaGroup->getValue<std::string>("key"), "KAR-01");
  EXPECT_TRUE(karagandaGroup->getValue<bool>("suppressed"));  // the complement of AST-01
  EXPECT_FALSE(karagandaGroup->has("responses"));
  EXPECT_EQ(summary->getValue<int>("total_responses"), 6);

  // Filtering down to the small court shows nothing about it, not even its size.
  const auto small = http(server.port(), "GET", base + "?court=AST-01", "", server.adminHeaders());
  ASSERT_EQ(small.status, 200);
  EXPECT_TRUE(small.object()->getArray("groups")->getObject(0)->getValue<bool>("suppressed"));
  EXPECT_EQ(small.object()->getValue<int>("total_responses"), 0);

  // All together: thirteen responses, one group.
  const auto all = http(server.port(), "GET", base + "?group=none&from=2000-01-01", "", server.adminHeaders());
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.object()->getValue<int>("total_responses"), 13);

  const auto badGroup = http(server.port(), "GET", base + "?group=week", "", server.adminHeaders());
  EXPECT_EQ(badGroup.status, 400);
  EXPECT_EQ(badGroup.errorField(), "group");
}

TEST(ServerE2E, ASurveyNotReportedByCourtRefusesCourtGroupsAndFilters) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  // The same survey under another id, with report_by_court false.
  std::string json = kSurveyJson;
  json.replace(json.find("\"e2e_survey\""), 12, "\"e2e_private\", \"report_by_court\": false");
  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", json, server.adminHeaders());
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/e2e_private/versions/1/publish", "", server.adminHeaders())
                .status,
            200);
  const std::string base = "/api/v1/admin/surveys/e2e_private/";
  // The survey list says which surveys are never reported by court (the dashboard reads it).
  const auto list = http(server.port(), "GET", "/api/v1/admin/surveys", "", server.adminHeaders()).object()->getArray("surveys");
  std::map<std::string, bool> reportedByCourt;
  for (std::size_t i = 0; i < list->size(); ++i) {
    const auto entry = list->getObject(static_cast<unsigned>(i));
    reportedByCourt[entry->getValue<std::string>("survey_id")] = entry->getValue<bool>("report_by_court");
  }
  EXPECT_EQ(reportedByCourt, (std::map<std::string, bool>{{kSurveyId, true}, {"e2e_private", false}}));

  const auto byCourt = http(server.port(), "GET", base + "summary?group=court", "", server.adminHeaders());
  EXPECT_EQ(byCourt.status, 400) << byCourt.body;
  EXPECT_EQ(byCourt.errorCode(), "not_allowed");
  EXPECT_EQ(byCourt.errorField(), "group");
  const auto filtered = http(server.port(), "GET", base + "summary?court=ALM-01", "", server.adminHeaders());
  EXPECT_EQ(filtered.status, 400) << filtered.body;
  EXPECT_EQ(filtered.errorCode(), "not_allowed");
  EXPECT_EQ(filtered.errorField(), "court");
  const auto trend = http(server.port(), "GET", base + "trend?court=AST-01", "", server.adminHeaders());
  EXPECT_EQ(trend.status, 400) << trend.body;
  EXPECT_EQ(trend.errorField(), "court");

  const auto byLevel = http(server.port(), "GET", base + "summary?group=level&region=astana", "", server.adminHeaders());
  ASSERT_EQ(byLevel.status, 200) << byLevel.body;
  EXPECT_EQ(byLevel.object()->getValue<std::string>("group_by"), "level");
  EXPECT_FALSE(byLevel.object()->getValue<bool>("report_by_court"));
  // The other survey is reported by court as before.
  const auto citizens = http(server.port(), "GET", "/api/v1/admin/surveys/" + kSurveyId + "/summary?group=court&court=ALM-01",
                             "", server.adminHeaders());
  EXPECT_EQ(citizens.status, 200) << citizens.body;
  EXPECT_TRUE(citizens.object()->getValue<bool>("report_by_court"));
}

TEST(ServerE2E, CourtsListShowsActiveCourtsInTheRequestedLanguage) {
  ServerProcess server;
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", kCourtsJson, server.adminHeaders()).status, 200);
  const auto inactive = http(server.port(), "POST", "/api/v1/admin/courts",
                             R"({"code": "OLD-01", "name": {"kk": "Ескі", "ru": "Старый", "en": "Old"}, "region": "astana", "level": "district", "active": false})",
                             server.adminHeaders());
  ASSERT_EQ(inactive.status, 200) << inactive.body;

  const auto courts = http(server.port(), "GET", "/api/v1/courts?lang=kk");
  ASSERT_EQ(courts.status, 200);
  const auto list = courts.array();
  ASSERT_EQ(list->size(), 2U);
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("code"), "ALM-01");
  EXPECT_EQ(list->getObject(0)->getValue<std::string>("name"), "Алматы аудандық соты");
  EXPECT_EQ(list->getObject(1)->getValue<std::string>("region"), "astana");
}

TEST(ServerE2E, ShippedSurveyTemplateIsAcceptedAndAnswerable) {
  ServerProcess server;
  const std::string templates = std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/";
  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", readFile(templates + "court_user.json"),
                            server.adminHeaders());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = created.object()->getValue<std::string>("survey_id");
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/" + id + "/versions/1/publish", "", server.adminHeaders()).status,
            200);
  const auto ru = http(server.port(), "GET", "/api/v1/surveys/" + id + "?lang=ru");
  EXPECT_EQ(ru.status, 200);
  EXPECT_GT(ru.object()->getArray("items")->size(), 10U);
}

TEST(ServerE2E, PagesAreServedAndPathsOutsideTheWebDirectoryAreNot) {
  ServerProcess server;
  const auto index = http(server.port(), "GET", "/");
  EXPECT_EQ(index.status, 200);
  EXPECT_EQ(index.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(index.header("X-Content-Type-Options"), "nosniff");
  const auto survey = http(server.port(), "GET", "/s/court_user");
  EXPECT_EQ(survey.status, 200);
  EXPECT_EQ(survey.header("Content-Type"), "text/html; charset=utf-8");
  EXPECT_EQ(http(server.port(), "GET", "/dashboard").status, 200);

  for (const std::string path : {"/static/..%2F..%2FCMakeLists.txt", "/static/../index.html", "/static/.hidden",
                                 "/static/%2e%2e", "/static/no-such-file.js", "/../CMakeLists.txt", "/static/"}) {
    const auto result = http(server.port(), "GET", path);
    EXPECT_EQ(result.status, 404) << path;
  }
}

TEST(ServerE2E, SigtermLetsTheRequestInProgressFinishThenExitsZero) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  const std::string body = responseJson("sigterm-00000001", R"({"access_find": 4})");
  const std::size_t half = body.size() / 2;

  // Send the headers and half of the body, so the request is in progress on the server.
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(server.port()));
  Poco::Net::HTTPRequest request("POST", kResponsesPath, Poco::Net::HTTPMessage::HTTP_1_1);
  request.setContentType("application/json");
  request.setContentLength(static_cast<std::streamsize>(body.size()));
  std::ostream& out = session.sendRequest(request);
  out << body.substr(0, half) << std::flush;
  const int clientPort = session.socket().address().port();
  // Wait until the server has read everything sent so far, i.e. it is inside the request.
  const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (serverUnreadBytes(server.port(), clientPort).value_or(1) != 0) {
    ASSERT_LT(std::chrono::steady_clock::now(), deadline) << "the server never read the request";
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }

  server.signal(SIGTERM);
  out << body.substr(half) << std::flush;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  std::string reply;
  Poco::StreamCopier::copyToString(in, reply);

  EXPECT_EQ(response.getStatus(), Poco::Net::HTTPResponse::HTTP_CREATED) << reply;
  EXPECT_EQ(server.waitForExit(), 0) << server.log();
  EXPECT_EQ(responseCount(server), 1);
}

}  // namespace
}  // namespace courtvoice::e2e
