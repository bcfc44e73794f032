// Complementary suppression through the real server (docs/analytics.md, "Complementary
// suppression"): each attack of issue 9 - two court filters, two date ranges, a region's total
// minus its shown courts, a filtered total minus its groups - is tried and must not isolate a
// group under the minimum (5 here). The data (access_find answers imported with their dates):
//   SHY-CC (shymkent, regional)  5 in 2025-03      AKM-OC (akmola, regional)   3 in 2025-03
//   ALM-OC (almaty_city, regional) 6 in 2025-03    AKM-D1 (akmola, district)   6 in 2025-03
//   SHY-D1 (shymkent, district)  7 in 2025-02 and 2 in 2025-04
// So February holds 7, March 20, April 2; the survey 29.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <map>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kSummaryPath = "/api/v1/admin/surveys/" + kSurveyId + "/summary";
constexpr long long kMin = 5;

const std::string kDisclosureCourts = R"([
  {"code": "SHY-CC", "name": {"kk": "Шымкент қалалық соты", "ru": "Шымкентский городской суд", "en": "Shymkent City Court"},
   "region": "shymkent", "level": "regional", "active": true},
  {"code": "AKM-OC", "name": {"kk": "Ақмола облыстық соты", "ru": "Акмолинский областной суд", "en": "Akmola Regional Court"},
   "region": "akmola", "level": "regional", "active": true},
  {"code": "ALM-OC", "name": {"kk": "Алматы қалалық соты", "ru": "Алматинский городской суд", "en": "Almaty City Court"},
   "region": "almaty_city", "level": "regional", "active": true},
  {"code": "AKM-D1", "name": {"kk": "Көкшетау аудандық соты", "ru": "Районный суд Кокшетау", "en": "Kokshetau District Court"},
   "region": "akmola", "level": "district", "active": true},
  {"code": "SHY-D1", "name": {"kk": "Шымкент аудандық соты", "ru": "Районный суд Шымкента", "en": "Shymkent District Court"},
   "region": "shymkent", "level": "district", "active": true}
])";

class DisclosureE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    setUpPublishedSurvey(*server_);
    const auto courts = http(server_->port(), "POST", "/api/v1/admin/courts", kDisclosureCourts, server_->adminHeaders());
    ASSERT_EQ(courts.status, 200) << courts.body;
    const auto csv = std::filesystem::temp_directory_path() / (server_->schema().name() + "-disclosure.csv");
    {
      std::ofstream out(csv);
      out << "submission_id,court,date,language,access_find\n";
      int id = 0;
      const auto add = [&](const std::string& court, const std::string& date, int count) {
        for (int i = 0; i < count; ++i) out << "disclosure-" << id++ << "," << court << "," << date << ",ru," << (i % 5 + 1) << "\n";
      };
      add("SHY-CC", "2025-03-10", 5);
      add("AKM-OC", "2025-03-12", 3);
      add("ALM-OC", "2025-03-14", 6);
      add("AKM-D1", "2025-03-20", 6);
      add("SHY-D1", "2025-02-20", 7);
      add("SHY-D1", "2025-04-03", 2);
    }
    const auto imported = runAdmin({"import-responses", kSurveyId, csv.string()}, server_->schema().environment());
    std::filesystem::remove(csv);
    ASSERT_EQ(imported.exitCode, 0) << imported.output;
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }

  static HttpResult summary(const std::string& query) {
    return http(server_->port(), "GET", kSummaryPath + "?lang=en&" + query, "", server_->adminHeaders());
  }
  static long long total(const std::string& query) {
    const auto reply = summary(query);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
    return reply.status == 200 ? reply.object()->getValue<long long>("total_responses") : -1;
  }
  /// Shown groups: key -> responses.
  static std::map<std::string, long long> shownGroups(const std::string& query) {
    const auto reply = summary(query);
    EXPECT_EQ(reply.status, 200) << query << ": " << reply.body;
    std::map<std::string, long long> shown;
    if (reply.status != 200) return shown;
    const auto groups = reply.object()->getArray("groups");
    for (std::size_t i = 0; i < groups->size(); ++i) {
      const auto group = groups->getObject(static_cast<unsigned>(i));
      if (!group->getValue<bool>("suppressed")) shown[group->getValue<std::string>("key")] = group->getValue<long long>("responses");
    }
    return shown;
  }
  static void expectRefused(const std::string& query, const std::string& code, const std::string& field,
                            const std::string& named = "") {
    const auto reply = summary(query);
    EXPECT_EQ(reply.status, 400) << query << ": " << reply.body;
    if (reply.status != 400) return;
    EXPECT_EQ(reply.errorCode(), code) << query;
    EXPECT_EQ(reply.errorField(), field) << query;
    const auto message = reply.object()->getObject("error")->getValue<std::string>("message");
    if (!named.empty()) {
      EXPECT_NE(message.find(named), std::string::npos) << query << ": " << message;
    }
  }
  /// What a published total minus published parts leaves: none, or at least the minimum.
  static void expectNoSmallRest(long long whole, long long parts, const std::string& what) {
    const long long rest = whole - parts;
    EXPECT_TRUE(rest == 0 || rest >= kMin) << what << ": " << whole << " - " << parts << " = " << rest;
  }

  static ServerProcess* server_;
};

ServerProcess* DisclosureE2E::server_ = nullptr;

TEST_F(DisclosureE2E, TwoCourtFiltersCannotIsolateASmallCourt) {
  EXPECT_EQ(total("court=SHY-CC"), 5);
  // SHY-CC and AKM-OC together would be 8: 8 - 5 = the 3 respondents of AKM-OC.
  expectRefused("court=SHY-CC&court=AKM-OC", "slice_too_small", "court", "AKM-OC");
  expectRefused("court=SHY-CC,AKM-OC&from=2025-03-01&to=2025-03-31", "slice_too_small", "court", "AKM-OC");
  // AKM-OC alone is shown only as suppressed, without its size.
  const auto alone = summary("court=AKM-OC");
  ASSERT_EQ(alone.status, 200) << alone.body;
  EXPECT_EQ(alone.object()->getValue<long long>("total_responses"), 0);
  EXPECT_TRUE(alone.object()->getArray("groups")->getObject(0)->getValue<bool>("suppressed"));
  // The same with regions and levels: each value must hold none or at least the minimum.
  EXPECT_EQ(total("region=shymkent&region=almaty_city"), 20);
  expectRefused("region=shymkent&region=akmola&level=regional", "slice_too_small", "region", "akmola");
}

TEST_F(DisclosureE2E, DateRangesAreWholeMonthsAndNoMonthIsSmall) {
  // Two ranges a day apart would isolate that day's respondents: only whole months are taken.
  expectRefused("from=2025-03-01&to=2025-03-02", "whole_months_required", "to");
  expectRefused("from=2025-03-02&to=2025-03-31", "whole_months_required", "from");
  EXPECT_EQ(total("from=2025-02-01&to=2025-02-28"), 7);
  EXPECT_EQ(total("from=2024-02-01&to=2024-02-29"), 0);  // a leap year's February ends on the 29th
  expectRefused("from=2025-02-01&to=2025-02-27", "whole_months_required", "to");
  // Two ranges a month apart: February to March (27) against February to April (29) would give
  // April's 2 away; so would February to March against the report without dates.
  expectRefused("from=2025-02-01&to=2025-04-30", "slice_too_small", "from", "2025-04");
  expectRefused("from=2025-02-01&to=2025-03-31", "slice_too_small", "to");
  expectRefused("from=2025-03-01", "slice_too_small", "from", "2025-04");
  // Within a scope without the small month, a range is fine: regional courts answered in March only.
  EXPECT_EQ(total("level=regional&from=2025-03-01&to=2025-03-31"), 14);
}

TEST_F(DisclosureE2E, ARegionsTotalMinusItsShownCourtsGivesNoSmallCourtAway) {
  const auto courts = shownGroups("group=court");
  // AKM-OC (3) is suppressed; so are SHY-CC (the smallest other regional court) and AKM-D1 (the
  // other court of akmola), else level and region totals minus the shown courts would give it away.
  EXPECT_EQ(courts, (std::map<std::string, long long>{{"ALM-OC", 6}, {"SHY-D1", 9}}));
  const std::map<std::string, std::string> regionOf = {{"SHY-CC", "shymkent"}, {"AKM-OC", "akmola"}, {"ALM-OC", "almaty_city"},
                                                       {"AKM-D1", "akmola"}, {"SHY-D1", "shymkent"}};
  const std::map<std::string, std::string> levelOf = {{"SHY-CC", "regional"}, {"AKM-OC", "regional"}, {"ALM-OC", "regional"},
                                                      {"AKM-D1", "district"}, {"SHY-D1", "district"}};
  for (const auto& [region, responses] : shownGroups("group=region")) {
    long long shown = 0;
    for (const auto& [court, n] : courts) shown += regionOf.at(court) == region ? n : 0;
    expectNoSmallRest(responses, shown, "region " + region);
  }
  for (const auto& [level, responses] : shownGroups("group=level")) {
    long long shown = 0;
    for (const auto& [court, n] : courts) shown += levelOf.at(court) == level ? n : 0;
    expectNoSmallRest(responses, shown, "level " + level);
  }
  long long shown = 0;
  for (const auto& [court, n] : courts) shown += n;
  expectNoSmallRest(total(""), shown, "the survey");
  // As filters: akmola (9) minus AKM-D1 (6), the regional level (14) minus SHY-CC and ALM-OC (11).
  EXPECT_EQ(total("region=akmola"), 9);
  expectRefused("court=AKM-D1", "slice_too_small", "court", "akmola");
  expectRefused("court=SHY-CC&court=ALM-OC", "slice_too_small", "court", "regional");
}

TEST_F(DisclosureE2E, AFilteredTotalMinusItsGroupsGivesNoSmallGroupAway) {
  // Every allowed filter and grouping: the filtered total minus the shown groups is none or at
  // least the minimum.
  const std::vector<std::string> filters = {"",
                                            "region=akmola",
                                            "region=shymkent",
                                            "level=regional",
                                            "level=district",
                                            "court=SHY-D1",
                                            "from=2025-02-01&to=2025-02-28",
                                            "from=2025-01-01&to=2025-03-31&level=regional"};
  int checked = 0;
  for (const std::string& filter : filters) {
    const auto whole = summary(filter);
    if (whole.status != 200) continue;  // refused: nothing published to subtract from
    const long long filtered = whole.object()->getValue<long long>("total_responses");
    for (const std::string group : {"court", "region", "level", "month", "quarter"}) {
      long long shown = 0;
      for (const auto& [key, n] : shownGroups("group=" + group + "&" + filter)) shown += n;
      expectNoSmallRest(filtered, shown, "group=" + group + "&" + filter);
      ++checked;
    }
  }
  EXPECT_GE(checked, 35);
  // Months against their quarter: February (7), March (20) and April (2, suppressed); April alone
  // in its quarter cannot be protected there, so the year 2025 hides February too (the smallest).
  EXPECT_EQ(shownGroups("group=month"), (std::map<std::string, long long>{{"2025-03", 20}}));
  for (const auto& [quarter, n] : shownGroups("group=quarter")) {
    long long months = 0;
    for (const auto& [month, m] : shownGroups("group=month")) {
      const int mm = std::stoi(month.substr(5));
      months += (month.substr(0, 4) + "-Q" + std::to_string((mm - 1) / 3 + 1)) == quarter ? m : 0;
    }
    expectNoSmallRest(n, months, "quarter " + quarter);
  }
  // The trend takes the same date rule.
  const auto trend = http(server_->port(), "GET", "/api/v1/admin/surveys/" + kSurveyId + "/trend?from=2025-03-05",
                          "", server_->adminHeaders());
  EXPECT_EQ(trend.status, 400) << trend.body;
  EXPECT_EQ(trend.errorCode(), "whole_months_required");
}

}  // namespace
}  // namespace courtvoice::e2e
