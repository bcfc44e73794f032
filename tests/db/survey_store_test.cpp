// MySqlSurveyStore: versions and their lifecycle.
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::MySqlSurveyStore;

class SurveyStoreTest : public DbTest {};

VersionStatus statusOf(MySqlSurveyStore& store, const std::string& surveyId, int version) {
  for (const auto& info : store.listVersions(surveyId)) {
    if (info.version == version) return info.status;
  }
  ADD_FAILURE() << "no version " << version;
  return VersionStatus::Archived;
}

TEST_F(SurveyStoreTest, NumbersVersionsAndKeepsEachDefinition) {
  MySqlSurveyStore store(pool());
  SurveyDefinition first = sampleDefinition();
  SurveyDefinition second = sampleDefinition();
  second.items.pop_back();  // version 2 drops the comment item
  second.version = 77;      // ignored: the store numbers versions
  EXPECT_EQ(store.createVersion(first), 1);
  EXPECT_EQ(store.createVersion(second), 2);
  EXPECT_EQ(store.createVersion(sampleDefinition("judges")), 1);

  const auto v1 = store.findVersion("court_user", 1);
  const auto v2 = store.findVersion("court_user", 2);
  ASSERT_TRUE(v1 && v2);
  EXPECT_EQ(v1->version, 1);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v1->items.size(), first.items.size());
  EXPECT_EQ(v2->items.size(), first.items.size() - 1);
  EXPECT_FALSE(store.findVersion("court_user", 3));
  EXPECT_FALSE(store.findVersion("nobody", 1));
  ASSERT_TRUE(store.findLatest("court_user"));
  EXPECT_EQ(store.findLatest("court_user")->version, 2);
  EXPECT_FALSE(store.findLatest("nobody"));

  const auto all = store.listVersions();
  ASSERT_EQ(all.size(), 3U);
  EXPECT_EQ(all[0].surveyId, "court_user");
  EXPECT_EQ(all[0].version, 1);
  EXPECT_EQ(all[0].status, VersionStatus::Draft);
  EXPECT_EQ(all[0].audience, Audience::Citizen);
  EXPECT_EQ(all[0].title.at("en"), "Court user survey");
  EXPECT_EQ(all[2].surveyId, "judges");
  EXPECT_EQ(store.listVersions("court_user").size(), 2U);
}

TEST_F(SurveyStoreTest, PublishingClosesThePreviouslyPublishedVersion) {
  MySqlSurveyStore store(pool());
  store.createVersion(sampleDefinition());
  store.createVersion(sampleDefinition());
  EXPECT_FALSE(store.findPublished("court_user"));

  store.publish("court_user", 1);
  ASSERT_TRUE(store.findPublished("court_user"));
  EXPECT_EQ(store.findPublished("court_user")->version, 1);

  store.publish("court_user", 2);
  ASSERT_TRUE(store.findPublished("court_user"));
  EXPECT_EQ(store.findPublished("court_user")->version, 2);
  EXPECT_EQ(statusOf(store, "court_user", 1), VersionStatus::Closed);
  EXPECT_EQ(statusOf(store, "court_user", 2), VersionStatus::Published);
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM survey_versions WHERE status = 'published'"), 1);
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM survey_versions WHERE published_on IS NOT NULL"), 2);
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM survey_versions WHERE closed_on IS NOT NULL"), 1);
}

TEST_F(SurveyStoreTest, RefusesLifecycleStepsOutOfOrder) {
  MySqlSurveyStore store(pool());
  store.createVersion(sampleDefinition());
  store.publish("court_user", 1);

  const auto again = domainErrorOf([&] { store.publish("court_user", 1); });
  EXPECT_EQ(again.kind(), ErrorKind::Conflict);
  EXPECT_EQ(again.code(), "not_draft");
  EXPECT_EQ(again.field(), "version");

  const auto missingVersion = domainErrorOf([&] { store.publish("court_user", 9); });
  EXPECT_EQ(missingVersion.kind(), ErrorKind::NotFound);
  EXPECT_EQ(missingVersion.code(), "unknown_version");

  const auto missingSurvey = domainErrorOf([&] { store.publish("nobody", 1); });
  EXPECT_EQ(missingSurvey.kind(), ErrorKind::NotFound);
  EXPECT_EQ(missingSurvey.code(), "unknown_survey");
  EXPECT_EQ(domainErrorOf([&] { store.close("nobody"); }).kind(), ErrorKind::NotFound);

  store.close("court_user");
  EXPECT_FALSE(store.findPublished("court_user"));
  EXPECT_EQ(statusOf(store, "court_user", 1), VersionStatus::Closed);
  // Results stay readable after closing.
  ASSERT_TRUE(store.findLatest("court_user"));
  EXPECT_EQ(store.findLatest("court_user")->version, 1);

  const auto closeAgain = domainErrorOf([&] { store.close("court_user"); });
  EXPECT_EQ(closeAgain.kind(), ErrorKind::Conflict);
  EXPECT_EQ(closeAgain.code(), "not_published");
  // A closed version cannot be published again; a new draft can.
  EXPECT_EQ(domainErrorOf([&] { store.publish("court_user", 1); }).kind(), ErrorKind::Conflict);
  EXPECT_EQ(store.createVersion(sampleDefinition()), 2);
  store.publish("court_user", 2);
  EXPECT_EQ(store.findPublished("court_user")->version, 2);
}

TEST_F(SurveyStoreTest, TheDatabaseRefusesASecondPublishedVersion) {
  MySqlSurveyStore store(pool());
  store.createVersion(sampleDefinition());
  store.createVersion(sampleDefinition());
  store.publish("court_user", 1);
  // Even a write that bypasses the store cannot leave two versions accepting responses.
  EXPECT_THROW(direct().execute("UPDATE survey_versions SET status = 'published' WHERE version = 2"),
               sql::SQLException);
  EXPECT_EQ(statusOf(store, "court_user", 2), VersionStatus::Draft);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
