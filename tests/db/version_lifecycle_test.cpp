// The lifecycle of a survey version in MySQL: a draft can be edited, a published (closed,
// archived) version is frozen, only a closed version is archived, and responses of every version
// stay readable and summarisable together by item id, as one trend across versions.
#include <string>
#include <vector>

#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::MySqlCourtStore;
using mysql::MySqlResponseStore;
using mysql::MySqlSurveyStore;

class VersionLifecycleTest : public DbTest {
 protected:
  void SetUp() override {
    DbTest::SetUp();
    MySqlCourtStore courts(pool());
    courts.upsert(makeCourt("ALM-01", "almaty_city"));
  }

  std::string storedDefinition(int version) {
    return direct().queryString("SELECT definition FROM survey_versions WHERE survey_id = 'court_user' AND version = " +
                                std::to_string(version));
  }

  VersionStatus statusOf(MySqlSurveyStore& store, int version) {
    for (const auto& info : store.listVersions("court_user")) {
      if (info.version == version) return info.status;
    }
    ADD_FAILURE() << "no version " << version;
    return VersionStatus::Draft;
  }
};

SurveyDefinition edited(int version) {
  SurveyDefinition def = sampleDefinition();
  def.version = version;
  def.title = texts("Өзгертілген", "Изменённый", "Edited");
  def.items.pop_back();  // without the comment
  return def;
}

TEST_F(VersionLifecycleTest, UpdateDraftReplacesTheDraftOnly) {
  MySqlSurveyStore store(pool());
  store.createVersion(sampleDefinition());
  store.createVersion(sampleDefinition());
  const std::string first = storedDefinition(1);
  store.updateDraft(edited(2));

  const auto v2 = store.findVersion("court_user", 2);
  ASSERT_TRUE(v2);
  EXPECT_EQ(v2->version, 2);
  EXPECT_EQ(v2->title.at("en"), "Edited");
  EXPECT_EQ(v2->items.size(), sampleDefinition().items.size() - 1);
  EXPECT_EQ(storedDefinition(1), first);
  EXPECT_EQ(statusOf(store, 2), VersionStatus::Draft);
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM survey_versions WHERE updated_on IS NOT NULL AND version = 2"), 1);
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM survey_versions WHERE updated_on IS NOT NULL"), 1);
}

TEST_F(VersionLifecycleTest, PublishedClosedAndArchivedVersionsRefuseEdits) {
  MySqlSurveyStore store(pool());
  store.createVersion(sampleDefinition());
  store.publish("court_user", 1);
  const std::string published = storedDefinition(1);
  const auto expectFrozen = [&](const char* stage) {
    const DomainError error = domainErrorOf([&] { store.updateDraft(edited(1)); });
    EXPECT_EQ(error.kind(), ErrorKind::Conflict) << stage;
    EXPECT_EQ(error.code(), "version_frozen") << stage;
    EXPECT_EQ(error.field(), "version") << stage;
    EXPECT_EQ(storedDefinition(1), published) << stage;
  };
  expectFrozen("published");
  store.close("court_user");
  expectFrozen("closed");
  store.archive("court_user", 1);
  expectFrozen("archived");
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM survey_versions WHERE updated_on IS NOT NULL"), 0);
}

TEST_F(VersionLifecycleTest, UpdateDraftOfAnUnknownSurveyOrVersionIsNotFound) {
  MySqlSurveyStore store(pool());
  const DomainError noSurvey = domainErrorOf([&] { store.updateDraft(edited(1)); });
  EXPECT_EQ(noSurvey.kind(), ErrorKind::NotFound);
  EXPECT_EQ(noSurvey.code(), "unknown_survey");
  store.createVersion(sampleDefinition());
  const DomainError noVersion = domainErrorOf([&] { store.updateDraft(edited(2)); });
  EXPECT_EQ(noVersion.kind(), ErrorKind::NotFound);
  EXPECT_EQ(noVersion.code(), "unknown_version");
  EXPECT_EQ(noVersion.field(), "version");
  EXPECT_EQ(rowCount("survey_versions"), 1);
}

TEST_F(VersionLifecycleTest, UpdateDraftKeepsTheSurveysAudienceInStep) {
  MySqlSurveyStore store(pool());
  store.createVersion(sampleDefinition());
  SurveyDefinition staff = sampleDefinition();
  staff.version = 1;
  staff.audience = Audience::Staff;  // corrected before anything was published
  store.updateDraft(staff);
  EXPECT_EQ(direct().queryString("SELECT audience FROM surveys WHERE id = 'court_user'"), "staff");
  EXPECT_EQ(store.listVersions("court_user").at(0).audience, Audience::Staff);
}

TEST_F(VersionLifecycleTest, OnlyAClosedVersionIsArchived) {
  MySqlSurveyStore store(pool());
  store.createVersion(sampleDefinition());
  store.createVersion(sampleDefinition());
  const auto expectNotClosed = [&](int version, const char* stage) {
    const DomainError error = domainErrorOf([&] { store.archive("court_user", version); });
    EXPECT_EQ(error.kind(), ErrorKind::Conflict) << stage;
    EXPECT_EQ(error.code(), "not_closed") << stage;
    EXPECT_EQ(error.field(), "version") << stage;
  };
  expectNotClosed(1, "draft");
  store.publish("court_user", 1);
  expectNotClosed(1, "published");
  store.publish("court_user", 2);  // closes version 1
  store.archive("court_user", 1);
  EXPECT_EQ(statusOf(store, 1), VersionStatus::Archived);
  EXPECT_EQ(statusOf(store, 2), VersionStatus::Published);
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM survey_versions WHERE archived_on IS NOT NULL AND version = 1"),
            1);
  expectNotClosed(1, "archived");
  EXPECT_EQ(domainErrorOf([&] { store.archive("court_user", 9); }).code(), "unknown_version");
  EXPECT_EQ(domainErrorOf([&] { store.archive("nobody", 1); }).code(), "unknown_survey");
  // An archived version can be read but never published again.
  ASSERT_TRUE(store.findVersion("court_user", 1));
  EXPECT_EQ(domainErrorOf([&] { store.publish("court_user", 1); }).code(), "not_draft");
}

TEST_F(VersionLifecycleTest, TheResponseStoreReadsAnEditedDraftAfresh) {
  // Responses are normally taken only for a published version, but the store itself must never
  // validate against a stale copy of a draft that has been edited since.
  MySqlSurveyStore surveys(pool());
  MySqlResponseStore responses(pool());
  surveys.createVersion(sampleDefinition());
  EXPECT_TRUE(responses.submit(makeResponse("draft-1", "ALM-01", "2025-03-01")).created);

  SurveyDefinition withNewItem = sampleDefinition();
  withNewItem.version = 1;
  withNewItem.items.push_back(makeItem("access_signs", ItemType::Agreement5, "access"));
  surveys.updateDraft(withNewItem);
  Response answersNewItem = makeResponse("draft-2", "ALM-01", "2025-03-01");
  answersNewItem.answers.push_back(codeAnswer("access_signs", 4));
  EXPECT_TRUE(responses.submit(answersNewItem).created);
  EXPECT_EQ(rowCount("answers"), 3);
}

// Five responses to each of two versions; version 2 rewords "overall" with series_break.
TEST_F(VersionLifecycleTest, ResponsesOfEveryVersionStayReadableAndFormOneTrend) {
  MySqlSurveyStore surveys(pool());
  MySqlResponseStore responses(pool());
  const SurveyDefinition v1 = sampleDefinition();
  surveys.createVersion(v1);
  surveys.publish("court_user", 1);
  for (int i = 0; i < 5; ++i) {
    // Over January-March: a complete quarter (one with months missing is partial and not compared).
    Response response = makeResponse("v1-" + std::to_string(i), "ALM-01",
                                     "2025-0" + std::to_string(1 + i % 3) + "-1" + std::to_string(i));
    response.answers = {codeAnswer("access_find", 4), codeAnswer("overall", 5)};
    responses.submit(response);
  }

  SurveyDefinition v2 = sampleDefinition();
  v2.items[1].text = texts("Қызмет көрсетуге қанағаттандыңыз ба?", "Довольны ли вы обслуживанием?",
                           "Are you satisfied with the service?");
  v2.items[1].seriesBreak = true;
  ASSERT_TRUE(validateNewVersion(*surveys.findLatest("court_user"), v2).empty());
  surveys.createVersion(v2);
  surveys.publish("court_user", 2);  // closes version 1
  surveys.archive("court_user", 1);
  for (int i = 0; i < 5; ++i) {
    Response response = makeResponse("v2-" + std::to_string(i), "ALM-01",
                                     "2025-0" + std::to_string(4 + i % 3) + "-1" + std::to_string(i), 2);
    response.answers = {codeAnswer("access_find", 2), codeAnswer("overall", 1)};
    responses.submit(response);
  }

  // Readable: all ten, of both versions.
  std::vector<int> versions;
  responses.forEach(makeQuery("court_user"), [&](const StoredResponse& stored) {
    versions.push_back(stored.response.version);
  });
  EXPECT_EQ(versions, (std::vector<int>{1, 1, 1, 1, 1, 2, 2, 2, 2, 2}));

  // Summarisable together by item id: access_find over both, (5 x 4 + 5 x 2) / 10 = 3.
  const auto summary = analytics::summarize(*surveys.findLatest("court_user"), responses, makeQuery("court_user"), {});
  ASSERT_EQ(summary.groups.size(), 1u);
  EXPECT_EQ(summary.groups[0].responses, 10);
  EXPECT_EQ(summary.groups[0].items[0].itemId, "access_find");
  EXPECT_EQ(summary.groups[0].items[0].n, 10);
  EXPECT_DOUBLE_EQ(*summary.groups[0].items[0].mean, 3.0);

  // One trend: access_find is one series over 2025-Q1 and Q2; overall breaks at version 2 in Q2.
  surveys.createVersion(sampleDefinition());  // a draft version 3: not part of any report
  const std::vector<SurveyDefinition> definitions = loadAllVersions(surveys, "court_user", false);
  ASSERT_EQ(definitions.size(), 2u);
  const auto report = analytics::trend(definitions, responses, makeQuery("court_user"), {analytics::Period::Quarter, 0});
  ASSERT_EQ(report.items.size(), sampleDefinition().items.size());
  EXPECT_EQ(report.items[0].itemId, "access_find");
  ASSERT_EQ(report.items[0].segments.size(), 1u);
  const auto& access = report.items[0].segments[0].points;
  ASSERT_EQ(access.size(), 2u);
  EXPECT_DOUBLE_EQ(*access[0].mean, 4.0);
  EXPECT_DOUBLE_EQ(*access[1].mean, 2.0);
  ASSERT_TRUE(access[1].favourableChange);  // 5/5 favourable -> 0/5
  EXPECT_DOUBLE_EQ(access[1].favourableChange->difference, -1.0);
  ASSERT_EQ(report.breaks.size(), 1u);
  EXPECT_EQ(report.breaks[0], (analytics::SeriesBreak{"overall", 2, "2025-Q2", "series_break"}));
  EXPECT_EQ(report.items[1].segments.size(), 2u);
  EXPECT_FALSE(report.items[1].segments[1].points.at(0).favourableChange);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
