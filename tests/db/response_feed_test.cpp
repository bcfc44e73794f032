// MySqlResponseStore as a batch writer and as the feed of committed responses: submitBatch,
// readAfter, latestSequence, and sequence numbers in commit order across connections.
#include <chrono>
#include <future>
#include <latch>
#include <map>
#include <sstream>
#include <thread>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"
#include "db/db_fixture.hpp"
#include "db/db_samples.hpp"
#include "db/published_survey_fixture.hpp"
#include "support/domain_error_of.hpp"

namespace courtvoice::surveys::testing {
namespace {

using mysql::MySqlCourtStore;
using mysql::MySqlResponseStore;
using mysql::MySqlSurveyStore;
using namespace std::chrono_literals;

class ResponseFeedTest : public PublishedSurveyTest {
 protected:
  // The sequence number stored for a submission id.
  long long seqOf(const std::string& submissionId) {
    return direct().queryNumber("SELECT seq FROM responses WHERE submission_id = '" + submissionId + "'");
  }

  // Every response, read with readAfter in pages of `limit`.
  static std::vector<SequencedResponse> readAllAfter(MySqlResponseStore& store, std::size_t limit) {
    std::vector<SequencedResponse> all;
    std::int64_t after = 0;
    for (;;) {
      auto page = store.readAfter(after, limit);
      if (page.empty()) return all;
      EXPECT_LE(page.size(), limit);
      after = page.back().sequence;
      for (auto& entry : page) all.push_back(std::move(entry));
    }
  }
};

// A response with several kinds of answer that depend on i.
Response variedResponse(int i) {
  static const char* const kCourts[] = {"ALM-01", "ALM-02", "AST-01"};
  Response response = makeResponse("sub-feed-" + std::to_string(100000 + i), kCourts[i % 3],
                                   "2025-0" + std::to_string(1 + i % 9) + "-1" + std::to_string(i % 10));
  response.channel = i % 2 == 0 ? Channel::Kiosk : Channel::Web;
  response.language = i % 3 == 0 ? "kk" : "ru";
  response.answers = {codeAnswer("overall", 1 + i % 5), codesAnswer("reasons", {1 + i % 4, 1 + (i + 2) % 4}),
                      numberAnswer("visits", i % 50)};
  if (i % 4 == 0) response.answers.push_back(nonAnswer("access_find", NonAnswer::DontKnow));
  if (i % 5 == 0) response.answers.push_back(textAnswer("comment", "Пікір " + std::to_string(i)));
  return response;
}

// Everything a reader sees of a response, as one line.
std::string describe(const Response& response) {
  std::ostringstream out;
  out << response.submissionId << '|' << response.surveyId << '|' << response.version << '|' << response.courtCode
      << '|' << toString(response.channel) << '|' << response.language << '|' << response.givenOn.toString();
  for (const Answer& answer : response.answers) {
    out << '|' << answer.itemId << ':' << (answer.nonAnswer ? toString(*answer.nonAnswer) : "") << ':' << answer.code
        << ':';
    for (int code : answer.codes) out << code << ',';
    out << ':' << answer.number << ':' << answer.text;
  }
  return out.str();
}

// Another process's storing transaction, left open: it takes the next number as
// MySqlResponseStore does and stores one response under it.
void beginForeignStore(DirectConnection& other, const std::string& responseId, const std::string& submissionId) {
  other.execute("START TRANSACTION");
  other.execute("UPDATE sequences SET value = LAST_INSERT_ID(value + 1) WHERE name = 'responses'");
  other.executeWith(
      "INSERT INTO responses (id, submission_id, survey_id, version, court_code, channel, language, given_on, seq)"
      " VALUES (?, ?, 'court_user', 1, 'ALM-01', 'web', 'ru', '2025-03-14', LAST_INSERT_ID())",
      {responseId, submissionId});
  other.executeWith(
      "INSERT INTO answers (response_seq, response_id, item_id, seq, code)"
      " VALUES (LAST_INSERT_ID(), ?, 'overall', 0, 3)",
      {responseId});
}

// Waits (up to 20 s) until another session of this schema is blocked on the sequence counter.
bool someoneWaitsForTheCounter(DirectConnection& observer) {
  for (int i = 0; i < 400; ++i) {
    if (observer.queryNumber("SELECT COUNT(*) FROM information_schema.PROCESSLIST WHERE DB = DATABASE()"
                             " AND ID <> CONNECTION_ID() AND INFO LIKE '%sequences%'") > 0) {
      return true;
    }
    std::this_thread::sleep_for(50ms);
  }
  return false;
}

TEST_F(ResponseFeedTest, SubmitBatchGivesRepeatsTheFirstIdAndStoresThemOnce) {
  MySqlResponseStore store(pool());
  const SubmitResult earlier = store.submit(variedResponse(1));
  ASSERT_TRUE(earlier.created);

  Response repeatWithOtherAnswers = variedResponse(2);
  repeatWithOtherAnswers.answers = {codeAnswer("overall", 1)};
  const std::vector<Response> batch = {variedResponse(2), variedResponse(1), variedResponse(3),
                                       repeatWithOtherAnswers, variedResponse(4)};
  const auto results = store.submitBatch(batch);
  ASSERT_EQ(results.size(), batch.size());
  EXPECT_TRUE(results[0].created);
  EXPECT_FALSE(results[1].created);  // stored before the batch
  EXPECT_EQ(results[1].responseId, earlier.responseId);
  EXPECT_TRUE(results[2].created);
  EXPECT_FALSE(results[3].created);  // repeats the first of the batch
  EXPECT_EQ(results[3].responseId, results[0].responseId);
  EXPECT_TRUE(results[4].created);
  EXPECT_NE(results[0].responseId, results[2].responseId);

  EXPECT_EQ(rowCount("responses"), 4);
  // The first of the repeated pair is what is stored: overall = 1 + 2 % 5 = 3, not 1.
  EXPECT_EQ(direct().queryNumber("SELECT a.code FROM answers a JOIN responses r ON r.id = a.response_id"
                                 " WHERE r.submission_id = 'sub-feed-100002' AND a.item_id = 'overall'"),
            3);
  // Numbers follow the batch's order, after the earlier submit's.
  EXPECT_EQ(seqOf("sub-feed-100001"), 1);
  EXPECT_EQ(seqOf("sub-feed-100002"), 2);
  EXPECT_EQ(seqOf("sub-feed-100003"), 3);
  EXPECT_EQ(seqOf("sub-feed-100004"), 4);
  EXPECT_EQ(store.latestSequence(), 4);

  // The whole batch again: nothing new, same ids, no number used up.
  const auto again = store.submitBatch(batch);
  for (std::size_t i = 0; i < batch.size(); ++i) {
    EXPECT_FALSE(again[i].created) << i;
    EXPECT_EQ(again[i].responseId, results[i].responseId) << i;
  }
  EXPECT_EQ(store.latestSequence(), 4);
  EXPECT_TRUE(store.submitBatch({}).empty());
}

TEST_F(ResponseFeedTest, SubmitBatchStoresNothingWhenOneResponseCannotBeStored) {
  MySqlResponseStore store(pool());
  std::vector<Response> batch = {variedResponse(1), variedResponse(2), variedResponse(3)};
  batch[2].courtCode = "NOWHERE-01";
  const auto court = domainErrorOf([&] { store.submitBatch(batch); });
  EXPECT_EQ(court.kind(), ErrorKind::Invalid);
  EXPECT_EQ(court.code(), "unknown_court");
  EXPECT_EQ(court.field(), "court");
  EXPECT_EQ(rowCount("responses"), 0);
  EXPECT_EQ(rowCount("answers"), 0);

  batch[2].courtCode = "AST-01";
  batch[1].version = 9;
  EXPECT_EQ(domainErrorOf([&] { store.submitBatch(batch); }).code(), "unknown_version");
  // A failure inside the database, after rows of the batch were written.
  batch[1].version = 1;
  batch[0].answers.push_back(textAnswer("comment", std::string(70000, 'a')));
  EXPECT_EQ(domainErrorOf([&] { store.submitBatch(batch); }).code(), "too_long");
  EXPECT_EQ(rowCount("responses"), 0);
  EXPECT_EQ(rowCount("answers"), 0);
  EXPECT_EQ(store.latestSequence(), 0);  // the failed batches used up no numbers

  batch[0] = variedResponse(1);
  const auto results = store.submitBatch(batch);
  EXPECT_TRUE(results[0].created && results[1].created && results[2].created);
  EXPECT_EQ(store.latestSequence(), 3);
  EXPECT_EQ(seqOf("sub-feed-100003"), 3);
}

TEST_F(ResponseFeedTest, OverlappingBatchesFromTwoThreadsStoreEachSubmissionOnce) {
  MySqlResponseStore first(pool());
  MySqlResponseStore second(pool());  // two stores: as two server processes would have
  constexpr int kBatches = 15;
  constexpr int kBatchSize = 20;
  // Thread A stores responses 0..299 and thread B 150..449, batch by batch from both ends of
  // the overlap, so that they meet in the middle of it.
  const auto run = [&](MySqlResponseStore& store, int from, bool backwards, std::latch& start) {
    std::map<std::string, SubmitResult> seen;
    start.arrive_and_wait();
    for (int b = 0; b < kBatches; ++b) {
      const int batchStart = backwards ? from + (kBatches - 1 - b) * kBatchSize : from + b * kBatchSize;
      std::vector<Response> batch;
      for (int i = batchStart; i < batchStart + kBatchSize; ++i) batch.push_back(variedResponse(i));
      const auto results = store.submitBatch(batch);
      for (std::size_t i = 0; i < batch.size(); ++i) seen.emplace(batch[i].submissionId, results[i]);
    }
    return seen;
  };
  std::latch start(2);
  auto a = std::async(std::launch::async, [&] { return run(first, 0, false, start); });
  auto b = std::async(std::launch::async, [&] { return run(second, 150, true, start); });
  const auto fromA = a.get();
  const auto fromB = b.get();

  ASSERT_EQ(fromA.size(), 300U);
  ASSERT_EQ(fromB.size(), 300U);
  int createdTwice = 0;
  int createdByNeither = 0;
  for (int i = 150; i < 300; ++i) {
    const std::string id = "sub-feed-" + std::to_string(100000 + i);
    EXPECT_EQ(fromA.at(id).responseId, fromB.at(id).responseId) << id;
    createdTwice += fromA.at(id).created && fromB.at(id).created ? 1 : 0;
    createdByNeither += !fromA.at(id).created && !fromB.at(id).created ? 1 : 0;
  }
  EXPECT_EQ(createdTwice, 0);
  EXPECT_EQ(createdByNeither, 0);
  EXPECT_EQ(rowCount("responses"), 450);
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(DISTINCT submission_id) FROM responses"), 450);
  // Each caller's id is the stored one.
  for (const auto* seen : {&fromA, &fromB}) {
    for (const auto& [submissionId, result] : *seen) {
      if (submissionId != "sub-feed-100150" && submissionId != "sub-feed-100299") continue;
      EXPECT_EQ(direct().queryString("SELECT id FROM responses WHERE submission_id = '" + submissionId + "'"),
                result.responseId);
    }
  }
  // Numbers 1..450 without gaps.
  EXPECT_EQ(direct().queryNumber("SELECT MIN(seq) FROM responses"), 1);
  EXPECT_EQ(direct().queryNumber("SELECT MAX(seq) FROM responses"), 450);
  EXPECT_EQ(first.latestSequence(), 450);
}

TEST_F(ResponseFeedTest, ASubmissionStoredByAnotherProcessMeanwhileIsFoundOnTheRetry) {
  MySqlResponseStore store(pool());
  DirectConnection other(pool().config());
  const std::string otherId(32, 'f');
  beginForeignStore(other, otherId, "sub-feed-100001");

  // The batch reads before the other transaction commits (and sees nothing), then waits for the
  // counter; once the other commits, its insert of sub-feed-100001 fails and it starts over.
  auto pending = std::async(std::launch::async,
                            [&] { return store.submitBatch({variedResponse(1), variedResponse(2)}); });
  ASSERT_TRUE(someoneWaitsForTheCounter(direct()));
  other.execute("COMMIT");
  const auto results = pending.get();
  ASSERT_EQ(results.size(), 2U);
  EXPECT_FALSE(results[0].created);
  EXPECT_EQ(results[0].responseId, otherId);
  EXPECT_TRUE(results[1].created);
  EXPECT_EQ(rowCount("responses"), 2);
  // The numbers of the attempt that failed were given back: the next one is 2.
  EXPECT_EQ(seqOf("sub-feed-100002"), 2);
  EXPECT_EQ(store.latestSequence(), 2);
}

TEST_F(ResponseFeedTest, ANewerResponseNeverBecomesVisibleBeforeAnOlderOneCommits) {
  MySqlResponseStore store(pool());
  MySqlResponseStore reader(pool());
  DirectConnection other(pool().config());
  beginForeignStore(other, std::string(32, 'e'), "sub-feed-older");  // number 1, not committed

  auto newer = std::async(std::launch::async, [&] { return store.submit(variedResponse(7)); });
  ASSERT_TRUE(someoneWaitsForTheCounter(direct()));
  // The newer submit cannot commit ahead of the older transaction, so a reader sees neither:
  // had it seen the newer one, it would resume after it and never see number 1.
  EXPECT_EQ(newer.wait_for(300ms), std::future_status::timeout);
  EXPECT_TRUE(reader.readAfter(0, 100).empty());
  EXPECT_EQ(reader.latestSequence(), 0);

  other.execute("COMMIT");
  EXPECT_TRUE(newer.get().created);
  const auto seen = reader.readAfter(0, 100);
  ASSERT_EQ(seen.size(), 2U);
  EXPECT_EQ(seen[0].sequence, 1);
  EXPECT_EQ(seen[0].response.submissionId, "sub-feed-older");
  EXPECT_EQ(seen[1].sequence, 2);
  EXPECT_EQ(seen[1].response.submissionId, "sub-feed-100007");
  EXPECT_EQ(reader.latestSequence(), 2);
}

TEST_F(ResponseFeedTest, ReadAfterReturnsEveryResponseInOrderWithTheAnswersForEachReads) {
  MySqlResponseStore store(pool());
  constexpr int kResponses = 230;
  std::vector<Response> sent;
  for (int i = 0; i < kResponses; ++i) sent.push_back(variedResponse(i));
  // Stored three ways, all numbered by the same counter.
  store.submit(sent[0]);
  store.submitBatch(std::vector<Response>(sent.begin() + 1, sent.begin() + 100));
  EXPECT_EQ(store.importBulk(std::vector<Response>(sent.begin() + 100, sent.end())), kResponses - 100U);
  EXPECT_EQ(store.latestSequence(), kResponses);

  std::map<std::string, std::string> fromForEach;
  store.forEach(makeQuery("court_user"), [&](const StoredResponse& stored) {
    fromForEach[stored.response.submissionId] = describe(stored.response);
  });
  ASSERT_EQ(fromForEach.size(), static_cast<std::size_t>(kResponses));

  MySqlResponseStore reader(pool());  // nothing cached, as at start-up
  const auto all = readAllAfter(reader, 17);  // pages end in the middle of batches
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kResponses));
  for (std::size_t i = 0; i < all.size(); ++i) {
    EXPECT_EQ(all[i].sequence, static_cast<std::int64_t>(i + 1));
    // In order of storing, which here is the order sent.
    EXPECT_EQ(all[i].response.submissionId, sent[i].submissionId);
    EXPECT_EQ(describe(all[i].response), fromForEach.at(all[i].response.submissionId));
  }
  // Spot checks against what was sent: a multiple choice keeps the order chosen; a non-answer.
  EXPECT_EQ(all[5].response.findAnswer("reasons")->codes, (std::vector<int>{2, 4}));
  ASSERT_NE(all[8].response.findAnswer("access_find"), nullptr);
  EXPECT_EQ(all[8].response.findAnswer("access_find")->nonAnswer, NonAnswer::DontKnow);
  EXPECT_EQ(all[10].response.findAnswer("comment")->text, "Пікір 10");

  EXPECT_TRUE(reader.readAfter(kResponses, 100).empty());
  EXPECT_TRUE(reader.readAfter(0, 0).empty());
  const auto tail = reader.readAfter(kResponses - 3, 100);
  ASSERT_EQ(tail.size(), 3U);
  EXPECT_EQ(tail.front().sequence, kResponses - 2);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
