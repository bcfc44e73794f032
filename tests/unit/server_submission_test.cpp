// SubmissionService over the in-memory stores: what a respondent's submission leads to.
#include <gtest/gtest.h>

#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::ErrorKind;
using testing::responseBody;
using testing::ServiceFixture;

std::vector<surveys::StoredResponse> storedOf(ServiceFixture& f) {
  std::vector<surveys::StoredResponse> out;
  surveys::ResponseQuery query;
  query.surveyId = "unit_survey";
  f.responses.forEach(query, [&](const surveys::StoredResponse& r) { out.push_back(r); });
  return out;
}

// Runs `call`, expecting a DomainError; returns it for inspection.
template <typename Call>
DomainError domainErrorOf(Call&& call) {
  try {
    call();
  } catch (const DomainError& e) {
    return e;
  }
  ADD_FAILURE() << "expected a DomainError";
  return DomainError(ErrorKind::Invalid, "none", "no error was thrown");
}

TEST(SubmissionService, StoresValidResponseWithTodaysDayAndPublishedVersion) {
  ServiceFixture f;
  const int version = f.publishSurvey();
  f.clock.set({2025, 6, 2});

  const auto result = f.submission.submit("unit_survey", responseBody("sub-00000001", R"({"access_find": 4, "appeared": 1, "fair_listened": 5})"));

  EXPECT_TRUE(result.created);
  EXPECT_FALSE(result.responseId.empty());
  const auto stored = storedOf(f);
  ASSERT_EQ(stored.size(), 1U);
  EXPECT_EQ(stored[0].response.givenOn, (surveys::Date{2025, 6, 2}));
  EXPECT_EQ(stored[0].response.version, version);
  EXPECT_EQ(stored[0].response.surveyId, "unit_survey");
  EXPECT_EQ(stored[0].response.courtCode, "ALM-01");
  EXPECT_EQ(stored[0].response.answers.size(), 3U);
}

TEST(SubmissionService, RepeatedSubmissionIdReturnsFirstResponseIdAndStoresNothing) {
  ServiceFixture f;
  f.publishSurvey();
  const std::string body = responseBody("sub-retry-0001", R"({"access_find": 3})");

  const auto first = f.submission.submit("unit_survey", body);
  const auto second = f.submission.submit("unit_survey", body);

  EXPECT_TRUE(first.created);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.responseId, first.responseId);
  EXPECT_EQ(f.storedResponses(), 1U);
}

TEST(SubmissionService, UnknownSurveyIsNotFound) {
  ServiceFixture f;
  const auto error = domainErrorOf([&] { f.submission.submit("nope", responseBody("sub-00000001", R"({"access_find": 3})")); });
  EXPECT_EQ(error.kind(), ErrorKind::NotFound);
  EXPECT_EQ(error.code(), "survey_not_found");
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(SubmissionService, DraftOnlySurveyIsNotFoundAndClosedSurveyIsConflict) {
  ServiceFixture f;
  f.admin.createVersion(testing::kSurveyJson);  // a draft only: unknown to the public (issue 10)
  const std::string body = responseBody("sub-00000001", R"({"access_find": 3})");
  auto error = domainErrorOf([&] { f.submission.submit("unit_survey", body); });
  EXPECT_EQ(error.kind(), ErrorKind::NotFound);
  EXPECT_EQ(error.code(), "survey_not_found");

  f.admin.publish("unit_survey", 1);
  f.admin.close("unit_survey");
  error = domainErrorOf([&] { f.submission.submit("unit_survey", body); });
  EXPECT_EQ(error.kind(), ErrorKind::Conflict);
  EXPECT_EQ(error.code(), "survey_not_accepting");
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(SubmissionService, BodyNamingAnotherVersionIsConflict) {
  ServiceFixture f;
  f.publishSurvey();
  f.publishSurvey();  // version 2 is published now, version 1 closed

  const auto error = domainErrorOf(
      [&] { f.submission.submit("unit_survey", responseBody("sub-00000001", R"({"access_find": 3})", "ALM-01", R"("version": 1, )")); });

  EXPECT_EQ(error.kind(), ErrorKind::Conflict);
  EXPECT_EQ(error.code(), "version_not_published");
  EXPECT_EQ(error.field(), "version");
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(SubmissionService, UnknownOrInactiveCourtIsInvalidOnCourtField) {
  ServiceFixture f;
  f.publishSurvey();
  f.courts.upsert(testing::makeCourt("OLD-01", "astana", /*active=*/false));

  for (const std::string court : {"NOWHERE-1", "OLD-01"}) {
    const auto error =
        domainErrorOf([&] { f.submission.submit("unit_survey", responseBody("sub-" + court, R"({"access_find": 3})", court)); });
    EXPECT_EQ(error.kind(), ErrorKind::Invalid) << court;
    EXPECT_EQ(error.code(), "unknown_court") << court;
    EXPECT_EQ(error.field(), "court") << court;
  }
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(SubmissionService, ReportsEveryInvalidAnswerAndStoresNothing) {
  ServiceFixture f;
  f.publishSurvey();

  // access_find out of range; fair_listened answered although "appeared" is "no" (hidden).
  const auto error = domainErrorOf(
      [&] { f.submission.submit("unit_survey", responseBody("sub-00000001", R"({"access_find": 6, "appeared": 2, "fair_listened": 4})")); });

  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  std::vector<std::string> fields;
  for (const auto& e : error.errors()) fields.push_back(e.field);
  EXPECT_NE(std::find(fields.begin(), fields.end(), "answers.access_find"), fields.end());
  EXPECT_NE(std::find(fields.begin(), fields.end(), "answers.fair_listened"), fields.end());
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(SubmissionService, RequiredItemMissingIsNamed) {
  ServiceFixture f;
  f.publishSurvey();
  const auto error = domainErrorOf([&] { f.submission.submit("unit_survey", responseBody("sub-00000001", R"({"appeared": 2})")); });
  EXPECT_EQ(error.field(), "answers.access_find");
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(SubmissionService, ResponseThatAnswersNothingIsRefusedAndNotCounted) {
  ServiceFixture f;
  f.publishSurvey();
  const auto error = domainErrorOf([&] {
    f.submission.submit("unit_survey",
                        responseBody("sub-00000001", R"({"access_find": {"non_answer": "not_applicable"}, "comment": "   "})"));
  });
  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_EQ(error.code(), "empty_response");
  EXPECT_EQ(error.field(), "answers");
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(SubmissionService, RespondentCannotChooseTheDay) {
  ServiceFixture f;
  f.publishSurvey();
  const auto error = domainErrorOf([&] {
    f.submission.submit("unit_survey",
                        responseBody("sub-00000001", R"({"access_find": 3})", "ALM-01", R"("date": "2024-01-01", )"));
  });
  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_EQ(error.field(), "date");
  EXPECT_EQ(f.storedResponses(), 0U);
}

TEST(SubmissionService, PublishedDefinitionAndActiveCourtsForThePages) {
  ServiceFixture f;
  const int version = f.publishSurvey();
  f.courts.upsert(testing::makeCourt("OLD-01", "astana", /*active=*/false));

  EXPECT_EQ(f.submission.publishedDefinition("unit_survey").version, version);
  std::vector<std::string> codes;
  for (const auto& court : f.submission.activeCourts()) codes.push_back(court.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"ALM-01", "AST-01"}));
}

}  // namespace
}  // namespace courtvoice::server
