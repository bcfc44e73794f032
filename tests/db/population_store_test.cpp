// MySqlPopulationStore against the real MariaDB: a set is stored and read back in file order; a
// new set replaces the old one whole; clear removes it; sets of two surveys stay apart.
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_population_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::MySqlCourtStore;
using mysql::MySqlPopulationStore;
using mysql::MySqlSurveyStore;

class PopulationStoreTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    MySqlSurveyStore surveys(pool());
    surveys.createVersion(sampleDefinition("court_user"));
    surveys.createVersion(sampleDefinition("court_staff"));
    MySqlCourtStore courts(pool());
    courts.upsert(makeCourt("ALM-01", "almaty_city"));
    courts.upsert(makeCourt("AST-01", "astana"));
  }
};

PopulationSet makeSet(const std::string& survey, std::vector<PopulationCell> cells, const std::string& by) {
  return PopulationSet{survey, std::move(cells), by, "2026-12-01 03:10:00"};
}

TEST_F(PopulationStoreTest, StoresASetAndReadsItBackInFileOrder) {
  MySqlPopulationStore store(pool());
  EXPECT_FALSE(store.find("court_user"));
  const std::vector<PopulationCell> cells = {
      {"AST-01", 2, 1200}, {"ALM-01", 1, 3400}, {"ALM-01", 2, 0}, {"AST-01", 1, 9000000000LL}};
  store.replace(makeSet("court_user", cells, "Айгерім Сапарова"));
  const auto found = store.find("court_user");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->surveyId, "court_user");
  EXPECT_EQ(found->cells, cells);  // order of the file, a zero count and a count above 2^32 kept
  EXPECT_EQ(found->loadedBy, "Айгерім Сапарова");
  EXPECT_EQ(found->loadedOn, "2026-12-01 03:10:00");
  EXPECT_EQ(rowCount("population_counts"), 4);
}

TEST_F(PopulationStoreTest, ANewSetReplacesTheOldOneWhole) {
  MySqlPopulationStore store(pool());
  store.replace(makeSet("court_user", {{"ALM-01", 1, 10}, {"ALM-01", 2, 20}, {"AST-01", 1, 30}}, "first"));
  auto second = makeSet("court_user", {{"AST-01", std::nullopt, 500}, {"ALM-01", std::nullopt, 700}}, "second");
  second.loadedOn = "2026-12-02 09:00:00";
  store.replace(second);
  const auto found = store.find("court_user");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->cells, second.cells);  // whole courts now; nothing left of the first set
  EXPECT_EQ(found->loadedBy, "second");
  EXPECT_EQ(found->loadedOn, "2026-12-02 09:00:00");
  EXPECT_EQ(rowCount("population_counts"), 2);
  EXPECT_EQ(rowCount("population_sets"), 1);
}

TEST_F(PopulationStoreTest, ClearRemovesOnlyThatSurveysSet) {
  MySqlPopulationStore store(pool());
  store.replace(makeSet("court_user", {{"ALM-01", std::nullopt, 10}}, "a"));
  store.replace(makeSet("court_staff", {{"AST-01", std::nullopt, 40}}, "b"));
  EXPECT_TRUE(store.clear("court_user"));
  EXPECT_FALSE(store.clear("court_user"));  // nothing left to clear
  EXPECT_FALSE(store.find("court_user"));
  const auto staff = store.find("court_staff");
  ASSERT_TRUE(staff);
  EXPECT_EQ(staff->cells, (std::vector<PopulationCell>{{"AST-01", std::nullopt, 40}}));
  EXPECT_EQ(rowCount("population_counts"), 1);
}

TEST_F(PopulationStoreTest, AnEmptySetIsASetWithNoCells) {
  MySqlPopulationStore store(pool());
  store.replace(makeSet("court_user", {}, ""));
  const auto found = store.find("court_user");
  ASSERT_TRUE(found);
  EXPECT_TRUE(found->cells.empty());
}

}  // namespace
}  // namespace courtvoice::surveys::testing
