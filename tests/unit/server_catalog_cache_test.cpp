// CatalogCache: submissions are checked against surveys and courts held in memory; this process's
// own changes are seen at once, another process's once the check interval has passed.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>

#include "courtvoice/server/catalog_cache.hpp"
#include "courtvoice/server/invalidating_stores.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::ErrorKind;
using testing::makeCourt;

class FakeMonotonicClock final : public MonotonicClock {
 public:
  std::chrono::steady_clock::time_point now() const override { return now_; }
  void advance(std::chrono::milliseconds by) { now_ += by; }

 private:
  std::chrono::steady_clock::time_point now_{std::chrono::seconds(1000)};
};

/// The survey store counting the reads that reach it, to show that a warm cache reads nothing.
class CountingSurveyStore final : public surveys::SurveyStore {
 public:
  explicit CountingSurveyStore(surveys::SurveyStore& inner) : inner_(inner) {}
  int createVersion(const surveys::SurveyDefinition& def) override { return inner_.createVersion(def); }
  void updateDraft(const surveys::SurveyDefinition& def) override { inner_.updateDraft(def); }
  void publish(const std::string& id, int version) override { inner_.publish(id, version); }
  void close(const std::string& id) override { inner_.close(id); }
  void archive(const std::string& id, int version) override { inner_.archive(id, version); }
  std::optional<surveys::SurveyDefinition> findPublished(const std::string& id) override {
    ++reads;
    return inner_.findPublished(id);
  }
  std::optional<surveys::SurveyDefinition> findVersion(const std::string& id, int version) override {
    ++reads;
    ++definitionReads;
    return inner_.findVersion(id, version);
  }
  std::optional<surveys::SurveyDefinition> findLatest(const std::string& id) override {
    ++reads;
    return inner_.findLatest(id);
  }
  std::vector<surveys::SurveyVersionInfo> listVersions(const std::optional<std::string>& id = {}) override {
    ++reads;
    return inner_.listVersions(id);
  }
  std::int64_t changeStamp() override {
    ++reads;
    return inner_.changeStamp();
  }
  std::atomic<int> reads{0};
  std::atomic<int> definitionReads{0};

 private:
  surveys::SurveyStore& inner_;
};

/// A published survey (version 1) and two courts in the in-memory stores, a cache with a 1 s
/// interval, and the invalidating stores this process's admin service would use.
struct CatalogFixture {
  CatalogFixture() {
    courts.upsert(makeCourt("ALM-01", "almaty_city"));
    courts.upsert(makeCourt("AST-01", "astana"));
    const int version = admin.createVersion(testing::kSurveyJson).version;
    admin.publish("unit_survey", version);
  }
  /// A second version of the survey, created and published by "another process" (straight on
  /// the stores, so the cache is not told).
  void publishVersion2Elsewhere() {
    otherAdmin.createVersion(testing::kSurveyJson);
    otherAdmin.publish("unit_survey", 2);
  }

  surveys::testing::InMemorySurveyStore memorySurveys;
  surveys::testing::InMemoryCourtStore courts;
  surveys::testing::InMemoryResponseStore responses{&courts};
  CountingSurveyStore surveys{memorySurveys};
  FakeMonotonicClock monotonic;
  testing::FakeClock clock;
  CatalogCache catalog{surveys, courts, monotonic, std::chrono::milliseconds(1000)};
  InvalidatingSurveyStore localSurveys{surveys, catalog};
  InvalidatingCourtStore localCourts{courts, catalog};
  AdminService admin{localSurveys, responses, localCourts, clock};
  AdminService otherAdmin{memorySurveys, responses, courts, clock};
};

TEST(CatalogCache, WarmCacheParsesTheDefinitionOnceAndReadsNoStore) {
  CatalogFixture f;
  const auto def = f.catalog.published("unit_survey");
  EXPECT_EQ(def->version, 1);
  const int readsWhenWarm = f.surveys.reads.load();
  for (int i = 0; i < 100; ++i) {
    EXPECT_EQ(f.catalog.published("unit_survey").get(), def.get());  // the same parsed object
    EXPECT_TRUE(f.catalog.isActiveCourt("ALM-01"));
    EXPECT_FALSE(f.catalog.isActiveCourt("NOPE-01"));
  }
  EXPECT_EQ(f.surveys.reads.load(), readsWhenWarm);
  EXPECT_EQ(f.surveys.definitionReads.load(), 1);
}

TEST(CatalogCache, UnknownAndUnpublishedSurveysAreRefusedFromMemory) {
  CatalogFixture f;
  f.admin.createVersion(R"({"id": "draft_only")" + testing::kSurveyJson.substr(testing::kSurveyJson.find(',')));
  EXPECT_EQ(testing::domainErrorOf([&] { f.catalog.published("no_such_survey"); }).code(), "survey_not_found");
  // Drafts only: the public is not told that the survey exists (issue 10), 404 as for an unknown one.
  const auto draftOnly = testing::domainErrorOf([&] { f.catalog.published("draft_only"); });
  EXPECT_EQ(draftOnly.code(), "survey_not_found");
  EXPECT_EQ(draftOnly.kind(), ErrorKind::NotFound);
  const int reads = f.surveys.reads.load();
  EXPECT_EQ(testing::domainErrorOf([&] { f.catalog.published("no_such_survey"); }).kind(), ErrorKind::NotFound);
  EXPECT_EQ(f.surveys.reads.load(), reads);
}

TEST(CatalogCache, ChangesThroughThisProcessAreSeenAtOnce) {
  CatalogFixture f;
  EXPECT_EQ(f.catalog.published("unit_survey")->version, 1);
  f.admin.createVersion(testing::kSurveyJson);
  f.admin.publish("unit_survey", 2);
  EXPECT_EQ(f.catalog.published("unit_survey")->version, 2);  // no time has passed

  f.admin.close("unit_survey");
  EXPECT_EQ(testing::domainErrorOf([&] { f.catalog.published("unit_survey"); }).code(), "survey_not_accepting");

  EXPECT_TRUE(f.catalog.isActiveCourt("AST-01"));
  f.admin.upsertCourts({makeCourt("AST-01", "astana", /*active=*/false), makeCourt("KAR-01", "karaganda")});
  EXPECT_FALSE(f.catalog.isActiveCourt("AST-01"));
  EXPECT_TRUE(f.catalog.isActiveCourt("KAR-01"));
  std::vector<std::string> codes;
  for (const auto& court : f.catalog.activeCourts()) codes.push_back(court.code);
  EXPECT_EQ(codes, (std::vector<std::string>{"ALM-01", "KAR-01"}));
}

TEST(CatalogCache, AnotherProcessChangeIsSeenOnceTheIntervalHasPassed) {
  CatalogFixture f;
  EXPECT_EQ(f.catalog.published("unit_survey")->version, 1);
  f.publishVersion2Elsewhere();
  f.courts.upsert(makeCourt("ALM-01", "almaty_city", /*active=*/false));  // also elsewhere

  f.monotonic.advance(std::chrono::milliseconds(999));
  EXPECT_EQ(f.catalog.published("unit_survey")->version, 1);  // within the stated staleness
  EXPECT_TRUE(f.catalog.isActiveCourt("ALM-01"));
  f.monotonic.advance(std::chrono::milliseconds(1));
  EXPECT_EQ(f.catalog.published("unit_survey")->version, 2);
  EXPECT_FALSE(f.catalog.isActiveCourt("ALM-01"));
}

TEST(CatalogCache, UnchangedStampsAfterTheIntervalReloadNothing) {
  CatalogFixture f;
  f.catalog.published("unit_survey");
  const auto loads = f.catalog.loads();
  for (int i = 0; i < 5; ++i) {
    f.monotonic.advance(std::chrono::milliseconds(1500));
    EXPECT_EQ(f.catalog.published("unit_survey")->version, 1);
  }
  EXPECT_EQ(f.catalog.loads(), loads);
}

TEST(CatalogCache, RecheckAfterRefreshNowRefusesWhatChangedElsewhereWithinTheInterval) {
  CatalogFixture f;
  f.catalog.published("unit_survey");
  surveys::Response response;
  response.surveyId = "unit_survey";
  response.version = 1;
  response.courtCode = "ALM-01";
  f.catalog.recheck(response);  // fine now

  f.publishVersion2Elsewhere();
  f.catalog.recheck(response);  // the cache does not know yet
  f.catalog.refreshNow();       // what the committer does before each batch
  const DomainError replaced = testing::domainErrorOf([&] { f.catalog.recheck(response); });
  EXPECT_EQ(replaced.code(), "version_not_published");
  EXPECT_EQ(replaced.kind(), ErrorKind::Conflict);

  response.version = 2;
  f.catalog.recheck(response);
  f.otherAdmin.close("unit_survey");
  f.courts.upsert(makeCourt("AST-01", "astana", /*active=*/false));
  f.catalog.refreshNow();
  EXPECT_EQ(testing::domainErrorOf([&] { f.catalog.recheck(response); }).code(), "survey_not_accepting");
  f.otherAdmin.createVersion(testing::kSurveyJson);
  f.otherAdmin.publish("unit_survey", 3);
  f.catalog.refreshNow();
  response.version = 3;
  response.courtCode = "AST-01";
  const DomainError court = testing::domainErrorOf([&] { f.catalog.recheck(response); });
  EXPECT_EQ(court.code(), "unknown_court");
  EXPECT_EQ(court.field(), "court");
}

TEST(CatalogCache, SubmissionThroughCatalogAndGroupCommitIsCreatedThenDuplicate) {
  CatalogFixture f;
  GroupCommitter committer(f.responses, GroupCommitSettings{},
                           {[&] { f.catalog.refreshNow(); }, [&](const surveys::Response& r) { f.catalog.recheck(r); }});
  SubmissionService submission(f.catalog, f.responses, f.clock, {}, &committer);
  const auto body = testing::responseBody("sub-00000001", R"({"access_find": 4})");
  const auto created = submission.submit("unit_survey", body);
  EXPECT_TRUE(created.created);
  const auto again = submission.submit("unit_survey", body);
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.responseId, created.responseId);

  // Closed elsewhere: the stale catalog still parses it, the commit-time check refuses it.
  f.otherAdmin.close("unit_survey");
  const DomainError closed =
      testing::domainErrorOf([&] { submission.submit("unit_survey", testing::responseBody("sub-00000002", R"({"access_find": 3})")); });
  EXPECT_EQ(closed.code(), "survey_not_accepting");
  EXPECT_EQ(f.responses.size(), 1u);
}

}  // namespace
}  // namespace courtvoice::server
