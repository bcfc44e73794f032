// Spreadsheet formula injection through the API's CSV files (issue 10): text that starts with
// = + - @ tab or CR reaches a spreadsheet as text (a leading quote mark), numbers stay numbers.
#include <gtest/gtest.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

/// Every cell of a CSV text that a spreadsheet would take for a formula: starting with = + @ tab
/// or CR, or with - and not a plain number.
std::vector<std::string> formulaCells(const std::string& csv, char delimiter) {
  std::vector<std::string> found;
  std::string cell;
  bool quoted = false;
  const auto check = [&] {
    if (!cell.empty()) {
      const char first = cell.front();
      const bool number = cell.find_first_not_of("-+0123456789.,eE") == std::string::npos;
      if (first == '=' || first == '+' || first == '@' || first == '\t' || first == '\r' || (first == '-' && !number)) {
        found.push_back(cell);
      }
    }
    cell.clear();
  };
  for (std::size_t i = 0; i < csv.size(); ++i) {
    const char c = csv[i];
    if (quoted) {
      if (c == '"' && i + 1 < csv.size() && csv[i + 1] == '"') {
        cell += '"';
        ++i;
      } else if (c == '"') {
        quoted = false;
      } else {
        cell += c;
      }
    } else if (c == '"') {
      quoted = true;
    } else if (c == delimiter || c == '\n') {
      check();
    } else if (c != '\r' || i + 1 >= csv.size() || csv[i + 1] != '\n') {
      cell += c;
    }
  }
  check();
  return found;
}

TEST(CsvFormulaE2E, ExportsWriteFormulaTextAsTextAndNumbersAsNumbers) {
  ServerProcess server;
  // A court whose English name is a formula: it reaches the responses export and the summary.
  const auto swap = [](std::string text, const std::string& from, const std::string& to) {
    return text.replace(text.find(from), from.size(), to);
  };
  const std::string courts =
      swap(kCourtsJson, R"("en": "Almaty District Court")", R"json("en": "=HYPERLINK(\"http://x\")")json");
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", courts, server.adminHeaders()).status, 200);
  const std::string survey = swap(kSurveyJson, R"("en": "Finding the court was easy.")", R"json("en": "@SUM(1+1)")json");
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys", survey, server.adminHeaders()).status, 201);
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/versions/1/publish", "",
                 server.adminHeaders())
                .status,
            200);
  for (int i = 0; i < 6; ++i) {
    const auto r = http(server.port(), "POST", "/api/v1/surveys/" + kSurveyId + "/responses",
                        responseJson("formula-api-0" + std::to_string(i),
                                     R"json({"access_find": 4, "comment": "=HYPERLINK(\"http://x\")"})json"));
    ASSERT_EQ(r.status, 201) << r.body;
  }
  const std::string base = "/api/v1/admin/surveys/" + kSurveyId;

  const auto exported = http(server.port(), "GET", base + "/export/responses?lang=en", "", server.adminHeaders());
  ASSERT_EQ(exported.status, 200) << exported.body;
  EXPECT_TRUE(contains(exported.body, R"csv(,"'=HYPERLINK(""http://x"")",)csv")) << exported.body;
  EXPECT_EQ(formulaCells(exported.body, ','), std::vector<std::string>{}) << exported.body;

  const auto codebook = http(server.port(), "GET", base + "/codebook?format=csv&lang=en", "", server.adminHeaders());
  ASSERT_EQ(codebook.status, 200) << codebook.body;
  EXPECT_TRUE(contains(codebook.body, ",'@SUM(1+1)")) << codebook.body;
  EXPECT_EQ(formulaCells(codebook.body, ','), std::vector<std::string>{}) << codebook.body;

  const auto summary = http(server.port(), "GET", base + "/summary?format=csv&group=court&lang=en&sep=semicolon", "",
                            server.adminHeaders());
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_TRUE(contains(summary.body, R"csv(;"'=HYPERLINK(""http://x"")";)csv")) << summary.body;
  EXPECT_EQ(formulaCells(summary.body, ';'), std::vector<std::string>{}) << summary.body;
}

}  // namespace
}  // namespace courtvoice::e2e
