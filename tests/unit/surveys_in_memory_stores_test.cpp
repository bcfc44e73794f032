// The in-memory stores stand in for MySQL in the analytics and server unit tests, so they must
// keep the same contract: version numbering, the publish/close lifecycle, idempotent submission,
// all-or-nothing import and query filters.
#include <gtest/gtest.h>

#include <set>
#include <string>
#include <vector>

#include "support/in_memory_stores.hpp"
#include "surveys_fixtures.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::surveys {
namespace {

using testing::InMemoryCourtStore;
using testing::InMemoryResponseStore;
using testing::InMemorySurveyStore;
using testing::domainErrorOf;

Response responseAt(const std::string& submissionId, const std::string& court, Date day) {
  Response response;
  response.submissionId = submissionId;
  response.surveyId = "court_user";
  response.version = 1;
  response.courtCode = court;
  response.language = "ru";
  response.givenOn = day;
  response.answers.push_back(Answer{"overall", std::nullopt, 4, {}, 0, {}});
  return response;
}

Court court(const std::string& code, const std::string& region) {
  return Court{code, fixtures::tri(code, code, code), region, "district", true};
}

TEST(InMemorySurveyStore, NumbersVersionsFromOneAsDrafts) {
  InMemorySurveyStore store;
  SurveyDefinition def = fixtures::sampleDefinition();
  def.version = 42;  // ignored: the store assigns numbers
  EXPECT_EQ(store.createVersion(def), 1);
  EXPECT_EQ(store.createVersion(def), 2);
  EXPECT_EQ(store.findVersion("court_user", 2)->version, 2);
  EXPECT_EQ(store.statusOf("court_user", 1), VersionStatus::Draft);
  EXPECT_FALSE(store.findPublished("court_user").has_value());
  EXPECT_EQ(store.findLatest("court_user")->version, 2);
  EXPECT_FALSE(store.findVersion("court_user", 3).has_value());
}

TEST(InMemorySurveyStore, PublishingClosesThePreviouslyPublishedVersion) {
  InMemorySurveyStore store;
  const SurveyDefinition def = fixtures::sampleDefinition();
  store.createVersion(def);
  store.createVersion(def);
  store.publish("court_user", 1);
  EXPECT_EQ(store.findPublished("court_user")->version, 1);
  store.publish("court_user", 2);
  EXPECT_EQ(store.findPublished("court_user")->version, 2);
  EXPECT_EQ(store.statusOf("court_user", 1), VersionStatus::Closed);
  const auto versions = store.listVersions("court_user");
  ASSERT_EQ(versions.size(), 2u);
  EXPECT_EQ(versions[0].status, VersionStatus::Closed);
  EXPECT_EQ(versions[1].status, VersionStatus::Published);
  EXPECT_EQ(versions[1].audience, Audience::Citizen);
}

TEST(InMemorySurveyStore, RefusesLifecycleStepsOutOfOrder) {
  InMemorySurveyStore store;
  store.createVersion(fixtures::sampleDefinition());
  const DomainError noPublished = domainErrorOf([&] { store.close("court_user"); });
  EXPECT_EQ(noPublished.kind(), ErrorKind::Conflict);
  EXPECT_EQ(noPublished.code(), "not_published");
  store.publish("court_user", 1);
  const DomainError twice = domainErrorOf([&] { store.publish("court_user", 1); });
  EXPECT_EQ(twice.kind(), ErrorKind::Conflict);
  EXPECT_EQ(twice.code(), "not_draft");
  store.close("court_user");
  EXPECT_FALSE(store.findPublished("court_user").has_value());
  EXPECT_EQ(store.findLatest("court_user")->version, 1);  // results stay readable after closing
  EXPECT_EQ(domainErrorOf([&] { store.publish("court_user", 1); }).code(), "not_draft");
}

TEST(InMemorySurveyStore, ReportsUnknownSurveysAndVersionsAsNotFound) {
  InMemorySurveyStore store;
  store.createVersion(fixtures::sampleDefinition());
  EXPECT_EQ(domainErrorOf([&] { store.publish("nope", 1); }).kind(), ErrorKind::NotFound);
  EXPECT_EQ(domainErrorOf([&] { store.publish("court_user", 2); }).kind(), ErrorKind::NotFound);
  EXPECT_EQ(domainErrorOf([&] { store.close("nope"); }).kind(), ErrorKind::NotFound);
  EXPECT_TRUE(store.listVersions("nope").empty());
}

TEST(InMemorySurveyStore, UpdateDraftReplacesTheDraftsDefinition) {
  InMemorySurveyStore store;
  store.createVersion(fixtures::sampleDefinition());
  store.createVersion(fixtures::sampleDefinition());
  SurveyDefinition edited = fixtures::sampleDefinition();
  edited.version = 2;
  edited.title = fixtures::tri("Жаңа", "Новый", "Edited");
  edited.items.pop_back();
  store.updateDraft(edited);
  EXPECT_EQ(store.findVersion("court_user", 2)->title.at("en"), "Edited");
  EXPECT_EQ(store.findVersion("court_user", 2)->items.size(), edited.items.size());
  EXPECT_EQ(store.findVersion("court_user", 2)->version, 2);
  EXPECT_EQ(store.findVersion("court_user", 1)->title.at("en"), "Court user survey");  // the other draft untouched
  EXPECT_EQ(store.statusOf("court_user", 2), VersionStatus::Draft);
}

TEST(InMemorySurveyStore, PublishedClosedAndArchivedVersionsAreFrozen) {
  InMemorySurveyStore store;
  store.createVersion(fixtures::sampleDefinition());
  store.publish("court_user", 1);
  SurveyDefinition edited = fixtures::sampleDefinition();
  edited.version = 1;
  edited.title = fixtures::tri("Жаңа", "Новый", "Edited");
  const auto expectFrozen = [&](const char* stage) {
    const DomainError error = domainErrorOf([&] { store.updateDraft(edited); });
    EXPECT_EQ(error.kind(), ErrorKind::Conflict) << stage;
    EXPECT_EQ(error.code(), "version_frozen") << stage;
    EXPECT_EQ(error.field(), "version") << stage;
    EXPECT_EQ(store.findVersion("court_user", 1)->title.at("en"), "Court user survey") << stage;
  };
  expectFrozen("published");
  store.close("court_user");
  expectFrozen("closed");
  store.archive("court_user", 1);
  expectFrozen("archived");
}

TEST(InMemorySurveyStore, UpdateDraftOfAnUnknownVersionIsNotFound) {
  InMemorySurveyStore store;
  SurveyDefinition def = fixtures::sampleDefinition();
  def.version = 1;
  EXPECT_EQ(domainErrorOf([&] { store.updateDraft(def); }).code(), "unknown_survey");
  store.createVersion(def);
  def.version = 2;
  const DomainError error = domainErrorOf([&] { store.updateDraft(def); });
  EXPECT_EQ(error.kind(), ErrorKind::NotFound);
  EXPECT_EQ(error.code(), "unknown_version");
}

TEST(InMemorySurveyStore, OnlyAClosedVersionCanBeArchived) {
  InMemorySurveyStore store;
  store.createVersion(fixtures::sampleDefinition());
  store.createVersion(fixtures::sampleDefinition());
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
  EXPECT_EQ(store.statusOf("court_user", 1), VersionStatus::Archived);
  EXPECT_EQ(store.statusOf("court_user", 2), VersionStatus::Published);
  expectNotClosed(1, "archived");
  EXPECT_EQ(domainErrorOf([&] { store.archive("court_user", 3); }).code(), "unknown_version");
  EXPECT_EQ(domainErrorOf([&] { store.archive("nope", 1); }).code(), "unknown_survey");
  // Archived versions are still listed and readable; they never accept responses again.
  ASSERT_TRUE(store.findVersion("court_user", 1).has_value());
  EXPECT_EQ(store.listVersions("court_user")[0].status, VersionStatus::Archived);
  EXPECT_EQ(domainErrorOf([&] { store.publish("court_user", 1); }).code(), "not_draft");
}

TEST(InMemorySurveyStore, ClosingLeavesNoVersionAcceptingResponses) {
  // The server accepts responses only for findPublished(); after close (and archive) there is none.
  InMemorySurveyStore store;
  store.createVersion(fixtures::sampleDefinition());
  store.publish("court_user", 1);
  ASSERT_TRUE(store.findPublished("court_user").has_value());
  store.close("court_user");
  EXPECT_FALSE(store.findPublished("court_user").has_value());
  store.archive("court_user", 1);
  EXPECT_FALSE(store.findPublished("court_user").has_value());
  EXPECT_EQ(store.findLatest("court_user")->version, 1);
}

TEST(InMemoryResponseStore, ResponsesToAnArchivedVersionStayReadable) {
  InMemorySurveyStore surveys;
  InMemoryResponseStore store(nullptr, &surveys);
  surveys.createVersion(fixtures::sampleDefinition());
  surveys.publish("court_user", 1);
  store.submit(responseAt("submission-1", "ALM-01", {2025, 3, 14}));
  surveys.close("court_user");
  surveys.archive("court_user", 1);
  std::vector<int> versions;
  store.forEach({"court_user", {}, {}, {}, {}}, [&](const StoredResponse& stored) {
    versions.push_back(stored.response.version);
  });
  EXPECT_EQ(versions, (std::vector<int>{1}));
}

TEST(InMemoryResponseStore, RepeatedSubmissionIdStoresNothingAndReturnsTheFirstId) {
  InMemoryResponseStore store;
  const SubmitResult first = store.submit(responseAt("submission-1", "ALM-01", {2025, 3, 14}));
  const SubmitResult again = store.submit(responseAt("submission-1", "ALM-01", {2025, 3, 14}));
  const SubmitResult other = store.submit(responseAt("submission-2", "ALM-01", {2025, 3, 14}));
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.responseId, first.responseId);
  EXPECT_TRUE(other.created);
  EXPECT_NE(other.responseId, first.responseId);
  EXPECT_EQ(store.count({}), 2u);
}

TEST(InMemoryResponseStore, RefusesACourtMissingFromTheRegistry) {
  InMemoryCourtStore courts;
  courts.upsert(court("ALM-01", "almaty_city"));
  InMemoryResponseStore store(&courts);
  const DomainError error = domainErrorOf([&] { store.submit(responseAt("submission-1", "AST-01", {2025, 3, 14})); });
  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_EQ(error.code(), "unknown_court");
  EXPECT_EQ(error.field(), "court");
  EXPECT_EQ(store.count({}), 0u);
}

TEST(InMemoryResponseStore, RefusesAnUnknownSurveyVersionWhenGivenTheSurveyStore) {
  InMemorySurveyStore surveys;
  InMemoryResponseStore store(nullptr, &surveys);
  const DomainError error = domainErrorOf([&] { store.submit(responseAt("submission-1", "ALM-01", {2025, 3, 14})); });
  EXPECT_EQ(error.kind(), ErrorKind::NotFound);
  surveys.createVersion(fixtures::sampleDefinition());
  EXPECT_TRUE(store.submit(responseAt("submission-1", "ALM-01", {2025, 3, 14})).created);
}

TEST(InMemoryResponseStore, ImportIsAllOrNothing) {
  InMemoryCourtStore courts;
  courts.upsert(court("ALM-01", "almaty_city"));
  InMemoryResponseStore store(&courts);
  const std::vector<Response> withBadCourt = {responseAt("paper-0001", "ALM-01", {2025, 1, 10}),
                                              responseAt("paper-0002", "XXX-99", {2025, 1, 10})};
  const DomainError error = domainErrorOf([&] { store.importBulk(withBadCourt); });
  EXPECT_EQ(error.code(), "unknown_court");
  EXPECT_EQ(error.field(), "responses[1].court");
  EXPECT_EQ(store.count({}), 0u);

  store.submit(responseAt("paper-0001", "ALM-01", {2025, 1, 10}));
  const std::vector<Response> batch = {responseAt("paper-0001", "ALM-01", {2025, 1, 10}),
                                       responseAt("paper-0002", "ALM-01", {2025, 1, 10}),
                                       responseAt("paper-0002", "ALM-01", {2025, 1, 10}),
                                       responseAt("paper-0003", "ALM-01", {2025, 1, 11})};
  EXPECT_EQ(store.importBulk(batch), 2u);  // paper-0001 was stored before; paper-0002 repeats
  EXPECT_EQ(store.count({}), 3u);
}

TEST(InMemoryResponseStore, FiltersByCourtRegionSurveyAndInclusiveDates) {
  InMemoryCourtStore courts;
  courts.upsert(court("ALM-01", "almaty_city"));
  courts.upsert(court("ALM-02", "almaty_city"));
  courts.upsert(court("AST-01", "astana_city"));
  InMemoryResponseStore store(&courts);
  store.submit(responseAt("resp-0001", "ALM-01", {2025, 1, 1}));
  store.submit(responseAt("resp-0002", "ALM-02", {2025, 1, 31}));
  store.submit(responseAt("resp-0003", "AST-01", {2025, 2, 1}));
  Response otherSurvey = responseAt("resp-0004", "AST-01", {2025, 1, 15});
  otherSurvey.surveyId = "court_staff";
  store.submit(otherSurvey);

  const auto courtsOf = [&](const ResponseQuery& query) {
    std::multiset<std::string> seen;
    store.forEach(query, [&](const StoredResponse& stored) { seen.insert(stored.response.courtCode + "@" + stored.region); });
    EXPECT_EQ(store.count(query), seen.size());
    return seen;
  };
  using Seen = std::multiset<std::string>;
  EXPECT_EQ(courtsOf({"court_user", {}, {}, {}, {}}),
            (Seen{"ALM-01@almaty_city", "ALM-02@almaty_city", "AST-01@astana_city"}));
  EXPECT_EQ(courtsOf({"court_user", {"ALM-02", "AST-01"}, {}, {}, {}}),
            (Seen{"ALM-02@almaty_city", "AST-01@astana_city"}));
  EXPECT_EQ(courtsOf({"court_user", {}, {"almaty_city"}, {}, {}}),
            (Seen{"ALM-01@almaty_city", "ALM-02@almaty_city"}));
  EXPECT_EQ(courtsOf({"court_user", {}, {}, Date{2025, 1, 1}, Date{2025, 1, 31}}),
            (Seen{"ALM-01@almaty_city", "ALM-02@almaty_city"}));
  EXPECT_EQ(courtsOf({"court_user", {}, {}, Date{2025, 1, 2}, {}}),
            (Seen{"ALM-02@almaty_city", "AST-01@astana_city"}));
  EXPECT_EQ(courtsOf({"court_staff", {}, {}, {}, {}}), (Seen{"AST-01@astana_city"}));
}

}  // namespace
}  // namespace courtvoice::surveys
