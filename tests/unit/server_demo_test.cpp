// The demo generator: valid, deterministic, spread over courts, days and channels.
#include <gtest/gtest.h>

#include <fstream>
#include <set>
#include <sstream>

#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/demo_data.hpp"
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/response_validation.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

surveys::SurveyDefinition shippedSurvey() {
  auto def = surveys::parseDefinition(readFile(std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/court_user.json"));
  def.version = 1;
  return def;
}

std::vector<surveys::Court> shippedCourts() {
  return parseCourtsCsv(readFile(std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/courts.csv"));
}

TEST(AddDays, CrossesMonthsYearsAndLeapDays) {
  EXPECT_EQ(addDays({2024, 3, 1}, -1), (surveys::Date{2024, 2, 29}));
  EXPECT_EQ(addDays({2025, 1, 1}, -1), (surveys::Date{2024, 12, 31}));
  EXPECT_EQ(addDays({2025, 3, 14}, -365), (surveys::Date{2024, 3, 14}));  // 2024-03-14 .. 2025-03-14 spans 365 days
  EXPECT_EQ(addDays({2025, 12, 31}, 1), (surveys::Date{2026, 1, 1}));
}

TEST(DemoData, EveryGeneratedResponseIsValidForTheShippedSurvey) {
  const auto def = shippedSurvey();
  const surveys::Date today{2025, 6, 30};
  const auto responses = generateDemoResponses(def, shippedCourts(), today);

  ASSERT_EQ(responses.size(), 600U);
  std::set<std::string> ids;
  std::set<std::string> courts;
  std::set<surveys::Channel> channels;
  std::set<std::string> languages;
  std::size_t comments = 0;
  for (const auto& response : responses) {
    const auto errors = surveys::validateResponse(def, response);
    EXPECT_TRUE(errors.empty()) << response.submissionId << ": " << (errors.empty() ? "" : errors[0].field + " " + errors[0].message);
    ids.insert(response.submissionId);
    courts.insert(response.courtCode);
    channels.insert(response.channel);
    languages.insert(response.language);
    EXPECT_LE(response.givenOn, today);
    EXPECT_GT(response.givenOn, addDays(today, -365));
    if (const auto* comment = response.findAnswer("comment"); comment && !comment->text.empty()) ++comments;
  }
  EXPECT_EQ(ids.size(), responses.size());
  EXPECT_GT(courts.size(), 20U);
  EXPECT_EQ(channels.size(), 3U);
  EXPECT_EQ(languages, (std::set<std::string>{"kk", "ru", "en"}));
  EXPECT_GT(comments, 30U);
}

TEST(DemoData, SameInputsGiveTheSameResponses) {
  const auto def = shippedSurvey();
  const auto courts = shippedCourts();
  const auto a = generateDemoResponses(def, courts, {2025, 6, 30});
  const auto b = generateDemoResponses(def, courts, {2025, 6, 30});
  ASSERT_EQ(a.size(), b.size());
  for (std::size_t i = 0; i < a.size(); ++i) {
    EXPECT_EQ(a[i].submissionId, b[i].submissionId);
    EXPECT_EQ(a[i].courtCode, b[i].courtCode);
    EXPECT_EQ(a[i].givenOn, b[i].givenOn);
    ASSERT_EQ(a[i].answers.size(), b[i].answers.size());
    for (std::size_t k = 0; k < a[i].answers.size(); ++k) EXPECT_EQ(a[i].answers[k].code, b[i].answers[k].code);
  }
}

TEST(DemoData, HiddenItemsStayUnanswered) {
  const auto def = surveys::parseDefinition(testing::kSurveyJson);
  DemoOptions options;
  options.count = 300;
  const auto responses = generateDemoResponses(def, {testing::makeCourt("ALM-01", "almaty_city")}, {2025, 6, 30}, options);
  std::size_t shown = 0;
  for (const auto& response : responses) {
    const auto* appeared = response.findAnswer("appeared");
    const bool yes = appeared && !appeared->nonAnswer && appeared->code == 1;
    if (response.findAnswer("fair_listened")) {
      EXPECT_TRUE(yes) << response.submissionId;
      ++shown;
    }
    EXPECT_NE(response.findAnswer("access_find"), nullptr) << "required item missing in " << response.submissionId;
  }
  EXPECT_GT(shown, 0U);
}

}  // namespace
}  // namespace courtvoice::server
