// AdminService over the in-memory stores: versions, courts and the all-or-nothing import.
#include <gtest/gtest.h>

#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::ErrorKind;
using testing::domainErrorOf;
using testing::hasField;
using testing::ServiceFixture;

std::string importResponse(const std::string& id, const std::string& answers, const std::string& date = "2025-03-01",
                           const std::string& court = "ALM-01") {
  return R"({"submission_id": ")" + id + R"(", "court": ")" + court + R"(", "channel": "paper", "language": "kk", "date": ")" +
         date + R"(", "answers": )" + answers + "}";
}

std::string importBody(int version, const std::vector<std::string>& responses) {
  std::string list;
  for (const auto& r : responses) list += (list.empty() ? "" : ",") + r;
  return R"({"version": )" + std::to_string(version) + R"(, "responses": [)" + list + "]}";
}

TEST(AdminService, CreatesNumberedDraftVersions) {
  ServiceFixture f;
  const auto first = f.admin.createVersion(testing::kSurveyJson);
  const auto second = f.admin.createVersion(testing::kSurveyJson);
  EXPECT_EQ(first.surveyId, "unit_survey");
  EXPECT_EQ(first.version, 1);
  EXPECT_EQ(second.version, 2);
  EXPECT_EQ(f.surveys.statusOf("unit_survey", 2), surveys::VersionStatus::Draft);
}

TEST(AdminService, InvalidDefinitionIsRefusedAndNothingStored) {
  ServiceFixture f;
  std::string json = testing::kSurveyJson;
  // The third item gets the id of the first: a duplicate id.
  json.replace(json.find(R"("id": "fair_listened")"), std::string(R"("id": "fair_listened")").size(), R"("id": "access_find")");

  const auto error = domainErrorOf([&] { f.admin.createVersion(json); });

  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_FALSE(error.errors().empty());
  EXPECT_TRUE(f.admin.list().empty());
}

TEST(AdminService, NewVersionMayNotChangeTheMeaningOfAKeptItem) {
  ServiceFixture f;
  f.admin.createVersion(testing::kSurveyJson);
  // "appeared" keeps its id but its answer 2 ("No") becomes 3.
  std::string changed = testing::kSurveyJson;
  const std::string no = R"({"code": 2, "label": {"kk": "Жоқ")";
  changed.replace(changed.find(no), no.size(), R"({"code": 3, "label": {"kk": "Жоқ")");

  const auto error = domainErrorOf([&] { f.admin.createVersion(changed); });

  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_TRUE(hasField(error, "items[1].id"));
  EXPECT_EQ(f.admin.list().size(), 1U);

  // Declared as a break in the series, the same change is accepted.
  const std::string id = R"("id": "appeared",)";
  changed.replace(changed.find(id), id.size(), R"("id": "appeared", "series_break": true,)");
  EXPECT_EQ(f.admin.createVersion(changed).version, 2);
}

TEST(AdminService, PublishAndCloseFollowTheLifecycle) {
  ServiceFixture f;
  f.admin.createVersion(testing::kSurveyJson);
  f.admin.publish("unit_survey", 1);
  EXPECT_EQ(f.surveys.statusOf("unit_survey", 1), surveys::VersionStatus::Published);
  EXPECT_EQ(domainErrorOf([&] { f.admin.publish("unit_survey", 1); }).kind(), ErrorKind::Conflict);
  f.admin.close("unit_survey");
  EXPECT_EQ(f.surveys.statusOf("unit_survey", 1), surveys::VersionStatus::Closed);
  EXPECT_EQ(domainErrorOf([&] { f.admin.getVersion("unit_survey", 9); }).kind(), ErrorKind::NotFound);
}

TEST(AdminService, ImportStoresAllAndCountsDuplicatesOnRerun) {
  ServiceFixture f;
  const int version = f.publishSurvey();
  const std::string body =
      importBody(version, {importResponse("paper-000001", R"({"access_find": 4})"),
                           importResponse("paper-000002", R"({"access_find": {"non_answer": "not_applicable"}, "appeared": 2})")});

  const auto first = f.admin.importResponses("unit_survey", body);
  const auto second = f.admin.importResponses("unit_survey", body);

  EXPECT_EQ(first.created, 2U);
  EXPECT_EQ(first.duplicates, 0U);
  EXPECT_EQ(second.created, 0U);
  EXPECT_EQ(second.duplicates, 2U);
  EXPECT_EQ(f.storedResponses(), 2U);
}

TEST(AdminService, ImportWithOneBadResponseStoresNothingAndNamesIt) {
  ServiceFixture f;
  const int version = f.publishSurvey();
  const std::string body =
      importBody(version, {importResponse("paper-000001", R"({"access_find": 4})"),
                           importResponse("paper-000002", R"({"access_find": 9})"),
                           importResponse("paper-000003", R"({"access_find": 2})")});

  const auto error = domainErrorOf([&] { f.admin.importResponses("unit_survey", body); });

  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_EQ(error.field(), "responses[1].answers.access_find");
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(AdminService, ImportRefusesAResponseThatAnswersNothingAndStoresNothing) {
  ServiceFixture f;
  const int version = f.publishSurvey();
  const std::string body =
      importBody(version, {importResponse("paper-000001", R"({"access_find": 4})"),
                           importResponse("paper-000002", R"({"access_find": {"non_answer": "not_applicable"}})"),
                           importResponse("paper-000003", R"({"access_find": 2, "comment": " "})")});

  const auto error = domainErrorOf([&] { f.admin.importResponses("unit_survey", body); });

  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_EQ(error.code(), "empty_response");
  EXPECT_EQ(error.field(), "responses[1].answers");
  EXPECT_EQ(error.errors().size(), 1U);
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(AdminService, ImportChecksCourtDayAndDuplicatesWithinTheFile) {
  ServiceFixture f;
  const int version = f.publishSurvey();
  f.clock.set({2025, 3, 14});
  const std::string body =
      importBody(version, {importResponse("paper-000001", R"({"access_find": 4})", "2025-03-01", "NOWHERE-1"),
                           importResponse("paper-000002", R"({"access_find": 4})", "2025-03-15"),
                           importResponse("paper-000003", R"({"access_find": 4})"),
                           importResponse("paper-000003", R"({"access_find": 5})")});

  const auto error = domainErrorOf([&] { f.admin.importResponses("unit_survey", body); });

  EXPECT_TRUE(hasField(error, "responses[0].court"));
  EXPECT_TRUE(hasField(error, "responses[1].date"));
  EXPECT_TRUE(hasField(error, "responses[3].submission_id"));
  EXPECT_FALSE(hasField(error, "responses[2].submission_id"));
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(AdminService, ImportNeedsADatePerResponse) {
  ServiceFixture f;
  const int version = f.publishSurvey();
  const std::string body = importBody(
      version, {R"({"submission_id": "paper-000001", "court": "ALM-01", "channel": "paper", "language": "ru", "answers": {"access_find": 4}})"});
  const auto error = domainErrorOf([&] { f.admin.importResponses("unit_survey", body); });
  EXPECT_EQ(error.field(), "responses[0].date");
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(AdminService, ImportIntoDraftOrUnknownVersionIsRefused) {
  ServiceFixture f;
  f.admin.createVersion(testing::kSurveyJson);  // version 1, draft
  const std::string body = importBody(1, {importResponse("paper-000001", R"({"access_find": 4})")});

  const auto draft = domainErrorOf([&] { f.admin.importResponses("unit_survey", body); });
  EXPECT_EQ(draft.kind(), ErrorKind::Conflict);
  EXPECT_EQ(draft.field(), "version");

  const auto unknown = domainErrorOf([&] { f.admin.importResponses("unit_survey", importBody(7, {})); });
  EXPECT_EQ(unknown.kind(), ErrorKind::NotFound);
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(AdminService, ImportOfMoreThanTenThousandResponsesIsTooLarge) {
  ServiceFixture f;
  const int version = f.publishSurvey();
  std::vector<std::string> many(kMaxImportResponses + 1, "{}");

  const auto error = domainErrorOf([&] { f.admin.importResponses("unit_survey", importBody(version, many)); });

  EXPECT_EQ(error.kind(), ErrorKind::TooLarge);
  EXPECT_EQ(error.field(), "responses");
}

TEST(AdminService, ImportBodyOfWrongShapeNamesTheField) {
  ServiceFixture f;
  f.publishSurvey();
  EXPECT_EQ(domainErrorOf([&] { f.admin.importResponses("unit_survey", R"({"responses": []})"); }).field(), "version");
  EXPECT_EQ(domainErrorOf([&] { f.admin.importResponses("unit_survey", R"({"version": "1", "responses": []})"); }).field(),
            "version");
  EXPECT_EQ(domainErrorOf([&] { f.admin.importResponses("unit_survey", R"({"version": 1, "responses": {}})"); }).field(),
            "responses");
  EXPECT_EQ(domainErrorOf([&] { f.admin.importResponses("unit_survey", R"({"version": 1,)"); }).code(), "malformed_json");
}

TEST(AdminService, CourtsAreAllCheckedBeforeAnyIsStored) {
  ServiceFixture f;
  auto bad = testing::makeCourt("NEW-01", "astana");
  bad.level = "galactic";
  const auto error =
      domainErrorOf([&] { f.admin.upsertCourts({testing::makeCourt("NEW-00", "astana"), bad}); });
  EXPECT_EQ(error.field(), "[1].level");
  EXPECT_FALSE(f.courts.find("NEW-00").has_value());

  EXPECT_EQ(f.admin.upsertCourts({testing::makeCourt("NEW-00", "astana")}), 1U);
  EXPECT_TRUE(f.courts.find("NEW-00").has_value());
}

}  // namespace
}  // namespace courtvoice::server
