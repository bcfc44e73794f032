// KpiService over the in-memory stores: the definition's shape and its checks against the survey
// and the registry (each problem named by its field), the computed baseline, versions and their
// changes, and the values of a period (favourable, index, NPS, option share) from the engine.
#include <gtest/gtest.h>

#include "../support/in_memory_kpi_store.hpp"
#include "courtvoice/server/kpi_json.hpp"
#include "courtvoice/server/kpi_service.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server::testing {
namespace {

using surveys::DomainError;

std::string kpiJson(const std::string& metric, const std::string& scope = R"({"kind": "country"})",
                    const std::string& baseline = R"({"period": "2024"})",
                    const std::string& plan = R"("target": {"year": 2029, "value": 80})", const std::string& id = "k1") {
  return R"({"id": ")" + id + R"(", "name": {"kk": "Көрсеткіш", "ru": "Показатель", "en": "Indicator"}, "survey_id": "unit_survey", )"
         R"("metric": )" + metric + R"(, "scope": )" + scope + R"(, "period": "year", "baseline": )" + baseline + ", " + plan + "}";
}

const std::string kFavourable = R"({"kind": "favourable", "item": "access_find"})";

std::string replaced(std::string text, const std::string& from, const std::string& to) {
  const auto at = text.find(from);
  EXPECT_NE(at, std::string::npos) << from << " in " << text;
  if (at != std::string::npos) text.replace(at, from.size(), to);
  return text;
}

struct KpiFixture : ServiceFixture {
  KpiFixture() {
    clock.set({2025, 3, 14});
    version = publishSurvey();
  }

  /// Responses in ALM-01 on `day`, one per access_find value (appeared = 1 when `appeared`).
  void add(const surveys::Date& day, const std::vector<int>& values, const std::string& court = "ALM-01") {
    importAccessFind(version, day, values, court, true);
  }

  surveys::testing::InMemoryKpiStore kpiStore;
  KpiService kpis{surveys, courts, kpiStore, engine, clock, [] { return std::string("2025-03-14 09:00:00"); }};
  int version = 0;
};

TEST(KpiDefinitionJson, ShapeProblemsNameTheirFields) {
  const auto error = domainErrorOf([] {
    surveys::parseKpiDefinition(R"({"id": "a", "name": {"ru": "x"}, "survey_id": 5, "metric": {"kind": "mean"},
      "scope": {"kind": "region"}, "period": "month", "baseline": {}, "milestones": [{"year": "2026"}], "target": {"year": 2029}})");
  });
  for (const char* field : {"name.kk", "name.en", "survey_id", "metric.kind", "scope.region", "period", "baseline.period",
                            "milestones[0].year", "milestones[0].value", "target.value"}) {
    EXPECT_TRUE(hasField(error, field)) << field;
  }
}

TEST(KpiDefinitionJson, WritesWhatItReads) {
  const auto kpi = surveys::parseKpiDefinition(
      kpiJson(R"({"kind": "option_share", "item": "appeared", "options": [1]})", R"({"kind": "level", "level": "district"})",
              R"({"period": "2024", "value": 40.5})", R"("milestones": [{"year": 2026, "value": 45}], "target": {"year": 2029, "value": 60}, "direction": "lower")"));
  const auto again = surveys::parseKpiDefinition(surveys::kpiDefinitionToJson(kpi));
  EXPECT_EQ(surveys::kpiDefinitionToJson(again), surveys::kpiDefinitionToJson(kpi));
  EXPECT_EQ(again.metric.options, std::vector<int>{1});
  EXPECT_EQ(again.scope.code, "district");
  EXPECT_FALSE(again.higherIsBetter);
  EXPECT_EQ(again.baseline.value, 40.5);
}

TEST(KpiValidation, ChecksTheMetricScopeAndPlanAgainstTheSurvey) {
  KpiFixture f;
  struct Case {
    std::string json;
    std::string field;
    std::string code;
  };
  const std::vector<Case> cases = {
      {kpiJson(R"({"kind": "favourable", "item": "nope"})"), "metric.item", "unknown_item"},
      {kpiJson(R"({"kind": "favourable", "item": "comment"})"), "metric.item", "wrong_item_type"},
      {kpiJson(R"({"kind": "nps", "item": "access_find"})"), "metric.item", "wrong_item_type"},
      {kpiJson(R"({"kind": "index", "index": "nope"})"), "metric.index", "unknown_index"},
      {kpiJson(R"({"kind": "option_share", "item": "appeared", "options": [1, 1]})"), "metric.options[1]", "duplicate_option"},
      {kpiJson(R"({"kind": "option_share", "item": "access_find", "options": [6]})"), "metric.options[0]", "unknown_option"},
      {kpiJson(kFavourable, R"({"kind": "level", "level": "village"})"), "scope.level", "unknown_level"},
      {kpiJson(kFavourable, R"({"kind": "court", "court": "NOPE"})"), "scope.court", "unknown_court"},
      {kpiJson(kFavourable, R"({"kind": "country"})", R"({"period": "2024", "value": -1})"), "baseline.value", "out_of_range"},
      {kpiJson(kFavourable, R"({"kind": "country"})", R"({"period": "2024", "value": 50})",
               R"("milestones": [{"year": 2024, "value": 50}], "target": {"year": 2029, "value": 80})"),
       "milestones[0].year", "out_of_order"},
      {kpiJson(kFavourable, R"({"kind": "country"})", R"({"period": "2024", "value": 50})",
               R"("milestones": [{"year": 2026, "value": 50}, {"year": 2026, "value": 55}], "target": {"year": 2029, "value": 80})"),
       "milestones[1].year", "out_of_order"},
      {kpiJson(kFavourable, R"({"kind": "country"})", R"({"period": "2024", "value": 50})", R"("target": {"year": 2024, "value": 80})"),
       "target.year", "out_of_order"},
      {kpiJson(kFavourable, R"({"kind": "country"})", R"({"period": "2025"})"), "baseline.period", "period_not_complete"},
      {kpiJson(kFavourable, R"({"kind": "country"})", R"({"period": "2024"})"), "baseline.period", "no_data"},
      {kpiJson(kFavourable, R"({"kind": "country"})", R"({"period": "2024", "value": 5})", R"("target": {"year": 2029, "value": 8})", "values"),
       "id", "invalid_id"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.json);
    const auto error = domainErrorOf([&] { f.kpis.create(c.json, "tester"); });
    EXPECT_TRUE(hasField(error, c.field)) << error.what();
    bool coded = error.code() == c.code;
    for (const auto& e : error.errors()) coded = coded || (e.field == c.field && e.code == c.code);
    EXPECT_TRUE(coded) << c.code << " / " << error.code();
  }
  EXPECT_TRUE(f.kpiStore.list(true).empty());
  EXPECT_NO_THROW(f.kpis.create(kpiJson(kFavourable, R"({"kind": "country"})", R"({"period": "2024", "value": 40})"), "tester"));
}

TEST(KpiValidation, ACourtScopeNeedsASurveyReportedByCourt) {
  KpiFixture f;
  const std::string notByCourt =
      replaced(replaced(kSurveyJson, "\"unit_survey\"", "\"staff_survey\""), "\"min_group_size\": 5,",
               "\"min_group_size\": 5, \"report_by_court\": false,");
  f.admin.publish("staff_survey", f.admin.createVersion(notByCourt).version);
  const std::string json = replaced(
      kpiJson(kFavourable, R"({"kind": "court", "court": "ALM-01"})", R"({"period": "2024", "value": 50})"), "unit_survey",
      "staff_survey");
  const auto error = domainErrorOf([&] { f.kpis.create(json, "tester"); });
  EXPECT_TRUE(hasField(error, "scope.court"));
  EXPECT_EQ(error.code(), "not_allowed");
}

TEST(KpiService, ComputesTheBaselineAndKeepsItAcrossAnUnchangedEdit) {
  KpiFixture f;
  f.add({2024, 5, 2}, {5, 4, 4, 2, 1, 3, 5, 4});  // 5 of 8 favourable
  const auto created = f.kpis.create(kpiJson(kFavourable), "Aigerim");
  EXPECT_EQ(created.version, 1);
  EXPECT_DOUBLE_EQ(*created.definition.baseline.value, 62.5);
  EXPECT_TRUE(created.definition.baseline.computed);
  EXPECT_EQ(created.changedOn, "2025-03-14 09:00:00");

  // Sent back as GET shows it, with a new target: the baseline stays computed.
  const std::string edited =
      replaced(kpiRecordJson(created), R"("target":{"year":2029,"value":80})", R"("target":{"year":2029,"value":85})");
  const auto updated = f.kpis.update("k1", edited, "Daulet");
  EXPECT_EQ(updated.version, 2);
  EXPECT_TRUE(updated.definition.baseline.computed);
  EXPECT_EQ(updated.changedBy, "Daulet") << "the header names the caller, not the changed_by GET gave back";
  const auto history = f.kpis.history("k1");
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(kpiChanges(history[0], history[1]), std::vector<std::string>{"target"});
  // A baseline value typed in is not "computed".
  const std::string typed =
      replaced(kpiRecordJson(updated), R"("value":62.5,"computed":true)", R"("value":61,"computed":true)");
  EXPECT_FALSE(f.kpis.update("k1", typed, "Daulet").definition.baseline.computed);
  EXPECT_EQ(domainErrorOf([&] { f.kpis.update("k2", typed, "x"); }).code(), "id_mismatch");
  EXPECT_EQ(domainErrorOf([&] { f.kpis.get("zzz"); }).kind(), surveys::ErrorKind::NotFound);
}

TEST(KpiService, ReadsEachMetricFromThePeriodsSummary) {
  KpiFixture f;
  f.add({2024, 5, 2}, {5, 4, 4, 2, 1, 3, 5, 4});
  f.clock.set({2026, 1, 10});
  surveys::KpiDefinition kpi = surveys::parseKpiDefinition(kpiJson(kFavourable));
  const auto favourable = f.kpis.measure(kpi, "2024");
  EXPECT_DOUBLE_EQ(*favourable.reading.value, 62.5);
  const auto wilson = analytics::wilsonInterval(5, 8);
  EXPECT_DOUBLE_EQ(favourable.reading.ci->low, 100 * wilson.low);
  EXPECT_EQ(favourable.n, 8);

  kpi.metric = {surveys::KpiMetricKind::OptionShare, "appeared", "", {1}};
  const auto share = f.kpis.measure(kpi, "2024");
  EXPECT_DOUBLE_EQ(*share.reading.value, 62.5);  // appeared = 1 exactly when access_find >= 4
  kpi.metric = {surveys::KpiMetricKind::Index, "", "access_index", {}};
  // (5-1, 4-1, 4-1, 2-1, 0, 3-1, 5-1, 4-1) * 25 = 100, 75, 75, 25, 0, 50, 100, 75: mean 62.5
  EXPECT_DOUBLE_EQ(*f.kpis.measure(kpi, "2024").reading.value, 62.5);

  // Four responses in ALM-01 in 2025: suppressed; 2023: none at all.
  f.add({2025, 6, 1}, {5, 5, 5, 5});
  // Five more in January 2026, a year not complete on 10 January (no period of the evaluation):
  // without them the months after 2024 would hold only the four of 2025, and the disclosure rule
  // (docs/analytics.md, "Complementary suppression") would refuse 2024 too, as 2024 = all - 2025.
  f.add({2026, 1, 5}, {1, 2, 3, 4, 5});
  kpi.metric = {surveys::KpiMetricKind::Favourable, "access_find", "", {}};
  EXPECT_TRUE(f.kpis.measure(kpi, "2025").reading.suppressed);
  EXPECT_FALSE(f.kpis.measure(kpi, "2025").reading.value);
  EXPECT_FALSE(f.kpis.measure(kpi, "2023").hasData);

  // The evaluation: 2024 (62.5) and 2025 (suppressed); the latest is 2025: insufficient data.
  f.kpis.create(kpiJson(kFavourable), "Aigerim");
  const auto all = f.kpis.evaluateAll();
  ASSERT_EQ(all.size(), 1U);
  ASSERT_EQ(all[0].series.size(), 2U);
  EXPECT_EQ(all[0].latest->period, "2025");
  EXPECT_EQ(all[0].status, analytics::KpiStatus::InsufficientData);
}

}  // namespace
}  // namespace courtvoice::server::testing
