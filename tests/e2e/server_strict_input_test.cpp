// Strict input over HTTP (issue 10): repeated keys, invalid UTF-8 and top-level values that are not
// objects, posted to the real server; every reply is read as a strict client reads it (valid
// UTF-8, one JSON object) and nothing is stored.
#include <gtest/gtest.h>

#include <string>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"
#include "support/strict_json_reply.hpp"

namespace courtvoice::e2e {
namespace {

using test_support::strictErrorOf;

const std::string kResponsesPath = "/api/v1/surveys/" + kSurveyId + "/responses";

struct Expected {
  int status;
  std::string code;
  std::string field;
};

void expectRefusal(const HttpResult& reply, const Expected& expected, const std::string& what) {
  EXPECT_EQ(reply.status, expected.status) << what << ": " << reply.body;
  const auto error = strictErrorOf(reply.body);
  EXPECT_EQ(error.code, expected.code) << what << ": " << reply.body;
  EXPECT_EQ(error.field, expected.field) << what << ": " << reply.body;
}

TEST(StrictInputE2E, PublicBodiesWithRepeatedKeysBadBytesOrNoObjectAreRefusedWithValidJson) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  const struct {
    std::string what;
    std::string body;
    Expected expected;
  } cases[] = {
      {"repeated answer", responseJson("dup-0000001", R"({"access_find": 4, "access_find": 5})"),
       {400, "duplicate_key", "answers.access_find"}},
      {"repeated answer, escaped", responseJson("dup-0000002", R"({"access_find": 4, "access_\u0066ind": 1})"),
       {400, "duplicate_key", "answers.access_find"}},
      {"repeated top-level key",
       R"({"submission_id": "dup-0000003", "court": "ALM-01", "court": "AST-01", "channel": "web", "language": "ru",
           "answers": {"access_find": 4}})",
       {400, "duplicate_key", "court"}},
      {"invalid UTF-8 in a comment", responseJson("utf-0000001", "{\"access_find\": 4, \"comment\": \"caf\xE9 \xFF\"}"),
       {400, "invalid_utf8", "answers.comment"}},
      {"a lone surrogate escape", responseJson("utf-0000002", R"({"access_find": 4, "comment": "\udc00"})"),
       {400, "invalid_utf8", "answers.comment"}},
      {"a raw byte outside strings", responseJson("utf-0000003", R"({"access_find": 4})") + "\xFF",
       {400, "invalid_utf8", ""}},
      {"a control byte outside strings", "{\"submission_id\":\x01}", {400, "malformed_json", ""}},
      {"a number", "42", {400, "wrong_type", ""}},
      {"a string", "\"x\"", {400, "wrong_type", ""}},
      {"null", "null", {400, "wrong_type", ""}},
      {"an array", "[]", {400, "wrong_type", ""}},
  };
  for (const auto& c : cases) {
    expectRefusal(http(server.port(), "POST", kResponsesPath, c.body), c.expected, c.what);
  }
  // The invitation check reads its body through the same check.
  const std::string checkPath = "/api/v1/surveys/" + kSurveyId + "/invitation-check";
  expectRefusal(http(server.port(), "POST", checkPath, R"({"invitation_code": "A", "invitation_code": "B"})"),
                {400, "duplicate_key", "invitation_code"}, "invitation check");
  expectRefusal(http(server.port(), "POST", checkPath, "null"), {400, "wrong_type", ""}, "invitation check of null");
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 0);

  // The message quotes the bad byte as text, so that a person can see it.
  const auto reply = http(server.port(), "POST", kResponsesPath,
                          responseJson("utf-0000004", "{\"access_find\": 4, \"comment\": \"\xFF\"}"));
  EXPECT_NE(strictErrorOf(reply.body).message.find("\\xff"), std::string::npos) << reply.body;
}

TEST(StrictInputE2E, AdminBodiesRefuseRepeatedKeysNamingTheirPath) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  const auto admin = server.adminHeaders();
  const auto post = [&](const std::string& path, const std::string& body) {
    return http(server.port(), "POST", path, body, admin);
  };
  // A definition whose second item names its dimension twice.
  std::string definition = kSurveyJson;
  const std::string appearedDimension = R"("id": "appeared", "type": "single_choice", "dimension": "background",)";
  ASSERT_NE(definition.find(appearedDimension), std::string::npos);
  definition.replace(definition.find(appearedDimension), appearedDimension.size(),
                     appearedDimension + R"( "dimension": "access",)");
  expectRefusal(post("/api/v1/admin/surveys", definition), {400, "duplicate_key", "items[1].dimension"}, "definition");

  expectRefusal(post("/api/v1/admin/courts",
                     R"([{"code": "ALM-02", "name": {"kk": "a", "ru": "b", "en": "c", "en": "d"}, "region": "almaty_city",
                          "level": "district", "active": true}])"),
                {400, "duplicate_key", "[0].name.en"}, "courts");
  expectRefusal(post("/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
                     R"({"version": 1, "responses": [)" +
                         responseJson("imp-0000001", R"({"access_find": 4, "access_find": 2})", "ALM-01",
                                      R"("date": "2026-01-15", )") +
                         "]}"),
                {400, "duplicate_key", "responses[0].answers.access_find"}, "import");
  expectRefusal(post("/api/v1/admin/kpis", R"({"id": "trust", "id": "trust2"})"), {400, "duplicate_key", "id"}, "KPI");
  expectRefusal(post("/api/v1/admin/surveys/" + kSurveyId + "/invitations", "7"), {400, "wrong_type", ""},
                "invitations of 7");
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 0);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM courts WHERE code = 'ALM-02'"), 0);
}

}  // namespace
}  // namespace courtvoice::e2e
