// Abuse limits over HTTP on the real server: the rate limit on public POSTs (429 with
// Retry-After, stored data untouched), the kiosk exemptions, a trusted proxy's X-Forwarded-For,
// limits turned off; and empty responses refused.
#include <gtest/gtest.h>

#include <Poco/Net/HTTPClientSession.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kResponsesPath = "/api/v1/surveys/" + kSurveyId + "/responses";
const std::string kKioskToken = "kiosk-e2e-token-0123456789";

ServerProcess::Options limited(Env env = {}) {
  ServerProcess::Options options;
  options.rateLimits = true;
  options.extraEnv = std::move(env);
  return options;
}

HttpResult submit(const ServerProcess& server, const std::string& submissionId, const Env& headers = {}) {
  return http(server.port(), "POST", kResponsesPath, responseJson(submissionId, R"({"access_find": 4})"), headers);
}

std::string submissionId(const std::string& prefix, int i) { return prefix + "-" + std::to_string(100000 + i); }

TEST(LimitsE2E, TheEleventhQuickSubmissionGets429WithRetryAfterAndStoresNothing) {
  ServerProcess server(limited());  // the defaults: burst 10, then 10 per minute
  setUpPublishedSurvey(server);
  for (int i = 0; i < 10; ++i) ASSERT_EQ(submit(server, submissionId("quick", i)).status, 201) << "submission " << i + 1;
  const std::string stored = server.sql("SELECT submission_id, court_code, given_on FROM responses ORDER BY submission_id");
  const std::string answers = server.sql("SELECT item_id, code FROM answers ORDER BY response_seq, item_id");

  const auto refused = submit(server, submissionId("quick", 10));

  EXPECT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.errorCode(), "rate_limited");
  EXPECT_EQ(refused.errorField(), "");
  EXPECT_NE(refused.object()->getObject("error")->getValue<std::string>("message").find("try again in"), std::string::npos);
  // A token every 6 s: the wait is whole seconds, at most 6.
  const int retryAfter = std::stoi(refused.header("Retry-After"));
  EXPECT_GE(retryAfter, 1);
  EXPECT_LE(retryAfter, 6);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 10);
  EXPECT_EQ(server.sql("SELECT submission_id, court_code, given_on FROM responses ORDER BY submission_id"), stored);
  EXPECT_EQ(server.sql("SELECT item_id, code FROM answers ORDER BY response_seq, item_id"), answers);

  // Refused before the body is read: the same answer for a body that is malformed or too large.
  const auto malformed = http(server.port(), "POST", kResponsesPath, "{\"submission_id\": ");
  EXPECT_EQ(malformed.status, 429) << malformed.body;
  const auto large = http(server.port(), "POST", kResponsesPath,
                          responseJson("large-0000001", R"({"access_find": 3, "comment": ")" + std::string(70 * 1024, 'a') + "\"}"));
  EXPECT_EQ(large.status, 429) << large.body;
  // Reading is not limited.
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId).status, 200);
  EXPECT_EQ(http(server.port(), "GET", "/healthz").status, 200);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 10);
}

TEST(LimitsE2E, AfterRetryAfterTheClientMaySubmitAgain) {
  // 60 per minute: a token a second, so the test waits about one second.
  ServerProcess server(limited({{"COURTVOICE_LIMITS_BURST", "2"}, {"COURTVOICE_LIMITS_PER_MINUTE", "60"}}));
  setUpPublishedSurvey(server);
  ASSERT_EQ(submit(server, submissionId("again", 0)).status, 201);
  ASSERT_EQ(submit(server, submissionId("again", 1)).status, 201);
  const auto refused = submit(server, submissionId("again", 2));
  ASSERT_EQ(refused.status, 429) << refused.body;
  EXPECT_EQ(refused.header("Retry-After"), "1");
  std::this_thread::sleep_for(std::chrono::milliseconds(1100));
  EXPECT_EQ(submit(server, submissionId("again", 2)).status, 201);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 3);
}

TEST(LimitsE2E, AKioskSendingTheKioskTokenIsNotLimited) {
  ServerProcess server(limited({{"COURTVOICE_KIOSK_TOKEN", kKioskToken}}));
  setUpPublishedSurvey(server);
  for (int i = 0; i < 25; ++i) {
    ASSERT_EQ(submit(server, submissionId("kiosk", i), {{"X-Kiosk-Token", kKioskToken}}).status, 201) << "submission " << i + 1;
  }
  // The kiosk's requests took nothing from the address's bucket; a wrong token is just a client.
  for (int i = 0; i < 10; ++i) {
    ASSERT_EQ(submit(server, submissionId("other", i), {{"X-Kiosk-Token", "not-the-kiosk-token-at-all"}}).status, 201);
  }
  EXPECT_EQ(submit(server, submissionId("other", 10), {{"X-Kiosk-Token", "not-the-kiosk-token-at-all"}}).status, 429);
  EXPECT_EQ(submit(server, submissionId("other", 11)).status, 429);
  EXPECT_EQ(submit(server, submissionId("kiosk", 25), {{"X-Kiosk-Token", kKioskToken}}).status, 201);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 36);
}

TEST(LimitsE2E, AKioskNetworkIsNotLimited) {
  ServerProcess server(limited({{"COURTVOICE_LIMITS_KIOSK_NETWORKS", "10.0.0.0/8, 127.0.0.0/8"}}));
  setUpPublishedSurvey(server);
  for (int i = 0; i < 25; ++i) ASSERT_EQ(submit(server, submissionId("net", i)).status, 201) << "submission " << i + 1;
}

TEST(LimitsE2E, LimitsTurnedOffLimitNothing) {
  ServerProcess server(limited({{"COURTVOICE_LIMITS_ENABLED", "false"}}));
  setUpPublishedSurvey(server);
  for (int i = 0; i < 25; ++i) ASSERT_EQ(submit(server, submissionId("off", i)).status, 201) << "submission " << i + 1;
  EXPECT_NE(server.log().find("rate limits are off"), std::string::npos) << server.log();
}

TEST(LimitsE2E, BehindATrustedProxyEachForwardedClientIsCountedApart) {
  ServerProcess server(limited({{"COURTVOICE_LIMITS_BURST", "2"}, {"COURTVOICE_TRUSTED_PROXIES", "127.0.0.1"}}));
  setUpPublishedSurvey(server);
  const Env first = {{"X-Forwarded-For", "198.51.100.1, 203.0.113.1"}};
  const Env second = {{"X-Forwarded-For", "198.51.100.1, 203.0.113.2"}};
  EXPECT_EQ(submit(server, submissionId("p1", 0), first).status, 201);
  EXPECT_EQ(submit(server, submissionId("p1", 1), first).status, 201);
  EXPECT_EQ(submit(server, submissionId("p1", 2), first).status, 429);
  EXPECT_EQ(submit(server, submissionId("p2", 0), second).status, 201);
  EXPECT_EQ(submit(server, submissionId("p2", 1), second).status, 201);
  EXPECT_EQ(submit(server, submissionId("p2", 2), second).status, 429);
  // Only the last hop counts: what a client writes before it does not give it a new bucket.
  EXPECT_EQ(submit(server, submissionId("p1", 3), {{"X-Forwarded-For", "192.0.2.99, 203.0.113.1"}}).status, 429);
}

TEST(LimitsE2E, WithoutATrustedProxyXForwardedForIsIgnored) {
  ServerProcess server(limited({{"COURTVOICE_LIMITS_BURST", "2"}}));
  setUpPublishedSurvey(server);
  EXPECT_EQ(submit(server, submissionId("spoof", 0), {{"X-Forwarded-For", "203.0.113.1"}}).status, 201);
  EXPECT_EQ(submit(server, submissionId("spoof", 1), {{"X-Forwarded-For", "203.0.113.2"}}).status, 201);
  EXPECT_EQ(submit(server, submissionId("spoof", 2), {{"X-Forwarded-For", "203.0.113.3"}}).status, 429);
}

TEST(LimitsE2E, BadLimitSettingsStopTheServerAtStartNamingTheSetting) {
  // The settings are read before anything else: no database is needed to see the refusal.
  const auto result = runProcess(COURTVOICE_SERVER_BIN, {},
                                 {{"COURTVOICE_PORT", "0"}, {"COURTVOICE_LIMITS_KIOSK_NETWORKS", "10.0.0.0/33"}});
  EXPECT_NE(result.exitCode, 0) << result.output;
  EXPECT_NE(result.output.find("COURTVOICE_LIMITS_KIOSK_NETWORKS: \"10.0.0.0/33\""), std::string::npos) << result.output;
  EXPECT_EQ(result.output.find("listening"), std::string::npos) << result.output;
}

// --- Body limits and malformed JSON (unchanged by the rate limits) -------------------------------

// A POST whose body is sent chunked, with no Content-Length: the server can only count bytes.
HttpResult postChunked(int port, const std::string& path, const std::string& body, const Env& headers = {}) {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest request("POST", path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  request.setContentType("application/json");
  request.setChunkedTransferEncoding(true);
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  Poco::StreamCopier::copyToString(in, result.body);
  return result;
}

TEST(BodyLimitsE2E, OversizedAndMalformedBodiesAreRefusedNamingNoFieldWithLimitsOn) {
  ServerProcess server(limited({{"COURTVOICE_MAX_IMPORT_BYTES", "2048"}, {"COURTVOICE_KIOSK_TOKEN", kKioskToken}}));
  setUpPublishedSurvey(server);
  const Env kiosk = {{"X-Kiosk-Token", kKioskToken}};  // many requests: not what is tested here
  const std::string tooLarge = responseJson("large-0000001", R"({"access_find": 3, "comment": ")" + std::string(70 * 1024, 'a') + "\"}");

  const auto declared = http(server.port(), "POST", kResponsesPath, tooLarge, kiosk);
  EXPECT_EQ(declared.status, 413) << declared.body;
  EXPECT_EQ(declared.errorCode(), "body_too_large");
  EXPECT_EQ(declared.errorField(), "");
  const auto chunked = postChunked(server.port(), kResponsesPath, tooLarge, kiosk);
  EXPECT_EQ(chunked.status, 413) << chunked.body;
  EXPECT_EQ(chunked.errorCode(), "body_too_large");
  const auto malformed = http(server.port(), "POST", kResponsesPath, R"({"submission_id": "bad-0000001", )", kiosk);
  EXPECT_EQ(malformed.status, 400) << malformed.body;
  EXPECT_EQ(malformed.errorCode(), "malformed_json");
  EXPECT_EQ(malformed.errorField(), "");
  // A small body sent chunked is read whole and stored.
  EXPECT_EQ(postChunked(server.port(), kResponsesPath, responseJson("chunked-000001", R"({"access_find": 5})"), kiosk).status, 201);

  // Admin bodies have their own limit (here 2 KiB), and the same answers.
  const std::string importPath = "/api/v1/admin/surveys/" + kSurveyId + "/responses/import";
  const auto bigImport = http(server.port(), "POST", importPath, std::string(3000, ' ') + "{}", server.adminHeaders());
  EXPECT_EQ(bigImport.status, 413) << bigImport.body;
  EXPECT_EQ(bigImport.errorCode(), "body_too_large");
  const auto badImport = http(server.port(), "POST", importPath, R"({"version": 1, "responses": [)", server.adminHeaders());
  EXPECT_EQ(badImport.status, 400) << badImport.body;
  EXPECT_EQ(badImport.errorCode(), "malformed_json");
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 1);
  EXPECT_EQ(http(server.port(), "GET", "/healthz").status, 200);
}

// --- Empty responses --------------------------------------------------------------------------------

TEST(EmptyResponseE2E, AResponseThatAnswersNothingIsRefusedAndNotCounted) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  ASSERT_EQ(submit(server, "counted-000001").status, 201);
  // access_find is required but allows "not applicable": a response of non-answers only.
  const auto onlyNonAnswers = http(server.port(), "POST", kResponsesPath,
                                   responseJson("empty-0000001", R"({"access_find": {"non_answer": "not_applicable"}, "comment": "  "})"));
  EXPECT_EQ(onlyNonAnswers.status, 400) << onlyNonAnswers.body;
  EXPECT_EQ(onlyNonAnswers.errorCode(), "empty_response");
  EXPECT_EQ(onlyNonAnswers.errorField(), "answers");
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 1);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses WHERE submission_id = 'empty-0000001'"), 0);

  // The admin import follows the same rule and names the response.
  const std::string import = R"({"version": 1, "responses": [)"
                             R"({"submission_id": "paper-0000001", "court": "ALM-01", "channel": "paper", "language": "kk",)"
                             R"( "date": "2025-01-15", "answers": {"access_find": 5}},)"
                             R"({"submission_id": "paper-0000002", "court": "ALM-01", "channel": "paper", "language": "kk",)"
                             R"( "date": "2025-01-15", "answers": {"access_find": {"non_answer": "not_applicable"}}}]})";
  const auto imported = http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import", import,
                             server.adminHeaders());
  EXPECT_EQ(imported.status, 400) << imported.body;
  EXPECT_EQ(imported.errorCode(), "empty_response");
  EXPECT_EQ(imported.errorField(), "responses[1].answers");
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 1);
}

}  // namespace
}  // namespace courtvoice::e2e
