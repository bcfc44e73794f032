// Versions and their lifecycle through AdminService over the in-memory stores: editing a draft,
// frozen versions, archiving, compatibility with earlier and later versions, the diff.
#include <gtest/gtest.h>

#include "../support/version_samples.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

using surveys::ErrorKind;
using surveys::VersionStatus;
using testing::domainErrorOf;
using testing::hasField;
using testing::kSurveyJson;
using testing::ServiceFixture;

const std::string kSurveyV2Json = surveys::testing::secondVersionJson("unit_survey");

// kSurveyJson with one piece of text replaced (which must be there).
std::string edited(std::string json, const std::string& from, const std::string& to) {
  const auto at = json.find(from);
  EXPECT_NE(at, std::string::npos) << from;
  if (at != std::string::npos) json.replace(at, from.size(), to);
  return json;
}

const std::string kNoOption = R"({"code": 2, "label": {"kk": "Жоқ")";
const std::string kNoOptionRecoded = R"({"code": 3, "label": {"kk": "Жоқ")";

TEST(AdminLifecycle, DraftIsReplacedAndStaysADraft) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);

  const auto updated = f.admin.updateDraft("unit_survey", 1, edited(kSurveyJson, R"("en": "Survey")", R"("en": "Court survey")"));

  EXPECT_EQ(updated.surveyId, "unit_survey");
  EXPECT_EQ(updated.version, 1);
  EXPECT_EQ(f.surveys.statusOf("unit_survey", 1), VersionStatus::Draft);
  EXPECT_EQ(f.admin.getVersion("unit_survey", 1).title.at("en"), "Court survey");
  EXPECT_EQ(f.admin.list().size(), 1U) << "an edit makes no new version";
}

TEST(AdminLifecycle, PublishedClosedAndArchivedVersionsAreFrozen) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);
  f.admin.publish("unit_survey", 1);
  const std::string newTitle = edited(kSurveyJson, R"("en": "Survey")", R"("en": "Changed")");

  const auto published = domainErrorOf([&] { f.admin.updateDraft("unit_survey", 1, newTitle); });
  EXPECT_EQ(published.kind(), ErrorKind::Conflict);
  EXPECT_EQ(published.code(), "version_frozen");
  EXPECT_EQ(published.field(), "version");

  f.admin.close("unit_survey");
  EXPECT_EQ(domainErrorOf([&] { f.admin.updateDraft("unit_survey", 1, newTitle); }).code(), "version_frozen");
  f.admin.archive("unit_survey", 1);
  EXPECT_EQ(domainErrorOf([&] { f.admin.updateDraft("unit_survey", 1, newTitle); }).code(), "version_frozen");
  // Even a body that is not a definition at all: the version's status answers first.
  EXPECT_EQ(domainErrorOf([&] { f.admin.updateDraft("unit_survey", 1, "[]"); }).code(), "version_frozen");

  EXPECT_EQ(f.admin.getVersion("unit_survey", 1).title.at("en"), "Survey");
}

TEST(AdminLifecycle, DraftEditNamesAnotherSurveyOrUnknownVersion) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);

  const auto other = domainErrorOf(
      [&] { f.admin.updateDraft("unit_survey", 1, edited(kSurveyJson, R"("id": "unit_survey")", R"("id": "other_survey")")); });
  EXPECT_EQ(other.kind(), ErrorKind::Invalid);
  EXPECT_EQ(other.field(), "id");

  EXPECT_EQ(domainErrorOf([&] { f.admin.updateDraft("unit_survey", 2, kSurveyJson); }).code(), "version_not_found");
  EXPECT_EQ(domainErrorOf([&] { f.admin.updateDraft("nope", 1, kSurveyJson); }).code(), "survey_not_found");
  EXPECT_EQ(domainErrorOf([&] { f.admin.updateDraft("nope", 1, kSurveyJson); }).kind(), ErrorKind::NotFound);
}

TEST(AdminLifecycle, DraftEditIsValidatedAndAFailureChangesNothing) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);
  // The Russian title removed: translations incomplete.
  const auto error = domainErrorOf(
      [&] { f.admin.updateDraft("unit_survey", 1, edited(kSurveyJson, R"("ru": "Опрос", )", "")); });

  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_TRUE(hasField(error, "title.ru")) << error.what();
  EXPECT_EQ(f.admin.getVersion("unit_survey", 1).title.at("ru"), "Опрос");
}

TEST(AdminLifecycle, DraftEditMayNotChangeTheMeaningOfAnItemKeptFromAnEarlierVersion) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);
  f.admin.publish("unit_survey", 1);
  f.admin.createVersion(kSurveyJson);  // version 2, draft

  // "appeared" keeps its id in the draft, but "No" is recoded from 2 to 3.
  const std::string recoded = edited(kSurveyJson, kNoOption, kNoOptionRecoded);
  const auto error = domainErrorOf([&] { f.admin.updateDraft("unit_survey", 2, recoded); });
  EXPECT_EQ(error.code(), "incompatible_item");
  EXPECT_TRUE(hasField(error, "items[1].id"));
  EXPECT_EQ(f.admin.getVersion("unit_survey", 2).items[1].options[1].code, 2);

  // Declared as a break in its series, the same edit is accepted.
  const std::string declared = edited(recoded, R"("id": "appeared",)", R"("id": "appeared", "series_break": true,)");
  EXPECT_EQ(f.admin.updateDraft("unit_survey", 2, declared).version, 2);
  EXPECT_EQ(f.admin.getVersion("unit_survey", 2).items[1].options[1].code, 3);
}

TEST(AdminLifecycle, DraftEditThatALaterVersionNoLongerFitsIsRefused) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);  // 1, draft
  f.admin.createVersion(kSurveyJson);  // 2, draft, made from 1's text: keeps "appeared" as it was

  const auto error =
      domainErrorOf([&] { f.admin.updateDraft("unit_survey", 1, edited(kSurveyJson, kNoOption, kNoOptionRecoded)); });

  EXPECT_EQ(error.code(), "breaks_later_version");
  EXPECT_TRUE(hasField(error, "items[1].id")) << "the draft's own item is named";
  EXPECT_NE(std::string(error.what()).find("version 2"), std::string::npos) << error.what();
  EXPECT_EQ(f.admin.getVersion("unit_survey", 1).items[1].options[1].code, 2);
}

TEST(AdminLifecycle, NewVersionIsCheckedAgainstEveryEarlierVersion) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);
  f.admin.publish("unit_survey", 1);
  // Version 2 drops "appeared" (and fair_listened, whose condition needs it).
  std::string withoutAppeared = kSurveyV2Json;
  const auto from = withoutAppeared.find(R"({"id": "appeared")");
  const auto to = withoutAppeared.find(R"({"id": "wait_time")");
  withoutAppeared.erase(from, to - from);
  ASSERT_EQ(f.admin.createVersion(withoutAppeared).version, 2);
  f.admin.publish("unit_survey", 2);

  // Version 3 brings "appeared" back recoded: version 1 had it, so the change is refused.
  const auto error = domainErrorOf([&] { f.admin.createVersion(edited(kSurveyJson, kNoOption, kNoOptionRecoded)); });

  EXPECT_EQ(error.code(), "incompatible_item");
  EXPECT_TRUE(hasField(error, "items[1].id"));
  EXPECT_EQ(f.admin.list().size(), 2U);
}

TEST(AdminLifecycle, OnlyAClosedVersionIsArchived) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);
  const auto draft = domainErrorOf([&] { f.admin.archive("unit_survey", 1); });
  EXPECT_EQ(draft.kind(), ErrorKind::Conflict);
  EXPECT_EQ(draft.code(), "not_closed");

  f.admin.publish("unit_survey", 1);
  EXPECT_EQ(domainErrorOf([&] { f.admin.archive("unit_survey", 1); }).code(), "not_closed");
  EXPECT_EQ(f.surveys.statusOf("unit_survey", 1), VersionStatus::Published);

  f.admin.close("unit_survey");
  f.admin.archive("unit_survey", 1);
  EXPECT_EQ(f.surveys.statusOf("unit_survey", 1), VersionStatus::Archived);
  EXPECT_EQ(domainErrorOf([&] { f.admin.archive("unit_survey", 1); }).code(), "not_closed") << "archived once only";
  EXPECT_EQ(domainErrorOf([&] { f.admin.archive("unit_survey", 4); }).kind(), ErrorKind::NotFound);
  EXPECT_EQ(domainErrorOf([&] { f.admin.archive("nope", 1); }).kind(), ErrorKind::NotFound);
}

TEST(AdminLifecycle, DiffOfTheFirstVersionAddsEveryItem) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);

  const auto changes = f.admin.diffWithPrevious("unit_survey", 1);

  EXPECT_FALSE(changes.previousVersion.has_value());
  EXPECT_EQ(changes.diff.added, (std::vector<std::string>{"access_find", "appeared", "fair_listened", "comment"}));
  EXPECT_TRUE(changes.diff.removed.empty());
  EXPECT_TRUE(changes.diff.kept.empty());
  EXPECT_TRUE(changes.diff.broken.empty());
}

TEST(AdminLifecycle, DiffComparesWithTheNewestEarlierVersion) {
  ServiceFixture f;
  f.admin.createVersion(kSurveyJson);
  f.admin.createVersion(kSurveyJson);
  f.admin.createVersion(kSurveyV2Json);  // 3: against 2, which has the same items as 1

  const auto changes = f.admin.diffWithPrevious("unit_survey", 3);

  EXPECT_EQ(changes.previousVersion, 2);
  EXPECT_EQ(changes.diff.added, std::vector<std::string>{"wait_time"});
  EXPECT_EQ(changes.diff.removed, std::vector<std::string>{"comment"});
  EXPECT_EQ(changes.diff.kept, (std::vector<std::string>{"access_find", "appeared"}));
  EXPECT_EQ(changes.diff.broken, std::vector<std::string>{"fair_listened"});
  EXPECT_EQ(domainErrorOf([&] { f.admin.diffWithPrevious("unit_survey", 4); }).kind(), ErrorKind::NotFound);
}

}  // namespace
}  // namespace courtvoice::server
