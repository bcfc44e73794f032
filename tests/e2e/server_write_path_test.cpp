// The write path of issue 6 end to end: the real server binary, group commit into the real
// MariaDB, and the in-memory catalog's freshness against this and other processes.
#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kPath = "/api/v1/surveys/" + kSurveyId + "/responses";

std::string sqlList(const std::vector<std::string>& values) {
  std::string out;
  for (const auto& value : values) out += (out.empty() ? "'" : ",'") + value + "'";
  return out;
}

/// A definition file for courtvoice-admin import-survey, removed at the end.
class SurveyFile {
 public:
  SurveyFile() : path_(std::filesystem::temp_directory_path() / ("courtvoice-writepath-" + randomHex(10) + ".json")) {
    std::ofstream(path_, std::ios::binary) << kSurveyJson;
  }
  ~SurveyFile() {
    std::error_code ignored;
    std::filesystem::remove(path_, ignored);
  }
  std::string path() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

TEST(WritePathE2E, ConcurrentSubmissionsAreEachStoredExactlyOnceAndRetriesGetTheSameId) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  constexpr int kClients = 32;
  constexpr int kEach = 20;
  std::mutex mutex;
  std::vector<std::string> acknowledged;  // response ids of the 201s
  std::vector<std::string> failures;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      std::string firstId;
      const std::string firstBody = responseJson("conc-" + std::to_string(c) + "-0000", R"({"access_find": 4})");
      for (int i = 0; i < kEach; ++i) {
        const std::string sid = "conc-" + std::to_string(c) + "-" + std::to_string(1000 + i).substr(1);
        const auto reply = http(server.port(), "POST", kPath,
                                i == 0 ? firstBody : responseJson(sid, R"({"access_find": 5, "comment": "ok"})", i % 2 ? "AST-01" : "ALM-01"));
        std::lock_guard lock(mutex);
        if (reply.status != 201) {
          failures.push_back(std::to_string(reply.status) + " " + reply.body);
          continue;
        }
        acknowledged.push_back(reply.object()->getValue<std::string>("response_id"));
        if (i == 0) firstId = acknowledged.back();
      }
      // A client that did not hear the answer resends: same id, nothing stored twice.
      const auto retry = http(server.port(), "POST", kPath, firstBody);
      std::lock_guard lock(mutex);
      if (retry.status != 200 || retry.object()->getValue<std::string>("response_id") != firstId) {
        failures.push_back("retry: " + std::to_string(retry.status) + " " + retry.body);
      }
    });
  }
  for (auto& client : clients) client.join();

  EXPECT_TRUE(failures.empty()) << failures.size() << " failures, first: " << (failures.empty() ? "" : failures.front());
  ASSERT_EQ(acknowledged.size(), static_cast<std::size_t>(kClients * kEach));
  EXPECT_EQ(std::set<std::string>(acknowledged.begin(), acknowledged.end()).size(), acknowledged.size());
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), kClients * kEach);
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses WHERE id IN (" + sqlList(acknowledged) + ")"), kClients * kEach);
  // Every answer row arrived with its response: one (access_find) or two (with the comment).
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM answers"), kClients * (1 + 2 * (kEach - 1)));
}

TEST(WritePathE2E, AdminChangesThroughThisServerAreSeenByTheNextSubmission) {
  // An interval of ten minutes: only this server telling its own cache can explain what follows.
  ServerProcess::Options options;
  options.extraEnv = {{"COURTVOICE_CATALOG_CHECK_INTERVAL_MS", "600000"}};
  ServerProcess server(options);
  const int v1 = setUpPublishedSurvey(server);
  ASSERT_EQ(http(server.port(), "POST", kPath, responseJson("local-v1-0001", R"({"access_find": 4})")).status, 201);

  const auto created = http(server.port(), "POST", "/api/v1/admin/surveys", kSurveyJson, server.adminHeaders());
  ASSERT_EQ(created.status, 201) << created.body;
  const int v2 = created.object()->getValue<int>("version");
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/versions/" + std::to_string(v2) + "/publish",
                 "", server.adminHeaders()).status, 200);

  EXPECT_EQ(http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId).object()->getValue<int>("version"), v2);
  const auto old = http(server.port(), "POST", kPath,
                        responseJson("local-v1-0002", R"({"access_find": 4})", "ALM-01", R"("version": )" + std::to_string(v1) + ", "));
  EXPECT_EQ(old.status, 409) << old.body;
  EXPECT_EQ(old.errorCode(), "version_not_published");
  const auto current = http(server.port(), "POST", kPath,
                            responseJson("local-v2-0001", R"({"access_find": 4})", "ALM-01", R"("version": )" + std::to_string(v2) + ", "));
  EXPECT_EQ(current.status, 201) << current.body;
  EXPECT_EQ(server.count("SELECT version FROM responses WHERE submission_id = 'local-v2-0001'"), v2);

  // A new court is accepted at once; a deactivated one refused at once.
  const std::string newCourt = R"([{"code": "KAR-01", "name": {"kk": "Қарағанды", "ru": "Караганда", "en": "Karaganda"},
      "region": "karaganda", "level": "district"},
    {"code": "AST-01", "name": {"kk": "Астана", "ru": "Астана", "en": "Astana"}, "region": "astana",
      "level": "district", "active": false}])";
  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/courts", newCourt, server.adminHeaders()).status, 200);
  EXPECT_EQ(http(server.port(), "POST", kPath, responseJson("local-kar-0001", R"({"access_find": 4})", "KAR-01")).status, 201);
  const auto inactive = http(server.port(), "POST", kPath, responseJson("local-ast-0001", R"({"access_find": 4})", "AST-01"));
  EXPECT_EQ(inactive.status, 400) << inactive.body;
  EXPECT_EQ(inactive.errorField(), "court");

  ASSERT_EQ(http(server.port(), "POST", "/api/v1/admin/surveys/" + kSurveyId + "/close", "", server.adminHeaders()).status, 200);
  const auto closed = http(server.port(), "POST", kPath, responseJson("local-closed-1", R"({"access_find": 4})"));
  EXPECT_EQ(closed.status, 409) << closed.body;
  EXPECT_EQ(closed.errorCode(), "survey_not_accepting");
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 3);
}

TEST(WritePathE2E, CloseByAnotherProcessRefusesTheNextSubmissionDespiteALongCheckInterval) {
  // The catalog would not look for ten minutes; the check before each commit sees the close.
  ServerProcess::Options options;
  options.extraEnv = {{"COURTVOICE_CATALOG_CHECK_INTERVAL_MS", "600000"}};
  ServerProcess server(options);
  setUpPublishedSurvey(server);
  ASSERT_EQ(http(server.port(), "POST", kPath, responseJson("other-0000001", R"({"access_find": 4})")).status, 201);

  const auto closing = runAdmin({"close", kSurveyId}, server.environment());
  ASSERT_EQ(closing.exitCode, 0) << closing.output;
  const auto refused = http(server.port(), "POST", kPath, responseJson("other-0000002", R"({"access_find": 4})"));
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_EQ(refused.errorCode(), "survey_not_accepting");
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), 1);
  // Having looked, the server shows the survey closed to the pages too.
  EXPECT_EQ(http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId).status, 409);
}

TEST(WritePathE2E, PublishByAnotherProcessIsServedWithinTheCheckInterval) {
  constexpr int kIntervalMs = 500;
  ServerProcess::Options options;
  options.extraEnv = {{"COURTVOICE_CATALOG_CHECK_INTERVAL_MS", std::to_string(kIntervalMs)}};
  ServerProcess server(options);
  const int v1 = setUpPublishedSurvey(server);
  ASSERT_EQ(http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId).object()->getValue<int>("version"), v1);

  SurveyFile file;
  const auto imported = runAdmin({"import-survey", file.path()}, server.environment());
  ASSERT_EQ(imported.exitCode, 0) << imported.output;
  const int v2 = v1 + 1;
  const auto published = runAdmin({"publish", kSurveyId, std::to_string(v2)}, server.environment());
  ASSERT_EQ(published.exitCode, 0) << published.output;
  const auto since = std::chrono::steady_clock::now();

  // The page (which reads only the catalog) shows the new version within the interval; the
  // allowance on top is for one HTTP round trip and the reload on a busy machine.
  int shown = v1;
  while (shown != v2 && std::chrono::steady_clock::now() - since < std::chrono::milliseconds(kIntervalMs + 1500)) {
    shown = http(server.port(), "GET", "/api/v1/surveys/" + kSurveyId).object()->getValue<int>("version");
    if (shown != v2) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto waited = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - since);
  EXPECT_EQ(shown, v2) << "after " << waited.count() << " ms";
  const auto answered = http(server.port(), "POST", kPath,
                             responseJson("other-v2-0001", R"({"access_find": 4})", "ALM-01", R"("version": )" + std::to_string(v2) + ", "));
  EXPECT_EQ(answered.status, 201) << answered.body;
}

TEST(WritePathE2E, FullQueueAnswers503BusyWithRetryAfterAndResendsAreStoredOnce) {
  // One committer storing one response per transaction behind a queue of one: most concurrent
  // submissions find the queue full. None may hang; each busy one is resent until stored.
  ServerProcess::Options options;
  options.extraEnv = {{"COURTVOICE_COMMIT_QUEUE_CAPACITY", "1"},
                      {"COURTVOICE_COMMIT_BATCH_MAX", "1"},
                      {"COURTVOICE_COMMIT_THREADS", "1"}};
  ServerProcess server(options);
  setUpPublishedSurvey(server);
  constexpr int kClients = 24;
  constexpr int kEach = 8;
  std::atomic<int> busy{0};
  std::mutex mutex;
  std::vector<std::string> problems;
  std::set<std::string> acknowledged;
  std::vector<std::thread> clients;
  for (int c = 0; c < kClients; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; i < kEach; ++i) {
        const std::string body = responseJson("busy-" + std::to_string(c) + "-" + std::to_string(i) + "-x", R"({"access_find": 3})");
        for (int attempt = 0; attempt < 1000; ++attempt) {
          const auto reply = http(server.port(), "POST", kPath, body);
          std::lock_guard lock(mutex);
          if (reply.status == 201) {
            acknowledged.insert(reply.object()->getValue<std::string>("response_id"));
            break;
          }
          if (reply.status == 503 && reply.errorCode() == "busy" && reply.header("Retry-After") == "1") {
            ++busy;
            continue;  // a real client would wait Retry-After; here the test wants the pressure
          }
          problems.push_back(std::to_string(reply.status) + " " + reply.body);
          break;
        }
      }
    });
  }
  for (auto& client : clients) client.join();
  EXPECT_TRUE(problems.empty()) << problems.front();
  EXPECT_GT(busy.load(), 0);
  EXPECT_EQ(acknowledged.size(), static_cast<std::size_t>(kClients * kEach));
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses"), kClients * kEach);
}


TEST(WritePathE2E, SigtermUnderLoadAnswersEveryQueuedSubmissionAndExitsZero) {
  ServerProcess server;
  setUpPublishedSurvey(server);
  std::atomic<bool> stop{false};
  std::atomic<int> sent{0};
  std::mutex mutex;
  std::vector<std::string> acknowledged;
  std::vector<std::string> problems;
  std::vector<std::thread> clients;
  for (int c = 0; c < 16; ++c) {
    clients.emplace_back([&, c] {
      for (int i = 0; !stop; ++i) {
        try {
          const auto reply = http(server.port(), "POST", kPath,
                                  responseJson("term-" + std::to_string(c) + "-" + std::to_string(i) + "-x", R"({"access_find": 2})"));
          ++sent;
          std::lock_guard lock(mutex);
          if (reply.status == 201) acknowledged.push_back(reply.object()->getValue<std::string>("response_id"));
          else if (reply.status != 503) problems.push_back(std::to_string(reply.status) + " " + reply.body);
        } catch (const Poco::Exception&) {
          return;  // refused once the server stopped accepting: this client is done
        }
      }
    });
  }
  while (sent < 200) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  server.signal(SIGTERM);
  const int exitCode = server.waitForExit();
  stop = true;
  for (auto& client : clients) client.join();

  EXPECT_EQ(exitCode, 0) << server.log();
  EXPECT_TRUE(problems.empty()) << problems.front();
  ASSERT_FALSE(acknowledged.empty());
  // Every submission the server acknowledged is stored; what it stored beyond that is at most
  // one cut-off request per client.
  EXPECT_EQ(server.count("SELECT COUNT(*) FROM responses WHERE id IN (" + sqlList(acknowledged) + ")"),
            static_cast<long long>(acknowledged.size()));
  EXPECT_LE(server.count("SELECT COUNT(*) FROM responses"), static_cast<long long>(acknowledged.size()) + 16);
  EXPECT_NE(server.log().find("group commit:"), std::string::npos) << server.log();
}

}  // namespace
}  // namespace courtvoice::e2e
