// Change stamps of the survey and court stores: they move with every change, by any process,
// and stay put on reads and on changes that were refused.
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::ConnectionPool;
using mysql::MySqlCourtStore;
using mysql::MySqlSurveyStore;

class ChangeStampTest : public DbTest {};

TEST_F(ChangeStampTest, SurveyStampMovesOnEveryKindOfChangeAndNotOnReads) {
  MySqlSurveyStore store(pool());
  // A second process with its own connections: a cache there must see the changes made here.
  ConnectionPool otherPool(pool().config());
  MySqlSurveyStore other(otherPool);
  MySqlCourtStore courts(pool());
  const auto courtStamp = courts.changeStamp();

  std::int64_t last = other.changeStamp();
  const auto expectMoved = [&](const char* what) {
    const auto now = other.changeStamp();
    EXPECT_NE(now, last) << what;
    EXPECT_EQ(store.changeStamp(), now) << what;
    last = now;
  };
  const auto expectUnchanged = [&](const char* what) { EXPECT_EQ(other.changeStamp(), last) << what; };

  store.createVersion(sampleDefinition());
  expectMoved("createVersion");
  SurveyDefinition edited = sampleDefinition();
  edited.version = 1;
  edited.items.pop_back();
  store.updateDraft(edited);
  expectMoved("updateDraft");
  store.publish("court_user", 1);
  expectMoved("publish");
  store.createVersion(sampleDefinition());
  expectMoved("createVersion 2");
  store.publish("court_user", 2);  // closes version 1 as well
  expectMoved("publish 2");
  store.close("court_user");
  expectMoved("close");
  store.archive("court_user", 1);
  expectMoved("archive");

  store.findPublished("court_user");
  store.findVersion("court_user", 2);
  store.findLatest("court_user");
  store.listVersions();
  expectUnchanged("reads");
  // Refused changes roll back with their stamp.
  EXPECT_EQ(domainErrorOf([&] { store.publish("court_user", 1); }).code(), "not_draft");
  EXPECT_EQ(domainErrorOf([&] { store.close("court_user"); }).code(), "not_published");
  EXPECT_EQ(domainErrorOf([&] { store.updateDraft(edited); }).code(), "version_frozen");
  expectUnchanged("refused changes");
  EXPECT_EQ(courts.changeStamp(), courtStamp);  // each kind of data has its own stamp
}

TEST_F(ChangeStampTest, CourtStampMovesOnEveryUpsertAndNotOnReads) {
  MySqlCourtStore store(pool());
  ConnectionPool otherPool(pool().config());
  MySqlCourtStore other(otherPool);
  MySqlSurveyStore surveys(pool());
  const auto surveyStamp = surveys.changeStamp();

  const auto before = other.changeStamp();
  store.upsert(makeCourt("ALM-01", "almaty_city"));
  const auto afterInsert = other.changeStamp();
  EXPECT_NE(afterInsert, before);
  Court renamed = makeCourt("ALM-01", "almaty_city");
  renamed.name["en"] = "Almaty district court No. 1";
  store.upsert(renamed);
  const auto afterUpdate = other.changeStamp();
  EXPECT_NE(afterUpdate, afterInsert);

  store.find("ALM-01");
  store.list();
  EXPECT_EQ(other.changeStamp(), afterUpdate);
  EXPECT_EQ(store.changeStamp(), afterUpdate);
  EXPECT_EQ(surveys.changeStamp(), surveyStamp);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
