// Reliability, drivers and crossed breakdowns over HTTP with the real server and MariaDB.
// Method: the 80 responses and their expected alpha, correlations (scipy) and quadrants come from
// tests/fixtures/why_statistics.py; crossed cells are checked against counts of the same rows.
#include <gtest/gtest.h>

#include <functional>
#include <map>

#include "why_samples.hpp"

namespace courtvoice::e2e {
namespace {

using Poco::JSON::Array;
using Poco::JSON::Object;

const std::string kBase = "/api/v1/admin/surveys/" + kWhySurveyId;

class WhyE2E : public ::testing::Test {
 protected:
  static void SetUpTestSuite() {
    server_ = new ServerProcess();
    setUpWhySurvey(*server_);
  }
  static void TearDownTestSuite() {
    delete server_;
    server_ = nullptr;
  }
  static HttpResult get(const std::string& path) { return http(server_->port(), "GET", path, "", server_->adminHeaders()); }

  static ServerProcess* server_;
};
ServerProcess* WhyE2E::server_ = nullptr;

constexpr double kTolerance = 1e-9;

TEST_F(WhyE2E, ReliabilityGivesAlphaAndAlphaIfDeletedOfTheIndex) {
  const auto reply = get(kBase + "/reliability?lang=en");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto root = reply.object();
  EXPECT_FALSE(root->getValue<bool>("suppressed"));
  EXPECT_EQ(root->getValue<int>("responses"), 80);
  const auto fixture = whyFixture();
  const auto scales = root->getArray("scales");
  ASSERT_EQ(scales->size(), 2U);  // access_index, then the dimension access
  for (unsigned s = 0; s < 2; ++s) {
    const auto scale = scales->getObject(s);
    EXPECT_EQ(scale->getValue<std::string>("kind"), s == 0 ? "index" : "dimension");
    EXPECT_EQ(scale->getValue<int>("k"), 4);
    EXPECT_EQ(scale->getValue<int>("n"), 80);
    EXPECT_NEAR(scale->getValue<double>("alpha"), fixture->getValue<double>("alpha"), kTolerance);
    const auto deleted = scale->getArray("if_deleted");
    ASSERT_EQ(deleted->size(), 4U);
    for (unsigned i = 0; i < 4; ++i) {
      EXPECT_NEAR(deleted->getObject(i)->getValue<double>("alpha"),
                  fixture->getArray("if_deleted")->getElement<double>(i), kTolerance);
    }
  }
  EXPECT_EQ(scales->getObject(0)->getValue<std::string>("name"), "Access");
  EXPECT_EQ(scales->getObject(0)->getArray("if_deleted")->getObject(0)->getValue<std::string>("text"), "Signs are clear");
}

TEST_F(WhyE2E, DriversMatchScipyAndNameThePriorityItemFirst) {
  const auto reply = get(kBase + "/drivers?lang=ru");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto root = reply.object();
  EXPECT_EQ(root->getObject("outcome")->getValue<std::string>("item_id"), "overall");
  EXPECT_EQ(root->getObject("outcome")->getValue<std::string>("text"), "Общая удовлетворённость");
  const auto fixture = whyFixture();
  EXPECT_NEAR(root->getValue<double>("importance_median"), fixture->getValue<double>("importance_median"), kTolerance);
  EXPECT_NEAR(root->getValue<double>("performance_median"), fixture->getValue<double>("performance_median"), kTolerance);
  std::map<std::string, Object::Ptr> expected;
  const auto expectedItems = fixture->getArray("items");
  for (unsigned i = 0; i < expectedItems->size(); ++i) {
    expected[expectedItems->getObject(i)->getValue<std::string>("item_id")] = expectedItems->getObject(i);
  }
  const auto items = root->getArray("items");
  ASSERT_EQ(items->size(), 4U);
  const auto order = fixture->getArray("order");
  for (unsigned i = 0; i < 4; ++i) {
    const auto item = items->getObject(i);
    const std::string id = item->getValue<std::string>("item_id");
    EXPECT_EQ(id, order->getElement<std::string>(i)) << "position " << i;
    const auto want = expected.at(id);
    EXPECT_EQ(item->getValue<std::string>("quadrant"), want->getValue<std::string>("quadrant")) << id;
    const auto pearson = item->getObject("pearson");
    EXPECT_EQ(pearson->getValue<int>("n"), 80);
    EXPECT_NEAR(pearson->getValue<double>("r"), want->getValue<double>("pearson"), kTolerance) << id;
    EXPECT_NEAR(item->getValue<double>("importance"), want->getValue<double>("pearson"), kTolerance) << id;
    EXPECT_NEAR(pearson->getObject("ci")->getValue<double>("low"), want->getArray("pearson_ci")->getElement<double>(0),
                kTolerance);
    EXPECT_NEAR(pearson->getObject("ci")->getValue<double>("high"), want->getArray("pearson_ci")->getElement<double>(1),
                kTolerance);
    const auto spearman = item->getObject("spearman");
    EXPECT_NEAR(spearman->getValue<double>("rho"), want->getValue<double>("spearman"), kTolerance) << id;
    EXPECT_NEAR(spearman->getObject("ci")->getValue<double>("low"), want->getArray("spearman_ci")->getElement<double>(0),
                kTolerance);
    EXPECT_NEAR(item->getValue<double>("favourable"), want->getValue<double>("favourable"), kTolerance) << id;
  }
  EXPECT_EQ(items->getObject(0)->getValue<std::string>("text"), "Указатели понятны");
}

TEST_F(WhyE2E, DriversCsvIsASpreadsheetFileInTheLocaleOfTheLanguage) {
  const auto reply = get(kBase + "/drivers?lang=ru&format=csv");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_EQ(reply.header("Content-Disposition"), "attachment; filename=\"why_survey-drivers.csv\"");
  ASSERT_EQ(reply.body.rfind("\xEF\xBB\xBF", 0), 0U);
  EXPECT_EQ(reply.body.find("item_id;text;dimension;suppressed;quadrant;pearson_r;"), 3U);
  // The first data line: the priority item, r with a decimal comma, lines ended by CRLF.
  const std::size_t line = reply.body.find("\r\n") + 2;
  const std::string first = "acc_signs;Указатели понятны;access;нет;priority;0,8159;";
  EXPECT_EQ(reply.body.compare(line, first.size(), first), 0) << reply.body.substr(line, 80);
  const auto english = get(kBase + "/drivers?lang=en&format=csv&sep=comma");
  EXPECT_NE(english.body.find("acc_signs,Signs are clear,access,no,priority,0.8159,"), std::string::npos) << english.body;
}

TEST_F(WhyE2E, ASmallScopeAnswersWithSuppressedMarkersNeverNumbers) {
  // AST-01 answered 27 times, but only 3 lawyers (role 3) exist, all in ALM-01. Date filters cover
  // whole months (docs/api.md, "Disclosure control"), and a whole month of the whole survey holds 0 or
  // at least 5 responses, so the small scope is July 2025: after the fixture's January..June, it holds none.
  const auto reliability = get(kBase + "/reliability?from=2025-07-01&to=2025-07-31");
  ASSERT_EQ(reliability.status, 200) << reliability.body;
  EXPECT_TRUE(reliability.object()->getValue<bool>("suppressed"));
  EXPECT_FALSE(reliability.object()->has("responses"));
  EXPECT_EQ(reliability.body.find("\"alpha\""), std::string::npos) << reliability.body;
  const auto drivers = get(kBase + "/drivers?from=2025-07-01&to=2025-07-31");
  ASSERT_EQ(drivers.status, 200);
  EXPECT_TRUE(drivers.object()->getValue<bool>("suppressed"));
  EXPECT_EQ(drivers.body.find("\"r\""), std::string::npos) << drivers.body;
  const auto csv = get(kBase + "/drivers?from=2025-07-01&to=2025-07-31&format=csv&lang=en");
  EXPECT_NE(csv.body.find("acc_signs,Signs are clear,access,yes,,,"), std::string::npos) << csv.body;
}

TEST_F(WhyE2E, BadParametersAreRefusedWithTheirField) {
  const struct {
    std::string query;
    std::string path;
    std::string code;
    std::string field;
  } cases[] = {
      {"outcome=role", "/drivers", "invalid_outcome", "outcome"},
      {"outcome=nothing", "/drivers", "invalid_outcome", "outcome"},
      {"format=xml", "/drivers", "invalid_format", "format"},
      {"format=csv&sep=tab", "/drivers", "invalid_separator", "sep"},
      {"by=region", "/crossed", "invalid_group", "group"},
      {"group=region", "/crossed", "invalid_by", "by"},
      {"group=week&by=region", "/crossed", "invalid_group", "group"},
      {"group=region&by=item:acc_signs", "/crossed", "invalid_by", "by"},
      {"group=region&by=region", "/crossed", "invalid_by", "by"},
      {"from=2025-13-01", "/reliability", "invalid_date", "from"},
      {"version=x", "/reliability", "invalid_version", "version"},
  };
  for (const auto& c : cases) {
    const auto reply = get(kBase + c.path + "?" + c.query);
    EXPECT_EQ(reply.status, 400) << c.path << "?" << c.query << ": " << reply.body;
    if (reply.status != 400) continue;
    EXPECT_EQ(reply.errorCode(), c.code) << c.query;
    EXPECT_EQ(reply.errorField(), c.field) << c.query;
  }
  EXPECT_EQ(http(server_->port(), "GET", kBase + "/drivers").status, 401);
  EXPECT_EQ(get("/api/v1/admin/surveys/nothing/crossed?group=region&by=year").status, 404);
}

TEST_F(WhyE2E, CrossedTableHidesSmallCellsAndEveryCellTheMarginsWouldGiveAway) {
  const auto reply = get(kBase + "/crossed?group=item:role&by=month&lang=en");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const auto root = reply.object();
  EXPECT_EQ(root->getValue<std::string>("group"), "item:role");
  EXPECT_EQ(root->getValue<std::string>("by"), "month");
  const auto rows = root->getArray("rows");
  ASSERT_EQ(rows->size(), 3U);
  EXPECT_EQ(rows->getObject(0)->getValue<std::string>("label"), "Party");
  EXPECT_EQ(rows->getObject(2)->getValue<std::string>("label"), "Lawyer");
  EXPECT_EQ(root->getArray("columns")->getObject(0)->getValue<std::string>("key"), "2025-01");

  // The true counts, from the rows the test imported.
  std::map<std::string, int> counts;
  const auto data = whyFixture()->getArray("rows");
  for (unsigned i = 0; i < data->size(); ++i) {
    const auto row = data->getObject(i);
    counts[std::to_string(row->getValue<int>("role")) + "|" + row->getValue<std::string>("date").substr(0, 7)]++;
  }
  std::map<std::string, bool> hidden;
  int shown = 0;
  const auto cells = root->getArray("cells");
  for (unsigned i = 0; i < cells->size(); ++i) {
    const auto cell = cells->getObject(i);
    const std::string key = cell->getValue<std::string>("key");
    ASSERT_EQ(counts.count(key), 1U) << key;
    hidden[key] = cell->getValue<bool>("suppressed");
    if (hidden[key]) {
      EXPECT_FALSE(cell->has("responses")) << key;
      EXPECT_FALSE(cell->has("items")) << key;
    } else {
      ++shown;
      EXPECT_EQ(cell->getValue<int>("responses"), counts[key]) << key;
      EXPECT_GE(counts[key], 5) << key;
    }
    if (counts[key] < 5) {
      EXPECT_TRUE(hidden[key]) << key;
    }
  }
  EXPECT_GT(shown, 0);
  // No row or column has exactly one hidden cell beside shown ones, nor hidden cells holding 1-4.
  const auto check = [&](const std::function<bool(const std::string&)>& inLine, const std::string& what) {
    int hiddenCells = 0, shownCells = 0, hiddenResponses = 0;
    for (const auto& [key, isHidden] : hidden) {
      if (!inLine(key)) continue;
      if (isHidden) {
        ++hiddenCells;
        hiddenResponses += counts[key];
      } else {
        ++shownCells;
      }
    }
    if (shownCells == 0) return;
    EXPECT_NE(hiddenCells, 1) << what;
    EXPECT_TRUE(hiddenResponses == 0 || hiddenResponses >= 5) << what;
  };
  for (const std::string role : {"1", "2", "3"}) {
    check([&](const std::string& key) { return key.rfind(role + "|", 0) == 0; }, "role " + role);
  }
  for (int month = 1; month <= 6; ++month) {
    const std::string suffix = "|2025-0" + std::to_string(month);
    check([&](const std::string& key) { return key.size() > suffix.size() && key.substr(key.size() - suffix.size()) == suffix; },
          "month " + suffix);
  }

  const auto byRegion = get(kBase + "/crossed?group=region&by=item:role&lang=ru");
  ASSERT_EQ(byRegion.status, 200) << byRegion.body;
  const auto regionRow = byRegion.object()->getArray("rows")->getObject(0);
  EXPECT_EQ(regionRow->getValue<std::string>("key"), "almaty_city");
  EXPECT_EQ(regionRow->getValue<std::string>("region_name"), regionRow->getValue<std::string>("label"));
  EXPECT_NE(regionRow->getValue<std::string>("region_name"), "almaty_city");
  const auto csv = get(kBase + "/crossed?group=region&by=item:role&lang=ru&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.body.find("\xEF\xBB\xBF" "region;region_name;role;role_label;suppressed;responses;"), 0U) << csv.body;
  EXPECT_NE(csv.body.find("almaty_city;"), std::string::npos);
  EXPECT_NE(csv.body.find(";Адвокат;да;"), std::string::npos) << csv.body;  // 3 lawyers: hidden
  EXPECT_EQ(csv.header("Content-Disposition"), "attachment; filename=\"why_survey-region-by-item_role.csv\"");
}

}  // namespace
}  // namespace courtvoice::e2e
