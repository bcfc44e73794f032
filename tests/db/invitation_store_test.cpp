// Invitation codes against a real MariaDB: made once, stored as hashes, spent exactly once in the
// response's transaction.
#include <atomic>
#include <latch>
#include <thread>

#include "db/invitation_fixture.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::surveys::testing {
namespace {

class InvitationStoreTest : public InvitationTest {};

TEST_F(InvitationStoreTest, MakesDistinctCodesAndStoresOnlyTheirHashes) {
  const auto created = makeBatch(50);
  ASSERT_EQ(created.codes.size(), 50U);
  std::set<std::string> distinct(created.codes.begin(), created.codes.end());
  EXPECT_EQ(distinct.size(), 50U);
  for (const auto& code : created.codes) {
    EXPECT_EQ(normaliseInvitationCode(code), code);
    EXPECT_EQ(invitations().check(kStaffSurvey, hashInvitationCode(code), today()).status, InvitationStatus::Valid);
  }
  EXPECT_EQ(rowCount("invitation_codes"), 50);
  // No column holds a code in clear, with or without hyphens.
  for (const std::string& code : {created.codes.front(), formatInvitationCode(created.codes.front())}) {
    EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM invitation_codes WHERE code_hash = '" + code +
                                   "' OR HEX(code_hash) LIKE '%" + code + "%'"),
              0);
  }
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM invitation_batches WHERE created_month = '" +
                                 today().monthKey() + "' AND issued = 50 AND court_code = 'ALM-01' AND region IS NULL"),
            1);
  const auto batches = invitations().listBatches(kStaffSurvey, today());
  ASSERT_EQ(batches.size(), 1U);
  EXPECT_EQ(batches[0].issued, 50);
  EXPECT_EQ(batches[0].spent, 0);
  EXPECT_EQ(batches[0].expired, 0);
  EXPECT_EQ(batches[0].scope.court, "ALM-01");
}

TEST_F(InvitationStoreTest, ACodeIsSpentOnceWithItsResponse) {
  const auto created = makeBatch(3);
  const std::string& code = created.codes[1];
  EXPECT_TRUE(responses().submit(invited("staff-submission-1", code)).created);
  EXPECT_EQ(invitations().check(kStaffSurvey, hashInvitationCode(code), today()).status, InvitationStatus::Spent);

  const auto error = domainErrorOf([&] { responses().submit(invited("staff-submission-2", code)); });
  EXPECT_EQ(error.code(), "invitation_spent");
  EXPECT_EQ(error.kind(), ErrorKind::Conflict);
  EXPECT_EQ(error.field(), "invitation_code");
  EXPECT_EQ(rowCount("responses"), 1);
  EXPECT_EQ(invitations().listBatches(kStaffSurvey, today())[0].spent, 1);
  // The other codes are untouched.
  EXPECT_EQ(invitations().check(kStaffSurvey, hashInvitationCode(created.codes[0]), today()).status,
            InvitationStatus::Valid);
}

TEST_F(InvitationStoreTest, AStoredSubmissionIsADuplicateAndSpendsNothing) {
  const auto created = makeBatch(2);
  const auto first = responses().submit(invited("staff-submission-1", created.codes[0]));
  ASSERT_TRUE(first.created);
  // The same submission resent (its acknowledgement was lost): duplicate, not "spent".
  const auto resent = responses().submit(invited("staff-submission-1", created.codes[0]));
  EXPECT_FALSE(resent.created);
  EXPECT_EQ(resent.responseId, first.responseId);
  // Even with another code, a stored submission spends nothing.
  EXPECT_FALSE(responses().submit(invited("staff-submission-1", created.codes[1])).created);
  EXPECT_EQ(invitations().check(kStaffSurvey, hashInvitationCode(created.codes[1]), today()).status,
            InvitationStatus::Valid);
  EXPECT_EQ(invitations().listBatches(kStaffSurvey, today())[0].spent, 1);
}

TEST_F(InvitationStoreTest, AnExpiredCodeIsRefusedAndCountedExpired) {
  const Date lastMonth = adjacentMonth(-1);
  const auto created = makeBatch(4, {"ALM-01", ""}, lastMonth);
  const auto error = domainErrorOf([&] { responses().submit(invited("staff-submission-1", created.codes[0])); });
  EXPECT_EQ(error.code(), "invitation_expired");
  EXPECT_EQ(error.kind(), ErrorKind::Conflict);
  EXPECT_EQ(rowCount("responses"), 0);
  EXPECT_EQ(invitations().check(kStaffSurvey, hashInvitationCode(created.codes[0]), today()).status,
            InvitationStatus::Expired);
  const auto batch = invitations().listBatches(kStaffSurvey, today()).at(0);
  EXPECT_EQ(batch.spent, 0);
  EXPECT_EQ(batch.expired, 4);
}

TEST_F(InvitationStoreTest, ACodeOpensOnlyItsSurveyAndItsCourtOrRegion) {
  const auto court = makeBatch(2, {"ALM-01", ""});
  const auto region = makeBatch(3, {"", "almaty_city"});
  const auto unknown = [&](const Response& response) {
    const auto error = domainErrorOf([&] { responses().submit(response); });
    EXPECT_EQ(error.code(), "invitation_unknown");
    EXPECT_EQ(error.kind(), ErrorKind::Forbidden);
    EXPECT_EQ(error.field(), "invitation_code");
  };
  unknown(invited("staff-submission-1", court.codes[0], "ALM-02"));       // another court
  unknown(invited("staff-submission-2", region.codes[0], "AST-01"));      // outside the region
  unknown(invited("staff-submission-3", generateInvitationCode()));       // never issued
  Response citizen = invited("staff-submission-4", court.codes[0]);       // another survey
  citizen.surveyId = "court_user";
  unknown(citizen);
  EXPECT_EQ(rowCount("responses"), 0);
  EXPECT_EQ(invitations().check("court_user", hashInvitationCode(court.codes[0]), today()).status,
            InvitationStatus::Unknown);

  EXPECT_TRUE(responses().submit(invited("staff-submission-5", court.codes[0], "ALM-01")).created);
  EXPECT_TRUE(responses().submit(invited("staff-submission-6", region.codes[0], "ALM-01")).created);
  EXPECT_TRUE(responses().submit(invited("staff-submission-7", region.codes[1], "ALM-02")).created);
  const auto batches = invitations().listBatches(kStaffSurvey, today());
  ASSERT_EQ(batches.size(), 2U);
  EXPECT_EQ(batches[0].spent, 1);
  EXPECT_EQ(batches[1].spent, 2);
  EXPECT_EQ(batches[1].scope.region, "almaty_city");
}

TEST_F(InvitationStoreTest, ABatchWithOneCodeTwiceStoresNothing) {
  const auto created = makeBatch(1);
  const std::vector<Response> batch = {invited("staff-submission-1", created.codes[0]),
                                       invited("staff-submission-2", created.codes[0])};
  const auto error = domainErrorOf([&] { responses().submitBatch(batch); });
  EXPECT_EQ(error.code(), "invitation_spent");
  EXPECT_EQ(rowCount("responses"), 0);
  EXPECT_EQ(invitations().check(kStaffSurvey, hashInvitationCode(created.codes[0]), today()).status,
            InvitationStatus::Valid);
}

TEST_F(InvitationStoreTest, TwoConnectionsSpendingOneCodeAtOnceExactlyOneWins) {
  constexpr int kCodes = 8;
  const auto created = makeBatch(kCodes);
  for (int i = 0; i < kCodes; ++i) {
    // Separate stores: separate pools, so really two connections racing.
    mysql::ConnectionPool otherPool(pool().config());
    mysql::MySqlResponseStore other(otherPool);
    std::latch start(2);
    std::atomic<int> created_{0};
    std::atomic<int> spent{0};
    const auto race = [&](ResponseStore& store, const std::string& submission) {
      start.arrive_and_wait();
      try {
        if (store.submit(invited(submission, created.codes[static_cast<std::size_t>(i)])).created) ++created_;
      } catch (const DomainError& error) {
        if (error.code() == "invitation_spent") ++spent;
        else ADD_FAILURE() << "the loser got " << error.code();
      }
    };
    std::thread a([&] { race(responses(), "race-a-" + std::to_string(i)); });
    std::thread b([&] { race(other, "race-b-" + std::to_string(i)); });
    a.join();
    b.join();
    EXPECT_EQ(created_.load(), 1) << "code " << i;
    EXPECT_EQ(spent.load(), 1) << "code " << i;
  }
  EXPECT_EQ(rowCount("responses"), kCodes);
  EXPECT_EQ(invitations().listBatches(kStaffSurvey, today())[0].spent, kCodes);
}

TEST_F(InvitationStoreTest, EverySpentCodeOfABatchHoldsTheSameStir) {
  const auto created = makeBatch(6);
  for (int i = 0; i < 4; ++i) {
    responses().submit(invited("staff-submission-" + std::to_string(i), created.codes[static_cast<std::size_t>(i)]));
    EXPECT_EQ(direct().queryNumber("SELECT COUNT(DISTINCT stir) FROM invitation_codes WHERE spent = 1"), 1);
    EXPECT_EQ(direct().queryNumber("SELECT MIN(stir) FROM invitation_codes WHERE spent = 1"), i + 1);
  }
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM invitation_codes WHERE spent = 0 AND stir = 0"), 2);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
