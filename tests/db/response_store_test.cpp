// MySqlResponseStore: submit, idempotency, transactions, bulk import and reading back.
#include <algorithm>
#include <latch>
#include <map>
#include <set>
#include <thread>

#include "courtvoice/surveys/detailed_error.hpp"
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

/// Like domainErrorOf, keeping the detail a DetailedError carries for the log.
template <typename Action>
DetailedError detailedErrorOf(Action&& action) {
  try {
    action();
  } catch (const DetailedError& error) {
    return error;
  } catch (const DomainError& error) {
    ADD_FAILURE() << "expected a DetailedError, got " << error.code();
  }
  ADD_FAILURE() << "expected a DetailedError";
  return DetailedError(ErrorKind::Invalid, "none", "no error was thrown", "");
}

using mysql::MySqlCourtStore;
using mysql::MySqlResponseStore;
using mysql::MySqlSurveyStore;

class ResponseStoreTest : public PublishedSurveyTest {
 protected:
  std::vector<StoredResponse> readAll(MySqlResponseStore& store, const ResponseQuery& query) {
    std::vector<StoredResponse> all;
    store.forEach(query, [&](const StoredResponse& stored) { all.push_back(stored); });
    return all;
  }

  static std::set<std::string> submissionIds(const std::vector<StoredResponse>& responses) {
    std::set<std::string> ids;
    for (const auto& stored : responses) ids.insert(stored.response.submissionId);
    return ids;
  }
};

Response fullResponse(const std::string& submissionId) {
  Response response = makeResponse(submissionId, "ALM-02", "2025-03-14");
  response.channel = Channel::Web;
  response.language = "kk";
  response.answers = {
      nonAnswer("access_find", NonAnswer::NotApplicable),
      codeAnswer("overall", 5),
      codeAnswer("recommend", 0),
      codeAnswer("role", 2),
      codesAnswer("reasons", {3, 1, 4}),
      numberAnswer("visits", 2.5),
      textAnswer("comment", "Кезек ұзақ болды"),
  };
  return response;
}

TEST_F(ResponseStoreTest, SubmitThenReadBackEveryKindOfAnswer) {
  MySqlResponseStore store(pool());
  const Response sent = fullResponse("sub-all-kinds-0001");
  const SubmitResult result = store.submit(sent);
  EXPECT_TRUE(result.created);
  EXPECT_EQ(result.responseId.size(), 32U);
  EXPECT_TRUE(std::all_of(result.responseId.begin(), result.responseId.end(),
                          [](char c) { return std::isxdigit(static_cast<unsigned char>(c)) != 0; }));
  // One row per answer, and one per chosen code of the multiple choice (3): 6 + 3 = 9.
  EXPECT_EQ(rowCount("answers"), 9);

  // Read through a second store, as after a server restart: nothing is cached.
  MySqlResponseStore reader(pool());
  const auto all = readAll(reader, makeQuery("court_user"));
  ASSERT_EQ(all.size(), 1U);
  const Response& got = all[0].response;
  EXPECT_EQ(all[0].region, "almaty_city");
  EXPECT_EQ(all[0].level, "district");  // both from the registry, for group=region and group=level
  EXPECT_EQ(got.submissionId, sent.submissionId);
  EXPECT_EQ(got.surveyId, "court_user");
  EXPECT_EQ(got.version, 1);
  EXPECT_EQ(got.courtCode, "ALM-02");
  EXPECT_EQ(got.channel, Channel::Web);
  EXPECT_EQ(got.language, "kk");
  EXPECT_EQ(got.givenOn, *Date::parse("2025-03-14"));
  ASSERT_EQ(got.answers.size(), sent.answers.size());

  const Answer* access = got.findAnswer("access_find");
  ASSERT_NE(access, nullptr);
  EXPECT_EQ(access->nonAnswer, NonAnswer::NotApplicable);
  ASSERT_NE(got.findAnswer("overall"), nullptr);
  EXPECT_FALSE(got.findAnswer("overall")->nonAnswer);
  EXPECT_EQ(got.findAnswer("overall")->code, 5);
  EXPECT_EQ(got.findAnswer("recommend")->code, 0);
  EXPECT_EQ(got.findAnswer("role")->code, 2);
  EXPECT_EQ(got.findAnswer("reasons")->codes, (std::vector<int>{3, 1, 4}));  // in the order chosen
  EXPECT_DOUBLE_EQ(got.findAnswer("visits")->number, 2.5);
  EXPECT_EQ(got.findAnswer("comment")->text, "Кезек ұзақ болды");
  // Nothing about the respondent beyond the day: the responses table has no time or address column.
  EXPECT_EQ(direct().queryNumber("SELECT COUNT(*) FROM information_schema.columns WHERE table_schema = DATABASE()"
                                 " AND table_name = 'responses' AND (data_type IN ('datetime', 'timestamp', 'time')"
                                 " OR column_name LIKE '%ip%' OR column_name LIKE '%agent%')"),
            0);
}

TEST_F(ResponseStoreTest, ResponseIdsAreRandomNotSequential) {
  MySqlResponseStore store(pool());
  std::vector<std::string> ids;
  for (int i = 0; i < 20; ++i) {
    ids.push_back(store.submit(makeResponse("sub-order-" + std::to_string(1000 + i), "ALM-01", "2025-03-14"))
                      .responseId);
  }
  std::set<std::string> distinct(ids.begin(), ids.end());
  EXPECT_EQ(distinct.size(), ids.size());
  // Ids in arrival order are not sorted: 20 random ids come out sorted with chance 1/20!.
  EXPECT_FALSE(std::is_sorted(ids.begin(), ids.end()));
}

TEST_F(ResponseStoreTest, RepeatedSubmissionIdStoresNothingTwice) {
  MySqlResponseStore store(pool());
  const SubmitResult first = store.submit(fullResponse("sub-repeat-0001"));
  Response retry = fullResponse("sub-repeat-0001");
  retry.answers = {codeAnswer("overall", 1)};  // even with other answers, a retry changes nothing
  const SubmitResult second = store.submit(retry);
  EXPECT_TRUE(first.created);
  EXPECT_FALSE(second.created);
  EXPECT_EQ(second.responseId, first.responseId);
  EXPECT_EQ(rowCount("responses"), 1);
  EXPECT_EQ(rowCount("answers"), 9);
  EXPECT_EQ(direct().queryNumber("SELECT code FROM answers WHERE item_id = 'overall'"), 5);
}

TEST_F(ResponseStoreTest, ConcurrentSubmitsOfOneSubmissionIdStoreOneRow) {
  MySqlResponseStore store(pool());  // the pool has 4 connections for 8 threads
  constexpr int kThreads = 8;
  std::latch start(kThreads);
  std::vector<SubmitResult> results(kThreads);
  std::vector<std::string> failures(kThreads);
  std::vector<std::thread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      try {
        results[i] = store.submit(fullResponse("sub-race-0001"));
      } catch (const std::exception& error) {
        failures[i] = error.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();

  int created = 0;
  for (int i = 0; i < kThreads; ++i) {
    EXPECT_EQ(failures[i], "") << "thread " << i;
    EXPECT_EQ(results[i].responseId, results[0].responseId) << "thread " << i;
    created += results[i].created ? 1 : 0;
  }
  EXPECT_EQ(created, 1);
  EXPECT_EQ(rowCount("responses"), 1);
  EXPECT_EQ(rowCount("answers"), 9);
  EXPECT_LE(pool().openConnections(), 4U);
}

TEST_F(ResponseStoreTest, AFailingTransactionStoresNothing) {
  MySqlResponseStore store(pool());
  // 70,000 bytes: more than a TEXT column holds (65,535). The response row is written first,
  // then the answers fail, and the whole transaction must go.
  Response tooLong = fullResponse("sub-too-long-0001");
  tooLong.answers.back() = textAnswer("comment", std::string(70000, 'a'));
  const auto error = detailedErrorOf([&] { store.submit(tooLong); });
  EXPECT_EQ(error.kind(), ErrorKind::Invalid);
  EXPECT_EQ(error.code(), "too_long");
  // Issue 10: MySQL's text (which names the column) is in the detail for the log, not the message.
  EXPECT_EQ(std::string(error.what()), "a value is too long to store: shorten it");
  EXPECT_NE(error.detail().find("MySQL error 1406"), std::string::npos) << error.detail();
  EXPECT_EQ(rowCount("responses"), 0);
  EXPECT_EQ(rowCount("answers"), 0);

  Response unknownCourt = fullResponse("sub-unknown-court-0001");
  unknownCourt.courtCode = "NOWHERE-01";
  const auto courtError = domainErrorOf([&] { store.submit(unknownCourt); });
  EXPECT_EQ(courtError.kind(), ErrorKind::Invalid);
  EXPECT_EQ(courtError.code(), "unknown_court");
  EXPECT_EQ(courtError.field(), "court");
  EXPECT_EQ(rowCount("responses"), 0);
  EXPECT_EQ(rowCount("answers"), 0);

  // The submission ids were not used up: fixed, the same submissions are stored.
  tooLong.answers.back() = textAnswer("comment", "short");
  EXPECT_TRUE(store.submit(tooLong).created);
  unknownCourt.courtCode = "AST-01";
  EXPECT_TRUE(store.submit(unknownCourt).created);
  EXPECT_EQ(rowCount("responses"), 2);
}

TEST_F(ResponseStoreTest, RefusesUnknownVersionsAndItems) {
  MySqlResponseStore store(pool());
  const auto version = domainErrorOf([&] { store.submit(makeResponse("sub-v9-00001", "ALM-01", "2025-03-14", 9)); });
  EXPECT_EQ(version.kind(), ErrorKind::NotFound);
  EXPECT_EQ(version.code(), "unknown_version");

  Response unknownItem = makeResponse("sub-item-0001", "ALM-01", "2025-03-14");
  unknownItem.answers.push_back(codeAnswer("no_such_item", 1));
  const auto item = domainErrorOf([&] { store.submit(unknownItem); });
  EXPECT_EQ(item.kind(), ErrorKind::Invalid);
  EXPECT_EQ(item.field(), "answers.no_such_item");

  Response twice = makeResponse("sub-twice-0001", "ALM-01", "2025-03-14");
  twice.answers.push_back(codeAnswer("overall", 2));
  EXPECT_EQ(domainErrorOf([&] { store.submit(twice); }).kind(), ErrorKind::Invalid);
  EXPECT_EQ(rowCount("responses"), 0);
}

TEST_F(ResponseStoreTest, ImportBulkIsAllOrNothing) {
  MySqlResponseStore store(pool());
  std::vector<Response> batch;
  for (int i = 0; i < 4; ++i) batch.push_back(fullResponse("sub-bulk-000" + std::to_string(i)));
  batch[3].courtCode = "NOWHERE-01";
  const auto courtError = domainErrorOf([&] { store.importBulk(batch); });
  EXPECT_EQ(courtError.code(), "unknown_court");
  EXPECT_EQ(courtError.field(), "responses[3].court");
  EXPECT_EQ(rowCount("responses"), 0);

  // A failure inside the database, after the response rows of the batch were written.
  batch[3].courtCode = "AST-01";
  batch[2].answers.back() = textAnswer("comment", std::string(70000, 'a'));
  EXPECT_EQ(domainErrorOf([&] { store.importBulk(batch); }).code(), "too_long");
  EXPECT_EQ(rowCount("responses"), 0);
  EXPECT_EQ(rowCount("answers"), 0);

  batch[2].answers.back() = textAnswer("comment", "ok");
  EXPECT_EQ(store.importBulk(batch), 4U);
  EXPECT_EQ(rowCount("responses"), 4);
  EXPECT_EQ(rowCount("answers"), 4 * 9);

  // Stored submission ids and repeats within the batch are skipped; the rest is stored.
  std::vector<Response> again = {fullResponse("sub-bulk-0000"), fullResponse("sub-bulk-0009"),
                                 fullResponse("sub-bulk-0009"), fullResponse("sub-bulk-0003")};
  EXPECT_EQ(store.importBulk(again), 1U);
  EXPECT_EQ(rowCount("responses"), 5);
  EXPECT_EQ(rowCount("answers"), 5 * 9);
  EXPECT_EQ(store.importBulk({}), 0U);
}

TEST_F(ResponseStoreTest, ForEachAndCountFilterByCourtRegionAndDays) {
  MySqlResponseStore store(pool());
  struct Row {
    const char* court;
    const char* region;
    const char* day;
  };
  const std::vector<Row> rows = {
      {"ALM-01", "almaty_city", "2025-01-05"}, {"ALM-01", "almaty_city", "2025-02-10"},
      {"ALM-02", "almaty_city", "2025-02-28"}, {"ALM-02", "almaty_city", "2025-03-01"},
      {"AST-01", "astana", "2025-01-31"},      {"AST-01", "astana", "2025-03-31"},
      {"AST-01", "astana", "2025-04-01"},
  };
  std::vector<Response> batch;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    batch.push_back(makeResponse("sub-filter-" + std::to_string(100 + i), rows[i].court, rows[i].day));
  }
  // A response to another survey is never included.
  SurveyDefinition other = sampleDefinition("judges");
  MySqlSurveyStore(pool()).createVersion(other);
  batch.push_back(makeResponse("sub-filter-other", "ALM-01", "2025-02-01", 1, "judges"));
  ASSERT_EQ(store.importBulk(batch), rows.size() + 1);

  // The expected set of each query is read off the table above by eye.
  const auto check = [&](const ResponseQuery& query, const std::set<std::string>& expected) {
    const auto all = readAll(store, query);
    EXPECT_EQ(submissionIds(all), expected);
    EXPECT_EQ(all.size(), expected.size());
    EXPECT_EQ(store.count(query), expected.size());
    for (const auto& stored : all) {
      EXPECT_EQ(stored.region, stored.response.courtCode == "AST-01" ? "astana" : "almaty_city");
    }
  };
  check(makeQuery("court_user"), {"sub-filter-100", "sub-filter-101", "sub-filter-102", "sub-filter-103",
                                     "sub-filter-104", "sub-filter-105", "sub-filter-106"});
  check(makeQuery("court_user", {"ALM-02"}), {"sub-filter-102", "sub-filter-103"});
  check(makeQuery("court_user", {"ALM-01", "AST-01"}),
        {"sub-filter-100", "sub-filter-101", "sub-filter-104", "sub-filter-105", "sub-filter-106"});
  check(makeQuery("court_user", {}, {"astana"}), {"sub-filter-104", "sub-filter-105", "sub-filter-106"});
  check(makeQuery("court_user", {}, {}, Date::parse("2025-02-01"), Date::parse("2025-03-31")),
        {"sub-filter-101", "sub-filter-102", "sub-filter-103", "sub-filter-105"});
  check(makeQuery("court_user", {}, {"almaty_city"}, Date::parse("2025-02-28")),
        {"sub-filter-102", "sub-filter-103"});
  check(makeQuery("court_user", {}, {}, std::nullopt, Date::parse("2025-01-31")), {"sub-filter-100", "sub-filter-104"});
  check(makeQuery("court_user", {"ALM-01"}, {"astana"}), {});
  check(makeQuery("nobody"), {});
  check(makeQuery("judges"), {"sub-filter-other"});
}

TEST_F(ResponseStoreTest, ForEachPagesThroughMoreThanOnePageInDayOrder) {
  MySqlResponseStore store(pool());  // pages of 2000
  constexpr int kResponses = 4500;
  std::vector<Response> batch;
  for (int i = 0; i < kResponses; ++i) {
    // 30 days, many responses per day: pages end in the middle of a day.
    Response response = makeResponse("sub-page-" + std::to_string(100000 + i), i % 3 == 0 ? "AST-01" : "ALM-01",
                                     "2025-05-" + std::to_string(10 + i % 20));
    response.answers = {numberAnswer("visits", i), codesAnswer("reasons", {1 + i % 4, 1 + (i + 1) % 4})};
    batch.push_back(std::move(response));
  }
  ASSERT_EQ(store.importBulk(batch), static_cast<std::size_t>(kResponses));

  std::map<std::string, int> seen;
  Date previous = *Date::parse("2025-01-01");
  bool ordered = true;
  store.forEach(makeQuery("court_user"), [&](const StoredResponse& stored) {
    const Response& response = stored.response;
    ++seen[response.submissionId];
    ordered = ordered && previous <= response.givenOn;
    previous = response.givenOn;
    // Each response comes with its own answers: visits = i, reasons = {1 + i % 4, 1 + (i + 1) % 4}.
    const int i = std::stoi(response.submissionId.substr(9)) - 100000;
    ASSERT_NE(response.findAnswer("visits"), nullptr);
    EXPECT_DOUBLE_EQ(response.findAnswer("visits")->number, i);
    ASSERT_NE(response.findAnswer("reasons"), nullptr);
    EXPECT_EQ(response.findAnswer("reasons")->codes, (std::vector<int>{1 + i % 4, 1 + (i + 1) % 4}));
    EXPECT_EQ(stored.region, i % 3 == 0 ? "astana" : "almaty_city");
  });
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kResponses));
  EXPECT_TRUE(std::all_of(seen.begin(), seen.end(), [](const auto& entry) { return entry.second == 1; }));
  EXPECT_TRUE(ordered);
  EXPECT_EQ(store.count(makeQuery("court_user")), static_cast<std::size_t>(kResponses));

  // A filter across page boundaries: every third response is at AST-01 (i = 0, 3, ..., 4497).
  std::size_t astana = 0;
  store.forEach(makeQuery("court_user", {"AST-01"}), [&](const StoredResponse&) { ++astana; });
  EXPECT_EQ(astana, 1500U);
}

// The answers of a page are read by the page's range of (day, seq), not by sequence numbers: here
// the days run against the order of storing, several responses share a day and pages of 3 end
// inside a day, so each page's responses are scattered over the stored order.
TEST_F(ResponseStoreTest, ForEachGivesEachResponseExactlyItsOwnAnswersWhenDaysRunAgainstStoringOrder) {
  MySqlResponseStore store(pool(), 3);
  constexpr int kResponses = 11;
  std::map<std::string, Response> sent;
  for (int i = 0; i < kResponses; ++i) {
    // i = 0 is the latest day; i = 2k and 2k + 1 share a day.
    Response response = makeResponse("sub-own-" + std::to_string(100 + i), i % 3 == 0 ? "AST-01" : "ALM-01",
                                     "2025-04-" + std::to_string(20 - i / 2));
    response.answers = {
        i % 2 == 1 ? nonAnswer("access_find", NonAnswer::DontKnow) : codeAnswer("access_find", 1 + i % 5),
        codeAnswer("overall", 1 + (i + 2) % 5),
        codesAnswer("reasons", i % 4 == 0 ? std::vector<int>{4, 1, 3} : std::vector<int>{1 + i % 4}),
        numberAnswer("visits", i / 3.0),  // 17 significant digits must come back exactly
        textAnswer("comment", "№" + std::to_string(i) + " a|b:c,\"q\"\nжол"),
    };
    sent.emplace(response.submissionId, response);
    store.submit(response);  // one at a time: sequence numbers in the order of i
  }

  const auto all = readAll(store, makeQuery("court_user"));
  ASSERT_EQ(all.size(), static_cast<std::size_t>(kResponses));
  for (std::size_t k = 0; k < all.size(); ++k) {
    // Day order, then storing order: i = 10 alone on the earliest day (04-15), then i = 8, 9
    // (04-16), 6, 7, ..., and i = 0, 1 (04-20) last.
    const int i = std::stoi(all[k].response.submissionId.substr(8)) - 100;
    const int expected = k == 0 ? 10 : static_cast<int>(8 - 2 * ((k - 1) / 2) + (k - 1) % 2);
    EXPECT_EQ(i, expected) << "position " << k;
    const Response& want = sent.at(all[k].response.submissionId);
    const Response& got = all[k].response;
    ASSERT_EQ(got.answers.size(), want.answers.size()) << got.submissionId;
    for (const Answer& answer : want.answers) {
      const Answer* back = got.findAnswer(answer.itemId);
      ASSERT_NE(back, nullptr) << got.submissionId << " " << answer.itemId;
      EXPECT_EQ(back->nonAnswer, answer.nonAnswer) << got.submissionId << " " << answer.itemId;
      if (answer.itemId == "reasons") {
        EXPECT_EQ(back->codes, answer.codes) << got.submissionId;  // in the order chosen
      } else if (!answer.nonAnswer) {
        EXPECT_EQ(back->code, answer.code) << got.submissionId << " " << answer.itemId;
      }
      EXPECT_EQ(back->number, answer.number) << got.submissionId;
      EXPECT_EQ(back->text, answer.text) << got.submissionId;
    }
    // Answers in item id order, as documented.
    EXPECT_TRUE(std::is_sorted(got.answers.begin(), got.answers.end(),
                               [](const Answer& a, const Answer& b) { return a.itemId < b.itemId; }));
  }

  // A region filter over the same pages: AST-01 has i = 0, 3, 6, 9.
  std::vector<std::string> astana;
  store.forEach(makeQuery("court_user", {}, {"astana"}), [&](const StoredResponse& stored) {
    astana.push_back(stored.response.submissionId);
    EXPECT_EQ(stored.response.answers.size(), 5U);
  });
  EXPECT_EQ(astana, (std::vector<std::string>{"sub-own-109", "sub-own-106", "sub-own-103", "sub-own-100"}));
}

TEST_F(ResponseStoreTest, ForEachOfNothingVisitsNothing) {
  MySqlResponseStore store(pool(), 3);
  EXPECT_TRUE(readAll(store, makeQuery("court_user")).empty());
  store.submit(makeResponse("sub-nothing-1", "ALM-01", "2025-03-14"));
  EXPECT_TRUE(readAll(store, makeQuery("court_user", {"AST-01"})).empty());
  EXPECT_TRUE(readAll(store, makeQuery("court_user", {}, {}, Date::parse("2025-03-15"))).empty());
  EXPECT_EQ(readAll(store, makeQuery("court_user")).size(), 1U);
}

TEST_F(ResponseStoreTest, ForEachMayUseTheStoreFromItsCallback) {
  // With one connection, a callback that reads would wait forever if forEach held it.
  auto config = pool().config();
  config.poolSize = 1;
  mysql::ConnectionPool single(config);
  MySqlResponseStore store(single, 2);
  for (int i = 0; i < 5; ++i) store.submit(makeResponse("sub-nested-" + std::to_string(1000 + i), "ALM-01", "2025-03-14"));
  int visited = 0;
  store.forEach(makeQuery("court_user"), [&](const StoredResponse&) {
    ++visited;
    EXPECT_EQ(store.count(makeQuery("court_user")), 5U);
  });
  EXPECT_EQ(visited, 5);
}

}  // namespace
}  // namespace courtvoice::surveys::testing
