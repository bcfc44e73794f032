// The demo generator: valid, deterministic, spread over courts, days and channels.
#include <gtest/gtest.h>

#include <fstream>
#include <map>
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

std::string label(const std::string& en) {
  return R"({"kk": ")" + en + R"x( (kk)", "ru": ")x" + en + R"x( (ru)", "en": ")x" + en + R"("})";
}

// A judges' second edition unlike anything shipped: a scale5 item with its own labels, a
// single_choice item with no non-answer, a kept item with series_break, ids the first never had.
std::string secondEditionJson() {
  std::string scaleLabels;
  for (int v = 1; v <= 5; ++v) scaleLabels += std::string(v > 1 ? "," : "") + R"({"value": )" + std::to_string(v) + R"(, "label": )" + label("point " + std::to_string(v)) + "}";
  std::string options;
  for (int c = 1; c <= 4; ++c) options += std::string(c > 1 ? "," : "") + R"({"code": )" + std::to_string(c) + R"(, "label": )" + label("option " + std::to_string(c)) + "}";
  return R"({"id": "demo_judges", "audience": "judge", "languages": ["kk", "ru", "en"],
    "title": )" + label("Judges") + R"(, "items": [
    {"id": "indep_overall", "type": "satisfaction5", "dimension": "independence", "required": true, "series_break": true,
     "non_answers": ["no_opinion"], "text": )" + label("Independence") + R"(},
    {"id": "trust_level", "type": "scale5", "dimension": "trust", "required": true,
     "scale_labels": [)" + scaleLabels + R"(], "text": )" + label("Trust") + R"(},
    {"id": "pressure_media", "type": "single_choice", "dimension": "pressure", "options": [)" + options + R"(],
     "text": )" + label("Inappropriate pressure from the media") + R"(},
    {"id": "comment", "type": "text", "dimension": "comment", "max_length": 20, "text": )" + label("Comment") + R"(}
  ], "indices": [{"id": "trust_index", "name": )" + label("Trust") + R"(, "dimensions": ["trust"]}]})";
}

// Courts of the shipped registry by region, and by level.
std::map<std::string, std::string> regionOf(const std::vector<surveys::Court>& courts) {
  std::map<std::string, std::string> region;
  for (const auto& court : courts) region[court.code] = court.region;
  return region;
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

TEST(DemoData, EverySecondEditionItemTypeGetsValidAnswersByItsOwnScaleAndOptions) {
  auto def = surveys::parseDefinition(secondEditionJson());
  def.version = 2;
  const auto courts = shippedCourts();
  const auto options = demoEditionOptions(def.audience, 2, 2, courts.size(), 600);
  const auto responses = generateDemoResponses(def, courts, {2025, 6, 30}, options);
  ASSERT_EQ(responses.size(), courts.size() * 8);
  std::set<int> trustCodes;
  std::set<int> pressureCodes;
  for (const auto& response : responses) {
    const auto errors = surveys::validateResponse(def, response);
    EXPECT_TRUE(errors.empty()) << response.submissionId << ": " << (errors.empty() ? "" : errors[0].field + " " + errors[0].message);
    EXPECT_EQ(response.channel, surveys::Channel::Paper) << response.submissionId;  // imported forms
    EXPECT_TRUE(response.invitationHash.empty());
    EXPECT_EQ(response.submissionId.rfind("demo-demo_judges-v2-", 0), 0U) << response.submissionId;
    if (const auto* a = response.findAnswer("trust_level"); a && !a->nonAnswer) trustCodes.insert(a->code);
    if (const auto* a = response.findAnswer("pressure_media")) {
      ASSERT_FALSE(a->nonAnswer) << "the item offers no non-answer";
      pressureCodes.insert(a->code);
    }
  }
  EXPECT_EQ(trustCodes, (std::set<int>{1, 2, 3, 4, 5}));
  EXPECT_EQ(pressureCodes, (std::set<int>{1, 2, 3, 4}));
}

TEST(DemoData, EveryShippedEditionOfEverySurveyGetsValidResponses) {
  const auto courts = shippedCourts();
  for (const std::string id : {"court_user", "court_staff", "judges"}) {
    for (int edition = 1; edition <= 2; ++edition) {
      auto def = surveys::parseDefinition(readFile(std::string(COURTVOICE_SOURCE_DIR) + "/surveys/templates/" +
                                                   (edition == 1 ? "v1/" : "") + id + ".json"));
      def.version = edition;
      const auto responses = generateDemoResponses(def, courts, {2025, 6, 30}, demoEditionOptions(def.audience, edition, 2, courts.size(), 100));
      ASSERT_FALSE(responses.empty()) << id;
      for (const auto& response : responses) {
        const auto errors = surveys::validateResponse(def, response);
        EXPECT_TRUE(errors.empty()) << response.submissionId << ": " << (errors.empty() ? "" : errors[0].field + " " + errors[0].message);
      }
    }
  }
}

TEST(DemoData, EditionsAnswerInTheirOwnPartOfTheDemoPeriod) {
  const surveys::Date today{2025, 6, 30};
  const auto courts = shippedCourts();
  for (const auto audience : {surveys::Audience::Citizen, surveys::Audience::Staff, surveys::Audience::Judge}) {
    auto def = shippedSurvey();
    def.audience = audience;
    for (int edition = 1; edition <= 2; ++edition) {
      def.version = edition;
      const auto responses = generateDemoResponses(def, courts, today, demoEditionOptions(audience, edition, 2, courts.size(), 200));
      ASSERT_FALSE(responses.empty());
      for (const auto& response : responses) {
        if (edition == 1) {
          // 7 to 24 months ago.
          EXPECT_LE(response.givenOn, addDays(today, -213)) << response.submissionId;
          EXPECT_GT(response.givenOn, addDays(today, -730)) << response.submissionId;
        } else {
          EXPECT_LE(response.givenOn, today) << response.submissionId;
          EXPECT_GT(response.givenOn, addDays(today, -183)) << response.submissionId;
        }
      }
    }
  }
  // A survey shipped in one edition is answered over the whole period.
  const auto whole = demoEditionOptions(surveys::Audience::Citizen, 1, 1, courts.size(), 600);
  EXPECT_EQ(whole.newestDaysAgo, 0);
  EXPECT_EQ(whole.days, 730);
}

TEST(DemoData, JudgesAnswerInEveryCourtSoRegionsWithTwoCourtsAreReported) {
  auto def = shippedSurvey();
  def.audience = surveys::Audience::Judge;
  const auto courts = shippedCourts();
  const auto region = regionOf(courts);
  const auto responses = generateDemoResponses(def, courts, {2025, 6, 30}, demoEditionOptions(def.audience, 1, 2, courts.size(), 600));
  std::map<std::string, std::size_t> perCourt;
  std::map<std::string, std::size_t> perRegion;
  std::map<std::string, std::set<std::string>> courtsPerRegion;
  for (const auto& response : responses) {
    ++perCourt[response.courtCode];
    ++perRegion[region.at(response.courtCode)];
    courtsPerRegion[region.at(response.courtCode)].insert(response.courtCode);
  }
  EXPECT_EQ(perCourt.size(), courts.size());
  std::size_t reportable = 0;
  for (const auto& [name, count] : perRegion) {
    if (courtsPerRegion[name].size() < 2) continue;
    EXPECT_GE(count, 10U) << name;  // the judges' minimum group
    ++reportable;
  }
  EXPECT_GE(reportable, 5U);
}

}  // namespace
}  // namespace courtvoice::server
