// The store contract (stores.hpp, kpi_store.hpp), one set of cases run against both the
// in-memory fakes the unit tests use (tests/support) and the MySQL stores: what the fakes claim
// to follow is checked, not assumed (issue 10). Each interface with both implementations is here:
// SurveyStore, CourtStore, InvitationStore, ResponseStore with ResponseFeed, KpiStore.
#include <gtest/gtest.h>

#include <algorithm>
#include <memory>
#include <set>
#include <string>
#include <type_traits>

#include "courtvoice/surveys/invitation_code.hpp"
#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_invitation_store.hpp"
#include "courtvoice/surveys/mysql/mysql_kpi_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"
#include "support/domain_error_of.hpp"
#include "support/in_memory_kpi_store.hpp"
#include "support/in_memory_stores.hpp"

namespace courtvoice::surveys::testing {
namespace {

/// The fakes, wired as the unit tests wire them (the response store knows courts, versions and
/// invitation codes).
class InMemoryBackend {
 public:
  SurveyStore& surveys() { return surveys_; }
  CourtStore& courts() { return courts_; }
  InvitationStore& invitations() { return invitations_; }
  ResponseStore& responses() { return responses_; }
  ResponseFeed& feed() { return responses_; }
  KpiStore& kpis() { return kpis_; }

 private:
  InMemorySurveyStore surveys_;
  InMemoryCourtStore courts_;
  InMemoryInvitationStore invitations_;
  InMemoryResponseStore responses_{&courts_, &surveys_, &invitations_};
  InMemoryKpiStore kpis_;
};

/// The MySQL stores on a migrated schema of their own.
class MySqlBackend {
 public:
  MySqlBackend()
      : schema_(testServerConfig()),
        pool_(schema_.config()),
        surveys_(pool_),
        courts_(pool_),
        invitations_(pool_),
        responses_(pool_),
        kpis_(pool_) {
    mysql::Migrator(pool_).migrate();
  }
  SurveyStore& surveys() { return surveys_; }
  CourtStore& courts() { return courts_; }
  InvitationStore& invitations() { return invitations_; }
  ResponseStore& responses() { return responses_; }
  ResponseFeed& feed() { return responses_; }
  KpiStore& kpis() { return kpis_; }

 private:
  TemporarySchema schema_;
  mysql::ConnectionPool pool_;
  mysql::MySqlSurveyStore surveys_;
  mysql::MySqlCourtStore courts_;
  mysql::MySqlInvitationStore invitations_;
  mysql::MySqlResponseStore responses_;
  mysql::MySqlKpiStore kpis_;
};

template <typename Backend>
class StoreContract : public ::testing::Test {
 protected:
  Backend backend;

  /// Two courts in two regions and version 1 of court_user published: what responses need.
  void setUpSurveyAndCourts() {
    Court almaty = makeCourt("ALM-01", "almaty_city");
    Court astana = makeCourt("AST-01", "astana");
    astana.level = "regional";
    backend.courts().upsert(almaty);
    backend.courts().upsert(astana);
    ASSERT_EQ(backend.surveys().createVersion(sampleDefinition()), 1);
    backend.surveys().publish("court_user", 1);
  }

  std::size_t countAll() { return backend.responses().count(makeQuery("court_user")); }
};

using Backends = ::testing::Types<InMemoryBackend, MySqlBackend>;

class BackendNames {
 public:
  template <typename T>
  static std::string GetName(int) {
    return std::is_same_v<T, InMemoryBackend> ? "InMemory" : "MySql";
  }
};

TYPED_TEST_SUITE(StoreContract, Backends, BackendNames);

// --- SurveyStore --------------------------------------------------------------------------------

TYPED_TEST(StoreContract, SurveyVersionsAreNumberedAndPublishingClosesThePreviousOne) {
  SurveyStore& store = this->backend.surveys();
  EXPECT_EQ(store.createVersion(sampleDefinition()), 1);
  EXPECT_EQ(store.createVersion(sampleDefinition()), 2);
  EXPECT_FALSE(store.findPublished("court_user"));
  store.publish("court_user", 1);
  ASSERT_TRUE(store.findPublished("court_user"));
  EXPECT_EQ(store.findPublished("court_user")->version, 1);
  store.publish("court_user", 2);
  EXPECT_EQ(store.findPublished("court_user")->version, 2);

  const auto versions = store.listVersions(std::string("court_user"));
  ASSERT_EQ(versions.size(), 2U);
  EXPECT_EQ(versions[0].version, 1);
  EXPECT_EQ(versions[0].status, VersionStatus::Closed);
  EXPECT_EQ(versions[1].version, 2);
  EXPECT_EQ(versions[1].status, VersionStatus::Published);
  EXPECT_EQ(versions[1].title.at("en"), "Court user survey");
  EXPECT_EQ(store.findLatest("court_user")->version, 2);
  EXPECT_EQ(store.findVersion("court_user", 1)->version, 1);
  EXPECT_FALSE(store.findVersion("court_user", 3));
  EXPECT_FALSE(store.findLatest("nope"));
  EXPECT_TRUE(store.listVersions(std::string("nope")).empty());
}

TYPED_TEST(StoreContract, OnlyADraftChangesAndLifecycleMistakesAreNamed) {
  SurveyStore& store = this->backend.surveys();
  store.createVersion(sampleDefinition());
  SurveyDefinition edited = sampleDefinition();
  edited.version = 1;
  edited.title["en"] = "Edited";
  store.updateDraft(edited);
  EXPECT_EQ(store.findVersion("court_user", 1)->title.at("en"), "Edited");

  const auto notClosed = domainErrorOf([&] { store.archive("court_user", 1); });
  EXPECT_EQ(notClosed.kind(), ErrorKind::Conflict);
  EXPECT_EQ(notClosed.code(), "not_closed");
  EXPECT_EQ(notClosed.field(), "version");
  const auto notPublished = domainErrorOf([&] { store.close("court_user"); });
  EXPECT_EQ(notPublished.kind(), ErrorKind::Conflict);
  EXPECT_EQ(notPublished.code(), "not_published");

  store.publish("court_user", 1);
  const auto frozen = domainErrorOf([&] { store.updateDraft(edited); });
  EXPECT_EQ(frozen.kind(), ErrorKind::Conflict);
  EXPECT_EQ(frozen.code(), "version_frozen");
  EXPECT_EQ(frozen.field(), "version");
  const auto again = domainErrorOf([&] { store.publish("court_user", 1); });
  EXPECT_EQ(again.kind(), ErrorKind::Conflict);
  EXPECT_EQ(again.code(), "not_draft");
  EXPECT_EQ(again.field(), "version");

  store.close("court_user");
  EXPECT_FALSE(store.findPublished("court_user"));
  store.archive("court_user", 1);
  EXPECT_EQ(store.listVersions(std::string("court_user"))[0].status, VersionStatus::Archived);
  EXPECT_EQ(store.findLatest("court_user")->version, 1);  // archived versions stay readable
}

TYPED_TEST(StoreContract, UnknownSurveysAndVersionsAreNotFound) {
  SurveyStore& store = this->backend.surveys();
  store.createVersion(sampleDefinition());
  const auto survey = domainErrorOf([&] { store.publish("nope", 1); });
  EXPECT_EQ(survey.kind(), ErrorKind::NotFound);
  EXPECT_EQ(survey.code(), "unknown_survey");
  const auto version = domainErrorOf([&] { store.publish("court_user", 7); });
  EXPECT_EQ(version.kind(), ErrorKind::NotFound);
  EXPECT_EQ(version.code(), "unknown_version");
  EXPECT_EQ(version.field(), "version");
  EXPECT_EQ(domainErrorOf([&] { store.close("nope"); }).code(), "unknown_survey");
  EXPECT_EQ(domainErrorOf([&] { store.archive("court_user", 9); }).code(), "unknown_version");
}

TYPED_TEST(StoreContract, SurveyChangeStampMovesWithEveryChange) {
  SurveyStore& store = this->backend.surveys();
  std::set<std::int64_t> stamps{store.changeStamp()};
  store.createVersion(sampleDefinition());
  stamps.insert(store.changeStamp());
  store.publish("court_user", 1);
  stamps.insert(store.changeStamp());
  store.close("court_user");
  stamps.insert(store.changeStamp());
  EXPECT_EQ(stamps.size(), 4U);
  const auto before = store.changeStamp();
  store.findLatest("court_user");
  store.listVersions();
  EXPECT_EQ(store.changeStamp(), before);  // reads change nothing
}

// --- CourtStore ---------------------------------------------------------------------------------

TYPED_TEST(StoreContract, CourtsAreUpsertedByExactCodeAndListedByCode) {
  CourtStore& store = this->backend.courts();
  const auto empty = store.changeStamp();
  Court court = makeCourt("KRG-01", "karaganda");
  store.upsert(court);
  store.upsert(makeCourt("ALM-01", "almaty_city"));
  const auto afterInserts = store.changeStamp();
  EXPECT_NE(afterInserts, empty);
  court.name["en"] = "Renamed";
  court.active = false;
  store.upsert(court);
  EXPECT_NE(store.changeStamp(), afterInserts);

  const auto found = store.find("KRG-01");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->name.at("en"), "Renamed");
  EXPECT_EQ(found->name.at("kk"), "Сот KRG-01");
  EXPECT_EQ(found->region, "karaganda");
  EXPECT_FALSE(found->active);
  EXPECT_FALSE(store.find("krg-01"));
  const auto all = store.list();
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].code, "ALM-01");
  EXPECT_EQ(all[1].code, "KRG-01");
}

// --- InvitationStore ----------------------------------------------------------------------------

TYPED_TEST(StoreContract, InvitationCodesAreCheckedBySurveyAndExpiry) {
  ASSERT_NO_FATAL_FAILURE(this->setUpSurveyAndCourts());
  InvitationStore& store = this->backend.invitations();
  const Date today = *Date::parse("2026-11-30");
  const Date expires = *Date::parse("2026-12-31");
  const auto created = store.createBatch({"court_user", {"ALM-01", ""}, 3, expires, today});
  ASSERT_EQ(created.codes.size(), 3U);
  EXPECT_EQ(std::set<std::string>(created.codes.begin(), created.codes.end()).size(), 3U);
  for (const auto& code : created.codes) EXPECT_EQ(normaliseInvitationCode(code), code);
  EXPECT_EQ(created.batch.issued, 3);
  EXPECT_EQ(created.batch.createdMonth, "2026-11");
  const auto regional = store.createBatch({"court_user", {"", "astana"}, 1, expires, today});

  const std::string hash = hashInvitationCode(created.codes[0]);
  const auto valid = store.check("court_user", hash, today);
  EXPECT_EQ(valid.status, InvitationStatus::Valid);
  EXPECT_EQ(valid.scope.court, "ALM-01");
  EXPECT_EQ(valid.scope.region, "");
  EXPECT_EQ(valid.expiresOn, expires);
  EXPECT_EQ(store.check("court_user", hash, expires).status, InvitationStatus::Valid);  // the last day counts
  EXPECT_EQ(store.check("court_user", hash, *Date::parse("2027-01-01")).status, InvitationStatus::Expired);
  EXPECT_EQ(store.check("other_survey", hash, today).status, InvitationStatus::Unknown);
  EXPECT_EQ(store.check("court_user", hashInvitationCode("K7QMX2PD9TRHWC4N"), today).status, InvitationStatus::Unknown);
  EXPECT_EQ(store.check("court_user", hashInvitationCode(regional.codes[0]), today).scope.region, "astana");

  const auto batches = store.listBatches("court_user", *Date::parse("2027-01-01"));
  ASSERT_EQ(batches.size(), 2U);
  EXPECT_EQ(batches[0].id, created.batch.id);
  EXPECT_EQ(batches[0].issued, 3);
  EXPECT_EQ(batches[0].spent, 0);
  EXPECT_EQ(batches[0].expired, 3);
  EXPECT_EQ(store.listBatches("court_user", today)[0].expired, 0);
  EXPECT_TRUE(store.listBatches("other_survey", today).empty());
}

// --- ResponseStore and ResponseFeed -------------------------------------------------------------

TYPED_TEST(StoreContract, ARepeatedSubmissionIdStoresNothingAndGetsTheFirstId) {
  ASSERT_NO_FATAL_FAILURE(this->setUpSurveyAndCourts());
  ResponseStore& store = this->backend.responses();
  const auto first = store.submit(makeResponse("sub-0000000001", "ALM-01", "2026-10-05"));
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(first.responseId.empty());
  const auto again = store.submit(makeResponse("sub-0000000001", "AST-01", "2026-10-06"));
  EXPECT_FALSE(again.created);
  EXPECT_EQ(again.responseId, first.responseId);
  EXPECT_EQ(this->countAll(), 1U);
}

TYPED_TEST(StoreContract, UnknownCourtsAndVersionsAreRefused) {
  ASSERT_NO_FATAL_FAILURE(this->setUpSurveyAndCourts());
  ResponseStore& store = this->backend.responses();
  const auto court = domainErrorOf([&] { store.submit(makeResponse("sub-0000000002", "NOPE-01", "2026-10-05")); });
  EXPECT_EQ(court.kind(), ErrorKind::Invalid);
  EXPECT_EQ(court.code(), "unknown_court");
  const auto version = domainErrorOf([&] { store.submit(makeResponse("sub-0000000003", "ALM-01", "2026-10-05", 9)); });
  EXPECT_EQ(version.kind(), ErrorKind::NotFound);
  EXPECT_EQ(version.code(), "unknown_version");
  EXPECT_EQ(this->countAll(), 0U);
}

TYPED_TEST(StoreContract, ABatchAnswersInOrderAndARepeatInsideItIsADuplicate) {
  ASSERT_NO_FATAL_FAILURE(this->setUpSurveyAndCourts());
  ResponseStore& store = this->backend.responses();
  const auto results = store.submitBatch({makeResponse("sub-batch-0001", "ALM-01", "2026-10-05"),
                                          makeResponse("sub-batch-0002", "AST-01", "2026-10-05"),
                                          makeResponse("sub-batch-0001", "ALM-01", "2026-10-05")});
  ASSERT_EQ(results.size(), 3U);
  EXPECT_TRUE(results[0].created);
  EXPECT_TRUE(results[1].created);
  EXPECT_FALSE(results[2].created);
  EXPECT_EQ(results[2].responseId, results[0].responseId);
  EXPECT_NE(results[1].responseId, results[0].responseId);
  EXPECT_EQ(this->countAll(), 2U);

  // One bad response fails the whole batch.
  EXPECT_EQ(domainErrorOf([&] {
              store.submitBatch({makeResponse("sub-batch-0003", "ALM-01", "2026-10-05"),
                                 makeResponse("sub-batch-0004", "NOPE-01", "2026-10-05")});
            }).code(),
            "unknown_court");
  EXPECT_EQ(this->countAll(), 2U);
}

TYPED_TEST(StoreContract, ImportIsAllOrNothingAndSkipsStoredSubmissions) {
  ASSERT_NO_FATAL_FAILURE(this->setUpSurveyAndCourts());
  ResponseStore& store = this->backend.responses();
  store.submit(makeResponse("sub-import-01", "ALM-01", "2026-10-05"));
  const auto refused = domainErrorOf([&] {
    store.importBulk({makeResponse("sub-import-02", "ALM-01", "2026-10-05"),
                      makeResponse("sub-import-03", "NOPE-01", "2026-10-05")});
  });
  EXPECT_EQ(refused.code(), "unknown_court");
  EXPECT_EQ(this->countAll(), 1U);
  EXPECT_EQ(store.importBulk({makeResponse("sub-import-01", "ALM-01", "2026-10-05"),
                              makeResponse("sub-import-02", "AST-01", "2026-10-06")}),
            1U);
  EXPECT_EQ(this->countAll(), 2U);
}

TYPED_TEST(StoreContract, QueriesFilterByCourtRegionAndDaysInclusive) {
  ASSERT_NO_FATAL_FAILURE(this->setUpSurveyAndCourts());
  ResponseStore& store = this->backend.responses();
  store.submit(makeResponse("sub-query-01", "ALM-01", "2026-09-30"));
  store.submit(makeResponse("sub-query-02", "ALM-01", "2026-10-01"));
  store.submit(makeResponse("sub-query-03", "AST-01", "2026-10-31"));
  store.submit(makeResponse("sub-query-04", "AST-01", "2026-11-01"));
  const auto day = [](const char* text) { return Date::parse(text); };

  EXPECT_EQ(store.count(makeQuery("court_user")), 4U);
  EXPECT_EQ(store.count(makeQuery("court_user", {"ALM-01"})), 2U);
  EXPECT_EQ(store.count(makeQuery("court_user", {"ALM-01", "AST-01"})), 4U);
  EXPECT_EQ(store.count(makeQuery("court_user", {}, {"astana"})), 2U);
  EXPECT_EQ(store.count(makeQuery("court_user", {}, {}, day("2026-10-01"), day("2026-10-31"))), 2U);
  EXPECT_EQ(store.count(makeQuery("other_survey")), 0U);

  std::vector<std::string> seen;
  store.forEach(makeQuery("court_user", {}, {"astana"}), [&](const StoredResponse& stored) {
    seen.push_back(stored.response.submissionId);
    EXPECT_EQ(stored.region, "astana");
    EXPECT_EQ(stored.level, "regional");
    EXPECT_EQ(stored.response.courtCode, "AST-01");
    ASSERT_EQ(stored.response.answers.size(), 1U);
    EXPECT_EQ(stored.response.answers[0].itemId, "overall");
    EXPECT_EQ(stored.response.answers[0].code, 4);
  });
  std::sort(seen.begin(), seen.end());
  EXPECT_EQ(seen, (std::vector<std::string>{"sub-query-03", "sub-query-04"}));
}

TYPED_TEST(StoreContract, TheFeedGivesCommittedResponsesInOrderFromWhereAReaderStopped) {
  ASSERT_NO_FATAL_FAILURE(this->setUpSurveyAndCourts());
  ResponseFeed& feed = this->backend.feed();
  EXPECT_EQ(feed.latestSequence(), 0);
  EXPECT_TRUE(feed.readAfter(0, 10).empty());
  for (const char* id : {"sub-feed-01", "sub-feed-02", "sub-feed-03"}) {
    this->backend.responses().submit(makeResponse(id, "ALM-01", "2026-10-05"));
  }
  const auto firstTwo = feed.readAfter(0, 2);
  ASSERT_EQ(firstTwo.size(), 2U);
  EXPECT_EQ(firstTwo[0].response.submissionId, "sub-feed-01");
  EXPECT_EQ(firstTwo[1].response.submissionId, "sub-feed-02");
  EXPECT_LT(firstTwo[0].sequence, firstTwo[1].sequence);
  const auto rest = feed.readAfter(firstTwo[1].sequence, 10);
  ASSERT_EQ(rest.size(), 1U);
  EXPECT_EQ(rest[0].response.submissionId, "sub-feed-03");
  EXPECT_EQ(feed.latestSequence(), rest[0].sequence);
  EXPECT_TRUE(feed.readAfter(feed.latestSequence(), 10).empty());
}

TYPED_TEST(StoreContract, AnInvitationCodeIsSpentWithItsResponseOnce) {
  ASSERT_NO_FATAL_FAILURE(this->setUpSurveyAndCourts());
  const Date today = SystemClock().today();
  const Date expires = *Date::parse(std::to_string(std::stoi(today.toString().substr(0, 4)) + 1) + "-12-31");
  const auto created = this->backend.invitations().createBatch({"court_user", {"ALM-01", ""}, 2, expires, today});
  Response response = makeResponse("sub-invited-01", "ALM-01", "2026-10-05");
  response.invitationHash = hashInvitationCode(created.codes[0]);
  EXPECT_TRUE(this->backend.responses().submit(response).created);
  EXPECT_EQ(this->backend.invitations().check("court_user", response.invitationHash, today).status,
            InvitationStatus::Spent);
  EXPECT_EQ(this->backend.invitations().listBatches("court_user", today)[0].spent, 1);

  Response second = response;
  second.submissionId = "sub-invited-02";
  const auto spent = domainErrorOf([&] { this->backend.responses().submit(second); });
  EXPECT_EQ(spent.kind(), ErrorKind::Conflict);
  EXPECT_EQ(spent.code(), "invitation_spent");
  EXPECT_EQ(spent.field(), "invitation_code");
  Response outside = makeResponse("sub-invited-03", "AST-01", "2026-10-05");
  outside.invitationHash = hashInvitationCode(created.codes[1]);
  const auto unknown = domainErrorOf([&] { this->backend.responses().submit(outside); });
  EXPECT_EQ(unknown.kind(), ErrorKind::Forbidden);
  EXPECT_EQ(unknown.code(), "invitation_unknown");
  EXPECT_EQ(this->countAll(), 1U);
}

// --- KpiStore -----------------------------------------------------------------------------------

KpiRecord contractKpi(const std::string& id, double target) {
  KpiRecord record;
  auto& kpi = record.definition;
  kpi.id = id;
  kpi.name = {{"kk", "Қанағаттану"}, {"ru", "Удовлетворённость"}, {"en", "Satisfaction"}};
  kpi.surveyId = "court_user";
  kpi.metric = {KpiMetricKind::OptionShare, "role", "", {1, 3}};
  kpi.scope = {KpiScopeKind::Region, "almaty_city"};
  kpi.period = KpiPeriodUnit::Quarter;
  kpi.baseline = {"2025-Q4", 57.5, true};
  kpi.milestones = {{2026, 60.5}, {2027, 63}};
  kpi.target = {2029, target};
  record.changedBy = "analyst";
  record.changedOn = "2026-11-30 10:15:00";
  record.note = "first";
  return record;
}

TYPED_TEST(StoreContract, KpiSavesAreVersionsAndConflictsAreNamed) {
  KpiStore& store = this->backend.kpis();
  EXPECT_EQ(store.save(contractKpi("satisfaction", 70), 0), 1);
  const auto exists = domainErrorOf([&] { store.save(contractKpi("satisfaction", 71), 0); });
  EXPECT_EQ(exists.kind(), ErrorKind::Conflict);
  EXPECT_EQ(exists.code(), "kpi_exists");
  EXPECT_EQ(exists.field(), "id");
  EXPECT_EQ(store.save(contractKpi("satisfaction", 75), 1), 2);
  const auto stale = domainErrorOf([&] { store.save(contractKpi("satisfaction", 80), 1); });
  EXPECT_EQ(stale.code(), "version_conflict");
  EXPECT_EQ(stale.field(), "version");
  EXPECT_EQ(store.save(contractKpi("satisfaction", 77), std::nullopt), 3);  // no expectation: saved

  const auto current = store.find("satisfaction");
  ASSERT_TRUE(current);
  EXPECT_EQ(current->version, 3);
  EXPECT_EQ(current->definition.target.value, 77);
  EXPECT_EQ(current->definition.metric.options, (std::vector<int>{1, 3}));
  EXPECT_EQ(current->changedBy, "analyst");
  const auto history = store.history("satisfaction");
  ASSERT_EQ(history.size(), 3U);
  EXPECT_EQ(history[0].definition.target.value, 70);
  EXPECT_EQ(history[1].version, 2);
  EXPECT_TRUE(store.history("nope").empty());
  EXPECT_FALSE(store.find("nope"));

  KpiRecord archived = contractKpi("old_kpi", 50);
  archived.archived = true;
  store.save(archived, 0);
  EXPECT_EQ(store.list(false).size(), 1U);
  const auto all = store.list(true);
  ASSERT_EQ(all.size(), 2U);
  EXPECT_EQ(all[0].definition.id, "old_kpi");  // by id
  EXPECT_TRUE(all[0].archived);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
