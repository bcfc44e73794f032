// MySqlKpiStore against the real MariaDB: versions 1, 2, ... with who, when and why; the current
// version; archived KPIs listed only on request; expected-version conflicts; Kazakh text kept.
#include <thread>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/mysql_kpi_store.hpp"
#include "db/db_fixture.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::MySqlKpiStore;

class KpiStoreTest : public DbTest {};

KpiRecord makeKpi(const std::string& id, double target, const std::string& by) {
  KpiRecord record;
  auto& kpi = record.definition;
  kpi.id = id;
  kpi.name = {{"kk", "Азаматтардың қанағаттануы ә ғ қ ң ө ұ ү һ і"}, {"ru", "Удовлетворённость ё"}, {"en", "Satisfaction"}};
  kpi.surveyId = "court_user";
  kpi.metric = {KpiMetricKind::OptionShare, "role", "", {1, 3}};
  kpi.scope = {KpiScopeKind::Region, "almaty_city"};
  kpi.period = KpiPeriodUnit::Quarter;
  kpi.baseline = {"2025-Q4", 57.647058823529406, true};
  kpi.milestones = {{2026, 60.5}, {2027, 63}};
  kpi.target = {2029, target};
  kpi.higherIsBetter = false;
  record.changedBy = by;
  record.changedOn = "2026-11-30 10:15:00";
  record.note = "первая версия";
  return record;
}

TEST_F(KpiStoreTest, EverySaveIsANewVersionAndTheHistoryKeepsThemAll) {
  MySqlKpiStore store(pool());
  EXPECT_EQ(store.save(makeKpi("satisfaction", 70, "Айгерім"), 0), 1);
  auto second = makeKpi("satisfaction", 75, "Daulet");
  second.changedOn = "2026-12-01 08:00:05";
  second.note = "raised";
  EXPECT_EQ(store.save(second, 1), 2);

  const auto current = store.find("satisfaction");
  ASSERT_TRUE(current);
  EXPECT_EQ(current->version, 2);
  EXPECT_EQ(current->definition.target.value, 75);
  EXPECT_EQ(current->changedBy, "Daulet");
  EXPECT_EQ(current->changedOn, "2026-12-01 08:00:05");
  // Everything of the definition comes back as it went in.
  const auto& kpi = current->definition;
  EXPECT_EQ(kpi.name.at("kk"), "Азаматтардың қанағаттануы ә ғ қ ң ө ұ ү һ і");
  EXPECT_EQ(kpi.metric.kind, KpiMetricKind::OptionShare);
  EXPECT_EQ(kpi.metric.options, (std::vector<int>{1, 3}));
  EXPECT_EQ(kpi.scope.kind, KpiScopeKind::Region);
  EXPECT_EQ(kpi.scope.code, "almaty_city");
  EXPECT_EQ(kpi.period, KpiPeriodUnit::Quarter);
  EXPECT_EQ(kpi.baseline.value, 57.647058823529406);
  EXPECT_TRUE(kpi.baseline.computed);
  ASSERT_EQ(kpi.milestones.size(), 2U);
  EXPECT_EQ(kpi.milestones[0].value, 60.5);
  EXPECT_FALSE(kpi.higherIsBetter);

  const auto history = store.history("satisfaction");
  ASSERT_EQ(history.size(), 2U);
  EXPECT_EQ(history[0].version, 1);
  EXPECT_EQ(history[0].changedBy, "Айгерім");
  EXPECT_EQ(history[0].note, "первая версия");
  EXPECT_EQ(history[0].definition.target.value, 70);
  EXPECT_EQ(history[1].note, "raised");
  EXPECT_EQ(rowCount("kpi_versions"), 2);
  EXPECT_TRUE(store.history("nope").empty());
  EXPECT_FALSE(store.find("nope"));
}

TEST_F(KpiStoreTest, ConflictsWhenTheVersionEditedIsNotCurrentOrTheIdExists) {
  MySqlKpiStore store(pool());
  store.save(makeKpi("a", 70, "x"), 0);
  try {
    store.save(makeKpi("a", 70, "x"), 0);
    FAIL() << "a second KPI with the same id";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.code(), "kpi_exists");
    EXPECT_EQ(e.field(), "id");
  }
  store.save(makeKpi("a", 71, "y"), 1);
  try {
    store.save(makeKpi("a", 72, "z"), 1);
    FAIL() << "an edit of version 1 after version 2";
  } catch (const DomainError& e) {
    EXPECT_EQ(e.kind(), ErrorKind::Conflict);
    EXPECT_EQ(e.code(), "version_conflict");
  }
  EXPECT_EQ(store.find("a")->definition.target.value, 71);
  // Without an expected version the save is the next one.
  EXPECT_EQ(store.save(makeKpi("a", 73, "z"), std::nullopt), 3);
}

TEST_F(KpiStoreTest, ArchivedKpisAreListedOnlyWhenAsked) {
  MySqlKpiStore store(pool());
  store.save(makeKpi("b", 70, "x"), 0);
  store.save(makeKpi("a", 70, "x"), 0);
  auto archived = makeKpi("b", 70, "y");
  archived.archived = true;
  store.save(archived, 1);
  const auto current = store.list(false);
  ASSERT_EQ(current.size(), 1U);
  EXPECT_EQ(current[0].definition.id, "a");
  const auto all = store.list(true);
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].definition.id, "a");
  EXPECT_TRUE(all[1].archived);
  EXPECT_TRUE(store.history("b")[1].archived);
  EXPECT_FALSE(store.history("b")[0].archived);
}

TEST_F(KpiStoreTest, ConcurrentSavesGetConsecutiveVersions) {
  MySqlKpiStore store(pool());
  store.save(makeKpi("c", 70, "x"), 0);
  std::vector<std::thread> threads;
  for (int i = 0; i < 4; ++i) {
    threads.emplace_back([&store, i] { store.save(makeKpi("c", 70 + i, "t" + std::to_string(i)), std::nullopt); });
  }
  for (auto& thread : threads) thread.join();
  const auto history = store.history("c");
  ASSERT_EQ(history.size(), 5U);
  for (std::size_t i = 0; i < history.size(); ++i) EXPECT_EQ(history[i].version, static_cast<int>(i) + 1);
  EXPECT_EQ(store.find("c")->version, 5);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
