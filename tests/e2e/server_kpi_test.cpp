// KPIs through the API and the admin tool, on the real server: definitions checked field by
// field, versions with who and when, values with intervals, milestone due and status, a scope too
// small shown as such, the CSV, and the demo's three KPIs. Expected figures:
// tests/fixtures/kpi_e2e_values.py (scipy/numpy).
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"
#include "temp_file.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kKpis = "/api/v1/admin/kpis";

class ServerKpi : public ::testing::Test {
 protected:
  void SetUp() override { version_ = setUpPublishedSurvey(server_); }

  HttpResult call(const std::string& method, const std::string& path, const std::string& body = "",
                  const std::string& user = "") {
    Env headers = server_.adminHeaders();
    if (!user.empty()) headers["X-CourtVoice-User"] = user;
    return http(server_.port(), method, path, body, headers);
  }

  void importAnswers(const std::string& court, const std::string& date, const std::vector<int>& accessFind) {
    std::string list;
    for (const int value : accessFind) {
      if (!list.empty()) list += ",";
      list += R"({"submission_id": "kpi-)" + randomHex(12) + R"(", "court": ")" + court +
              R"(", "channel": "paper", "language": "ru", "date": ")" + date + R"(", "answers": {"access_find": )" +
              std::to_string(value) + "}}";
    }
    const auto r = call("POST", "/api/v1/admin/surveys/" + kSurveyId + "/responses/import",
                        R"({"version": )" + std::to_string(version_) + R"(, "responses": [)" + list + "]}");
    ASSERT_EQ(r.status, 200) << r.body;
  }

  /// 2025-Q1: 12 responses (8 favourable); 2025-Q2: 11 (6 favourable), of which 4 in ALM-01.
  void importTwoQuarters() {
    importAnswers("ALM-01", "2025-02-10", {5, 4, 4, 2, 1, 4});
    importAnswers("AST-01", "2025-02-10", {4, 5, 3, 2, 4, 5});
    importAnswers("ALM-01", "2025-05-10", {5, 5, 4, 3});
    importAnswers("AST-01", "2025-05-10", {4, 2, 2, 1, 5, 3, 4});
  }

  static std::string kpiJson(const std::string& id, const std::string& metric, const std::string& scope,
                             const std::string& period, const std::string& baseline, const std::string& plan) {
    return R"({"id": ")" + id + R"(", "name": {"kk": "Қолжетімділік )" + id + R"(", "ru": "Доступность )" + id +
           R"(", "en": "Access )" + id + R"("}, "survey_id": "e2e_survey", "metric": )" + metric + R"(, "scope": )" +
           scope + R"(, "period": ")" + period + R"(", "baseline": )" + baseline + ", " + plan + "}";
  }

  /// The KPI `id` in GET values?lang=`lang`.
  Poco::JSON::Object::Ptr valueOf(const std::string& id, const std::string& lang = "en") {
    const auto r = call("GET", kKpis + "/values?lang=" + lang);
    if (r.status != 200) throw std::runtime_error(r.body);
    const auto kpis = r.object()->getArray("kpis");
    for (std::size_t i = 0; i < kpis->size(); ++i) {
      const auto kpi = kpis->getObject(static_cast<unsigned>(i));
      if (kpi->getValue<std::string>("id") == id) return kpi;
    }
    throw std::runtime_error("no KPI " + id + " in " + r.body);
  }

  ServerProcess server_;
  int version_ = 0;
};

const std::string kFavourable = R"({"kind": "favourable", "item": "access_find"})";
const std::string kCountry = R"({"kind": "country"})";

TEST_F(ServerKpi, RefusesADefinitionNamingEveryWrongField) {
  struct Case {
    const char* what;
    std::string body;
    std::string field;
    std::string code;
  };
  const std::string plan = R"("target": {"year": 2029, "value": 80})";
  const std::vector<Case> cases = {
      {"unknown survey", R"({"id": "a", "name": {"kk": "a", "ru": "a", "en": "a"}, "survey_id": "nope", "metric": )" +
                             kFavourable + R"(, "scope": {"kind": "country"}, "period": "year", "baseline": {"period": "2025", "value": 50}, )" + plan + "}",
       "survey_id", "unknown_survey"},
      {"unknown item", kpiJson("a", R"({"kind": "favourable", "item": "nope"})", kCountry, "year", R"({"period": "2025", "value": 50})", plan),
       "metric.item", "unknown_item"},
      {"item of the wrong type", kpiJson("a", R"({"kind": "favourable", "item": "appeared"})", kCountry, "year",
                                         R"({"period": "2025", "value": 50})", plan),
       "metric.item", "wrong_item_type"},
      {"nps on a 5-point item", kpiJson("a", R"({"kind": "nps", "item": "access_find"})", kCountry, "year",
                                        R"({"period": "2025", "value": 50})", plan),
       "metric.item", "wrong_item_type"},
      {"unknown index", kpiJson("a", R"({"kind": "index", "index": "nope"})", kCountry, "year", R"({"period": "2025", "value": 50})", plan),
       "metric.index", "unknown_index"},
      {"option not of the item", kpiJson("a", R"({"kind": "option_share", "item": "appeared", "options": [3]})", kCountry, "year",
                                         R"({"period": "2025", "value": 50})", plan),
       "metric.options[0]", "unknown_option"},
      {"unknown court", kpiJson("a", kFavourable, R"({"kind": "court", "court": "NOPE"})", "year", R"({"period": "2025", "value": 50})", plan),
       "scope.court", "unknown_court"},
      {"unknown region", kpiJson("a", kFavourable, R"({"kind": "region", "region": "atlantis"})", "year",
                                 R"({"period": "2025", "value": 50})", plan),
       "scope.region", "unknown_region"},
      {"quarter key for a year", kpiJson("a", kFavourable, kCountry, "year", R"({"period": "2025-Q1", "value": 50})", plan),
       "baseline.period", "invalid_period"},
      {"milestones out of order", kpiJson("a", kFavourable, kCountry, "year", R"({"period": "2025", "value": 50})",
                                          R"("milestones": [{"year": 2027, "value": 60}, {"year": 2026, "value": 55}], )" + plan),
       "milestones[1].year", "out_of_order"},
      {"target before a milestone", kpiJson("a", kFavourable, kCountry, "year", R"({"period": "2025", "value": 50})",
                                            R"("milestones": [{"year": 2028, "value": 60}], "target": {"year": 2027, "value": 80})"),
       "target.year", "out_of_order"},
      {"value out of range", kpiJson("a", kFavourable, kCountry, "year", R"({"period": "2025", "value": 50})",
                                     R"("target": {"year": 2029, "value": 120})"),
       "target.value", "out_of_range"},
      {"bad id", kpiJson("A B", kFavourable, kCountry, "year", R"({"period": "2025", "value": 50})", plan), "id", "invalid_id"},
      {"no data for a computed baseline", kpiJson("a", kFavourable, kCountry, "year", R"({"period": "2024"})", plan),
       "baseline.period", "no_data"},
      {"unknown field", kpiJson("a", kFavourable, kCountry, "year", R"({"period": "2025", "value": 50})", plan + R"(, "colour": 1)"),
       "colour", "unknown_field"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.what);
    const auto r = call("POST", kKpis, c.body, "Aigerim");
    ASSERT_EQ(r.status, 400) << r.body;
    const auto error = r.object()->getObject("error");
    EXPECT_EQ(error->getValue<std::string>("field"), c.field) << r.body;
    EXPECT_EQ(error->getValue<std::string>("code"), c.code) << r.body;
  }
  const auto nobody = call("POST", kKpis, kpiJson("a", kFavourable, kCountry, "year", R"({"period": "2025", "value": 50})", plan));
  ASSERT_EQ(nobody.status, 400) << nobody.body;
  EXPECT_EQ(nobody.object()->getObject("error")->getValue<std::string>("field"), "changed_by");
  EXPECT_EQ(call("GET", kKpis).body, R"({"kpis":[]})") << "nothing was stored";
}

TEST_F(ServerKpi, KeepsEveryVersionWithWhoAndWhatChanged) {
  importTwoQuarters();
  const std::string plan = R"("milestones": [{"year": 2025, "value": 70}], "target": {"year": 2026, "value": 80})";
  const auto created = call("POST", kKpis, kpiJson("access", kFavourable, kCountry, "quarter", R"({"period": "2025-Q1"})", plan),
                            "Aigerim");
  ASSERT_EQ(created.status, 201) << created.body;
  const auto kpi = created.object();
  EXPECT_EQ(kpi->getValue<int>("version"), 1);
  EXPECT_EQ(kpi->getValue<std::string>("changed_by"), "Aigerim");
  // The baseline computed from 2025-Q1: 8 of 12 favourable.
  EXPECT_NEAR(kpi->getObject("baseline")->getValue<double>("value"), 66.66666666666667, 1e-9);
  EXPECT_TRUE(kpi->getObject("baseline")->getValue<bool>("computed"));
  EXPECT_EQ(call("POST", kKpis, kpiJson("access", kFavourable, kCountry, "quarter", R"({"period": "2025-Q1"})", plan), "A")
                .status,
            409);

  // A new target, by someone else, from version 1.
  const std::string changed = R"({"id": "access", "version": 1, "changed_by": "Daulet", "note": "board decision",)" +
                              kpiJson("access", kFavourable, kCountry, "quarter", R"({"period": "2025-Q1"})",
                                      R"("milestones": [{"year": 2025, "value": 70}], "target": {"year": 2026, "value": 85})")
                                  .substr(std::string(R"({"id": "access",)").size());
  const auto updated = call("PUT", kKpis + "/access", changed);
  ASSERT_EQ(updated.status, 200) << updated.body;
  EXPECT_EQ(updated.object()->getValue<int>("version"), 2);
  const auto stale = call("PUT", kKpis + "/access", changed);
  EXPECT_EQ(stale.status, 409) << stale.body;
  EXPECT_EQ(stale.object()->getObject("error")->getValue<std::string>("code"), "version_conflict");

  const auto history = call("GET", kKpis + "/access/history");
  ASSERT_EQ(history.status, 200) << history.body;
  const auto versions = history.object()->getArray("versions");
  ASSERT_EQ(versions->size(), 2U);
  const auto second = versions->getObject(1);
  EXPECT_EQ(second->getValue<std::string>("changed_by"), "Daulet");
  EXPECT_EQ(second->getValue<std::string>("note"), "board decision");
  EXPECT_EQ(second->getArray("changes")->size(), 1U) << history.body;
  EXPECT_EQ(second->getArray("changes")->getElement<std::string>(0), "target");
  EXPECT_EQ(second->getValue<std::string>("changed_on").size(), 19U) << "YYYY-MM-DD HH:MM:SS";
  EXPECT_EQ(versions->getObject(0)->getObject("definition")->getObject("target")->getValue<double>("value"), 80.0);

  const auto archived = call("DELETE", kKpis + "/access", "", "Aigerim");
  ASSERT_EQ(archived.status, 200) << archived.body;
  EXPECT_TRUE(archived.object()->getValue<bool>("archived"));
  EXPECT_EQ(call("GET", kKpis).body, R"({"kpis":[]})");
  EXPECT_NE(call("GET", kKpis + "?archived=true").body.find(R"("id":"access")"), std::string::npos);
  EXPECT_EQ(call("GET", kKpis + "/access/history").object()->getArray("versions")->size(), 3U);
  EXPECT_EQ(call("GET", kKpis + "/nope").status, 404);
  EXPECT_EQ(http(server_.port(), "GET", kKpis).status, 401) << "admin token required";
}

TEST_F(ServerKpi, ValuesCarryIntervalMilestoneDueAndStatus) {
  importTwoQuarters();
  ASSERT_EQ(call("POST", kKpis,
                 kpiJson("access", kFavourable, kCountry, "quarter", R"({"period": "2025-Q1"})",
                         R"("milestones": [{"year": 2025, "value": 70}], "target": {"year": 2026, "value": 80})"),
                 "Aigerim").status, 201);
  ASSERT_EQ(call("POST", kKpis,
                 kpiJson("almaty", kFavourable, R"({"kind": "court", "court": "ALM-01"})", "quarter",
                         R"({"period": "2025-Q1", "value": 60})", R"("target": {"year": 2026, "value": 90})"),
                 "Aigerim").status, 201);
  ASSERT_EQ(call("POST", kKpis,
                 kpiJson("index", R"({"kind": "index", "index": "access_index"})", kCountry, "year", R"({"period": "2025"})",
                         R"("target": {"year": 2029, "value": 80})"),
                 "Aigerim").status, 201);

  // Country, quarterly: the latest complete quarter with data is 2025-Q2, 6 of 11 favourable.
  const auto access = valueOf("access");
  const auto latest = access->getObject("latest");
  EXPECT_EQ(latest->getValue<std::string>("period"), "2025-Q2");
  EXPECT_NEAR(latest->getValue<double>("value"), 54.54545454545455, 1e-9);
  EXPECT_NEAR(latest->getObject("ci")->getValue<double>("low"), 28.009153740932202, 1e-9);
  EXPECT_NEAR(latest->getObject("ci")->getValue<double>("high"), 78.72872837754024, 1e-9);
  EXPECT_EQ(latest->getValue<int>("n"), 11);
  EXPECT_EQ(access->getObject("milestone_due")->getValue<std::string>("date"), "2025-06-30");
  EXPECT_NEAR(access->getObject("milestone_due")->getValue<double>("value"), 67.76969696969697, 1e-9);
  EXPECT_EQ(access->getValue<std::string>("status"), "at_risk") << "below the milestone, the interval reaches it";
  const auto series = access->getArray("series");
  ASSERT_GE(series->size(), 2U);
  EXPECT_EQ(series->getObject(0)->getValue<std::string>("period"), "2025-Q1");
  EXPECT_EQ(series->getObject(0)->getValue<int>("n"), 12);
  EXPECT_EQ(series->getObject(2)->getValue<int>("n"), 0) << "2025-Q3: no responses";

  // One court with 4 responses in 2025-Q2: "not enough data", never a number.
  const auto almaty = valueOf("almaty", "ru");
  EXPECT_EQ(almaty->getValue<std::string>("status"), "insufficient_data");
  EXPECT_TRUE(almaty->getObject("latest")->getValue<bool>("suppressed"));
  EXPECT_TRUE(almaty->getObject("latest")->isNull("value"));
  EXPECT_TRUE(almaty->getObject("latest")->isNull("ci"));
  EXPECT_TRUE(almaty->getObject("latest")->isNull("n"));
  EXPECT_EQ(almaty->getObject("scope")->getValue<std::string>("name"), "Районный суд Алматы");
  EXPECT_EQ(almaty->getObject("scope")->getValue<std::string>("region"), "almaty_city");
  EXPECT_EQ(almaty->getObject("scope")->getValue<std::string>("region_name"), "город Алматы");

  // Yearly index: 2025 is the baseline itself, exactly at its milestone: on track.
  const auto index = valueOf("index");
  EXPECT_NEAR(index->getObject("latest")->getValue<double>("value"), 63.04347826086956, 1e-9);
  EXPECT_NEAR(index->getObject("latest")->getObject("ci")->getValue<double>("low"), 48.88414294866487, 1e-9);
  EXPECT_NEAR(index->getObject("latest")->getObject("ci")->getValue<double>("high"), 77.20281357307425, 1e-9);
  EXPECT_EQ(index->getObject("latest")->getValue<int>("n"), 23);
  EXPECT_EQ(index->getValue<std::string>("status"), "on_track");

  const auto csv = call("GET", kKpis + "/values?lang=ru&format=csv");
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.headers.at("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.headers.at("Content-Disposition").find("attachment; filename=\"kpis-"), std::string::npos);
  ASSERT_EQ(csv.body.rfind("\xEF\xBB\xBF" "id;name;survey_id;", 0), 0U) << csv.body;
  EXPECT_NE(csv.body.find("access;Доступность access;e2e_survey;favourable;access_find;country;;Казахстан;;;2025-Q2;54,5;28,0;78,7;11;67,8;2026;80,0;at_risk\r\n"),
            std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("almaty;Доступность almaty;e2e_survey;favourable;access_find;court;ALM-01;Районный суд Алматы;almaty_city;город Алматы;2025-Q2;;;;;"),
            std::string::npos) << csv.body;
  EXPECT_EQ(call("GET", kKpis + "/values?format=xml").status, 400);
}

TEST_F(ServerKpi, AdminToolSetsShowsAndListsHistoryAndValues) {
  importTwoQuarters();
  const auto env = server_.schema().environment();
  TempFile file(".json", kpiJson("access", kFavourable, kCountry, "quarter", R"({"period": "2025-Q1"})",
                                 R"("milestones": [{"year": 2025, "value": 70}], "target": {"year": 2026, "value": 80})"));
  const auto set = runAdmin({"kpi", "set", file.path(), "--by=Saule"}, env);
  ASSERT_EQ(set.exitCode, 0) << set.output;
  EXPECT_NE(set.output.find("created KPI access version 1 by Saule; baseline 2025-Q1 = 66.7 (computed)"), std::string::npos)
      << set.output;
  const auto again = runAdmin({"kpi", "set", file.path(), "--by=Saule"}, env);
  ASSERT_EQ(again.exitCode, 0) << again.output;
  EXPECT_NE(again.output.find("updated KPI access version 2"), std::string::npos) << again.output;

  const auto show = runAdmin({"kpi", "show", "access"}, env);
  ASSERT_EQ(show.exitCode, 0) << show.output;
  EXPECT_NE(show.output.find(R"("changed_by":"Saule")"), std::string::npos) << show.output;
  const auto history = runAdmin({"kpi", "history", "access"}, env);
  ASSERT_EQ(history.exitCode, 0) << history.output;
  EXPECT_NE(history.output.find("v1  "), std::string::npos) << history.output;
  EXPECT_NE(history.output.find("by Saule  changed: nothing"), std::string::npos) << history.output;
  const auto values = runAdmin({"kpi", "values"}, env);
  ASSERT_EQ(values.exitCode, 0) << values.output;
  EXPECT_NE(values.output.find("2025-Q2  54.5 (28.0-78.7)"), std::string::npos) << values.output;
  EXPECT_NE(values.output.find("at_risk"), std::string::npos) << values.output;
  const auto list = runAdmin({"kpi", "list"}, env);
  EXPECT_NE(list.output.find("favourable access_find"), std::string::npos) << list.output;

  EXPECT_EQ(runAdmin({"kpi"}, env).exitCode, 64);
  EXPECT_EQ(runAdmin({"kpi", "show"}, env).exitCode, 64);
  TempFile bad(".json", kpiJson("bad", R"({"kind": "favourable", "item": "nope"})", kCountry, "year", R"({"period": "2025", "value": 5})",
                                R"("target": {"year": 2029, "value": 80})"));
  const auto refused = runAdmin({"kpi", "set", bad.path(), "--by=Saule"}, env);
  EXPECT_EQ(refused.exitCode, 65) << refused.output;
  EXPECT_NE(refused.output.find("metric.item"), std::string::npos) << refused.output;
}

TEST(ServerKpiDemo, DefinesTheThreeStrategyKpisOnceWithComputedBaselines) {
  ServerProcess server;
  const auto first = runAdmin({"demo", "--responses=150"}, server.schema().environment());
  ASSERT_EQ(first.exitCode, 0) << first.output;
  const auto r = http(server.port(), "GET", kKpis + "/values?lang=en", "", server.adminHeaders());
  ASSERT_EQ(r.status, 200) << r.body;
  const auto kpis = r.object()->getArray("kpis");
  ASSERT_EQ(kpis->size(), 3U) << first.output;
  std::set<std::string> ids;
  const std::set<std::string> statuses = {"on_track", "at_risk", "off_track", "insufficient_data"};
  for (std::size_t i = 0; i < kpis->size(); ++i) {
    const auto kpi = kpis->getObject(static_cast<unsigned>(i));
    ids.insert(kpi->getValue<std::string>("id"));
    SCOPED_TRACE(kpi->getValue<std::string>("id"));
    EXPECT_TRUE(kpi->getObject("baseline")->getValue<bool>("computed"));
    EXPECT_EQ(kpi->getObject("baseline")->getValue<std::string>("period").substr(0, 4), "2025");
    EXPECT_EQ(kpi->getObject("target")->getValue<int>("year"), 2029);
    EXPECT_EQ(kpi->getArray("milestones")->size(), 3U);
    EXPECT_TRUE(statuses.contains(kpi->getValue<std::string>("status")));
  }
  EXPECT_EQ(ids, (std::set<std::string>{"citizen_satisfaction", "fairness_index", "staff_engagement"}));

  // Citizens' satisfaction in its latest quarter is the summary's % favourable on `overall` there.
  const auto satisfaction = kpis->getObject(0);
  ASSERT_EQ(satisfaction->getValue<std::string>("id"), "citizen_satisfaction");
  const auto latest = satisfaction->getObject("latest");
  const std::string period = latest->getValue<std::string>("period");
  const int year = std::stoi(period.substr(0, 4));
  const int q = period.back() - '0';
  const char* ends[] = {"03-31", "06-30", "09-30", "12-31"};
  const std::string from = std::to_string(year) + "-" + (q == 1 ? "01" : q == 2 ? "04" : q == 3 ? "07" : "10") + "-01";
  const std::string to = std::to_string(year) + "-" + ends[q - 1];
  const auto summary = http(server.port(), "GET", "/api/v1/admin/surveys/court_user/summary?from=" + from + "&to=" + to, "",
                            server.adminHeaders());
  ASSERT_EQ(summary.status, 200) << summary.body;
  const auto items = summary.object()->getArray("groups")->getObject(0)->getArray("items");
  for (std::size_t i = 0; i < items->size(); ++i) {
    const auto item = items->getObject(static_cast<unsigned>(i));
    if (item->getValue<std::string>("item_id") != "overall") continue;
    EXPECT_NEAR(latest->getValue<double>("value"), 100 * item->getValue<double>("favourable"), 1e-9);
    EXPECT_EQ(latest->getValue<long long>("n"), item->getValue<long long>("n"));
  }

  const auto second = runAdmin({"demo", "--responses=150"}, server.schema().environment());
  ASSERT_EQ(second.exitCode, 0) << second.output;
  EXPECT_NE(second.output.find("KPI citizen_satisfaction: already defined"), std::string::npos) << second.output;
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM kpi_versions"), 3);
}

}  // namespace
}  // namespace courtvoice::e2e
