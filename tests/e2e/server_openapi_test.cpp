// docs/openapi.json against the real server: the route table of `courtvoice-server --print-routes`
// and the document name the same operations, every example validates against its schema, and the
// GET replies of a server holding a survey, responses, an account, population counts and a KPI
// validate against the documented schemas (tests/openapi/check_openapi.py does the checking).
#include <gtest/gtest.h>

#include <iostream>
#include <regex>
#include <sstream>

#include "account_support.hpp"
#include "server_fixture.hpp"
#include "temp_file.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kSurvey = "openapi_check";

// Every kind of report has something to show: scale items with an index, an `overall` item (the
// drivers' outcome and the KPI's metric), a background choice (crossed, comments' scores) and a comment.
const std::string kDefinition = R"({
  "id": "openapi_check", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
  "title": {"kk": "Сауалнама", "ru": "Опрос", "en": "Survey"},
  "items": [
    {"id": "access_find", "type": "agreement5", "dimension": "access", "non_answers": ["not_applicable"],
     "text": {"kk": "Табу оңай болды.", "ru": "Легко найти.", "en": "Easy to find."}},
    {"id": "access_signs", "type": "agreement5", "dimension": "access",
     "text": {"kk": "Белгілер анық.", "ru": "Указатели понятны.", "en": "Clear signs."}},
    {"id": "role", "type": "single_choice", "dimension": "background",
     "options": [{"code": 1, "label": {"kk": "Тарап", "ru": "Сторона", "en": "Party"}},
                 {"code": 2, "label": {"kk": "Куә", "ru": "Свидетель", "en": "Witness"}}],
     "text": {"kk": "Сіз кімсіз?", "ru": "Кто вы?", "en": "Who are you?"}},
    {"id": "overall", "type": "satisfaction5", "dimension": "overall",
     "text": {"kk": "Жалпы.", "ru": "В целом.", "en": "Overall."}},
    {"id": "comment", "type": "text", "dimension": "comment", "max_length": 200,
     "text": {"kk": "Пікір", "ru": "Комментарий", "en": "Comment"}}
  ],
  "indices": [{"id": "access_index", "name": {"kk": "Қолжетімділік", "ru": "Доступность", "en": "Access"}, "dimensions": ["access"]}]
})";

const std::string kCourts = R"([
  {"code": "OA-ALM", "name": {"kk": "Алматы соты", "ru": "Суд Алматы", "en": "Almaty Court"}, "region": "almaty_city", "level": "district"},
  {"code": "OA-AST", "name": {"kk": "Астана соты", "ru": "Суд Астаны", "en": "Astana Court"}, "region": "astana", "level": "district"}
])";

// 24 paper responses over two months and both courts, varied enough for correlations and alpha.
std::string importBody(int version) {
  std::ostringstream out;
  out << R"({"version": )" << version << R"(, "responses": [)";
  for (int i = 0; i < 24; ++i) {
    if (i > 0) out << ",";
    out << R"({"submission_id": "openapi-paper-)" << 1000 + i << R"(", "court": ")" << (i % 2 ? "OA-ALM" : "OA-AST")
        << R"(", "channel": "paper", "language": ")" << (i % 3 ? "ru" : "kk") << R"(", "date": "2025-0)" << (3 + i % 2)
        << R"(-1)" << i % 9 << R"(", "answers": {"access_find": )" << 1 + i % 5 << R"(, "access_signs": )" << 1 + (i * 3) % 5
        << R"(, "role": )" << 1 + i % 2 << R"(, "overall": )" << 1 + (i + i / 5) % 5 << R"(, "comment": "queue number )" << i
        << R"("}})";
  }
  out << "]}";
  return out.str();
}

// The route lines of --print-routes (its log lines on the same output are left out).
std::string routeLines(const std::string& output) {
  static const std::regex route(R"(^(GET|POST|PUT|PATCH|DELETE|OPTIONS) /\S*$)");
  std::istringstream in(output);
  std::string lines;
  for (std::string line; std::getline(in, line);) {
    if (std::regex_match(line, route)) lines += line + "\n";
  }
  return lines;
}

TEST(ServerE2E, OpenApiDocumentMatchesTheServer) {
  const std::string document = std::string(COURTVOICE_SOURCE_DIR) + "/docs/openapi.json";
  ServerProcess::Options options;
  options.extraEnv["COURTVOICE_DOCS_DIR"] = std::string(COURTVOICE_SOURCE_DIR) + "/docs";  // this tree's, whatever the build's default
  ServerProcess server(options);
  const Env admin = server.adminHeaders();
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", kCourts, admin).status, 200);
  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", kDefinition, admin);
  ASSERT_EQ(created.status, 201) << created.body;
  const int version = created.object()->getValue<int>("version");
  const std::string versionPath = "/api/v1/admin/surveys/" + kSurvey + "/versions/" + std::to_string(version);
  ASSERT_EQ(http(server.port(), "POST", versionPath + "/publish", "", admin).status, 200);
  const auto imported = http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurvey + "/responses/import", importBody(version), admin);
  ASSERT_EQ(imported.status, 200) << imported.body;
  // Five of today's: the months after the league's default quarter hold a publishable group.
  for (int i = 1; i <= 5; ++i) {
    const auto posted = http(server.port(), "POST", "/api/v1/surveys/" + kSurvey + "/responses",
                             R"({"submission_id": "openapi-web-000)" + std::to_string(i) +
                                 R"(", "court": "OA-ALM", "channel": "web", "language": "en", "answers": {"access_find": )" +
                                 std::to_string(1 + i % 5) + R"(, "overall": 4}})");
    ASSERT_EQ(posted.status, 201) << posted.body;
  }
  const auto weights = http(server.port(), "PUT", "/api/v1/admin/surveys/" + kSurvey + "/weights",
                            "court,population\nOA-ALM,1200\nOA-AST,800\n", admin, "text/csv");
  ASSERT_EQ(weights.status, 200) << weights.body;
  const auto kpi = http(server.port(), "POST", "/api/v1/admin/kpis", R"({"id": "openapi_kpi",
      "name": {"kk": "Қанағат", "ru": "Удовлетворённость", "en": "Satisfaction"}, "survey_id": "openapi_check",
      "metric": {"kind": "favourable", "item": "overall"}, "scope": {"kind": "country"}, "period": "quarter",
      "baseline": {"period": "2025-Q1", "value": 50}, "milestones": [{"year": 2027, "value": 55}],
      "target": {"year": 2029, "value": 60}, "changed_by": "openapi test"})", admin);
  ASSERT_EQ(kpi.status, 201) << kpi.body;
  ASSERT_FALSE(accountToken(server, "openapi-analyst", "analyst").empty());

  // The route table as the server builds it, with the test server's settings.
  const ProcessResult printed = runProcess(COURTVOICE_SERVER_BIN, {"--print-routes"}, server.environment());
  ASSERT_EQ(printed.exitCode, 0) << printed.output;
  const std::string routes = routeLines(printed.output);
  ASSERT_NE(routes.find("POST /api/v1/surveys/{id}/responses\n"), std::string::npos) << printed.output;
  ASSERT_NE(routes.find("GET /docs/openapi.json\n"), std::string::npos) << printed.output;
  const TempFile routeFile(".routes", routes);

  const ProcessResult check = runProcess("python3", {std::string(COURTVOICE_SOURCE_DIR) + "/tests/openapi/check_openapi.py",
                                                     "--document", document,
                                                     "--routes", routeFile.path(), "--base-url", server.baseUrl(),
                                                     "--token", server.adminToken(), "--survey", kSurvey, "--verbose"});
  std::cout << check.output;
  EXPECT_EQ(check.exitCode, 0) << check.output;
  EXPECT_NE(check.output.find(" 0 missing, 0 undocumented;"), std::string::npos) << check.output;
  EXPECT_NE(check.output.find(" live replies valid"), std::string::npos) << check.output;

  // The document the server serves is the file checked.
  const auto served = http(server.port(), "GET", "/docs/openapi.json");
  EXPECT_EQ(served.status, 200);
  EXPECT_EQ(served.header("Content-Type"), "application/json; charset=utf-8");
  EXPECT_EQ(served.body, readFile(document));
}

}  // namespace
}  // namespace courtvoice::e2e
