// Several server processes behind nginx on one MariaDB primary, their results engines reading a
// MariaDB replica (scripts/cluster.sh, real replication): a response submitted through one
// process shows in the figures of another once the replica has it, and pages reached through the
// proxy carry its https scheme and host in their links and a Secure session cookie.
#include <chrono>
#include <filesystem>
#include <random>
#include <string>
#include <thread>

#include <Poco/Net/ServerSocket.h>
#include <gtest/gtest.h>

#include "e2e_samples.hpp"
#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

const std::string kToken = "cluster-admin-token-0123456789";
const std::string kClusterScript = std::string(COURTVOICE_SOURCE_DIR) + "/scripts/cluster.sh";

bool portFree(int port) {
  try {
    Poco::Net::ServerSocket socket(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
    return true;
  } catch (const Poco::Exception&) {
    return false;
  }
}

// A base port whose neighbours the cluster uses are free: nginx PORT, servers PORT+1 and +2,
// MariaDB PORT+20 and +21.
int freeBasePort() {
  std::mt19937 random(std::random_device{}());
  std::uniform_int_distribution<int> pick(20000, 60000);
  for (int attempt = 0; attempt < 200; ++attempt) {
    const int port = pick(random);
    if (portFree(port) && portFree(port + 1) && portFree(port + 2) && portFree(port + 20) && portFree(port + 21)) return port;
  }
  throw std::runtime_error("no free ports for the cluster");
}

// The cluster of scripts/cluster.sh in a folder of its own, stopped and removed at the end.
class Cluster {
 public:
  Cluster() : port_(freeBasePort()) {
    dir_ = std::filesystem::temp_directory_path() / ("courtvoice-cluster-" + std::to_string(port_));
    const ProcessResult started = runProcess("bash", {kClusterScript, "start", dir_.string(), std::to_string(port_), "2"}, env());
    if (started.exitCode != 0) {
      stop();
      throw std::runtime_error("cluster.sh start failed:\n" + started.output);
    }
  }
  ~Cluster() { stop(); }
  Cluster(const Cluster&) = delete;
  Cluster& operator=(const Cluster&) = delete;

  int proxyPort() const { return port_; }
  int serverPort(int k) const { return port_ + k; }

 private:
  Env env() const {
    return {{"COURTVOICE_BIN_DIR", std::filesystem::path(COURTVOICE_SERVER_BIN).parent_path().string()},
            {"COURTVOICE_ADMIN_TOKEN", kToken},
            {"COURTVOICE_PASSWORD_ITERATIONS", "100000"},
            {"COURTVOICE_LIMITS_ENABLED", "false"}};
  }
  void stop() {
    runProcess("bash", {kClusterScript, "stop", dir_.string()}, env());
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }

  int port_;
  std::filesystem::path dir_;
};

// POST through curl to the proxy's https address (self-signed): the reply's headers and body.
std::string curlPost(int port, const std::string& path, const std::string& body) {
  return runProcess("curl", {"-sk", "--max-time", "30", "-i", "-X", "POST", "-H", "Content-Type: application/json",
                             "--data-binary", body, "https://127.0.0.1:" + std::to_string(port) + path})
      .output;
}

bool contains(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

TEST(ServerCluster, SubmittedThroughOneProcessSeenThroughAnotherReadingTheReplica) {
  Cluster cluster;
  const int first = cluster.serverPort(1);
  const int second = cluster.serverPort(2);
  const Env admin = bearer(kToken);

  ASSERT_EQ(http(first, "POST", "/api/v1/admin/courts", kCourtsJson, admin).status, 200);
  const auto created = http(first, "POST", "/api/v1/admin/surveys", kSurveyJson, admin);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(http(first, "POST", "/api/v1/admin/surveys/" + kSurveyId + "/versions/1/publish", "", admin).status, 200);

  // Six responses through the first process, the one the second has never seen.
  for (int i = 0; i < 6; ++i) {
    const auto stored = http(first, "POST", "/api/v1/surveys/" + kSurveyId + "/responses",
                             responseJson("cluster-" + std::to_string(i), R"({"access_find": )" + std::to_string(1 + i % 5) + "}"));
    ASSERT_EQ(stored.status, 201) << stored.body;
  }

  // The second process's engine reads the replica: it reports its source and how far behind
  // the primary it is, and reaches all six once replication has delivered them.
  const auto start = std::chrono::steady_clock::now();
  Poco::JSON::Object::Ptr status;
  while (true) {
    const auto reply = http(second, "GET", "/api/v1/admin/results", "", admin);
    ASSERT_EQ(reply.status, 200) << reply.body;
    status = reply.object();
    if (status->getValue<int>("responses") == 6 && status->getValue<int>("behind") == 0) break;
    ASSERT_LT(std::chrono::steady_clock::now() - start, std::chrono::seconds(30)) << reply.body;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const auto lag = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  std::cout << "the second process showed all 6 responses " << lag.count() << " ms after the last was acknowledged\n";
  EXPECT_EQ(status->getValue<std::string>("source"), "replica");
  EXPECT_EQ(status->getValue<int>("primary_sequence"), 6);

  const auto summary = http(second, "GET", "/api/v1/admin/surveys/" + kSurveyId + "/summary?group_by=none", "", admin);
  ASSERT_EQ(summary.status, 200) << summary.body;
  EXPECT_EQ(summary.object()->getValue<int>("total_responses"), 6);

  // Through nginx (TLS ends there): links carry the address the client used, not the configured
  // http://127.0.0.1:8080, which a direct request still gets.
  const std::string proxyBase = "https://127.0.0.1:" + std::to_string(cluster.proxyPort());
  const auto viaProxy = curlHttps(cluster.proxyPort(), "/posters/" + kSurveyId + "/ALM-01");
  ASSERT_EQ(viaProxy.status, 200) << viaProxy.body;
  EXPECT_TRUE(contains(viaProxy.body, proxyBase + "/s/" + kSurveyId + "?court=ALM-01")) << viaProxy.body;
  const auto direct = http(first, "GET", "/posters/" + kSurveyId + "/ALM-01");
  EXPECT_TRUE(contains(direct.body, "http://127.0.0.1:8080/s/" + kSurveyId + "?court=ALM-01"));

  // A sign-in through the proxy gets a Secure cookie (the client spoke https); directly, not.
  const std::string account = R"({"name": "cluster.analyst", "role": "analyst", "password": "a long enough passphrase"})";
  ASSERT_EQ(http(first, "POST", "/api/v1/admin/accounts", account, admin).status, 201);
  const std::string credentials = R"({"account": "cluster.analyst", "password": "a long enough passphrase"})";
  const std::string proxied = curlPost(cluster.proxyPort(), "/api/v1/session", credentials);
  EXPECT_TRUE(contains(proxied, "HTTP/1.1 200")) << proxied;
  EXPECT_TRUE(contains(proxied, "HttpOnly; SameSite=Strict; Secure")) << proxied;
  const auto plain = http(second, "POST", "/api/v1/session", credentials);
  ASSERT_EQ(plain.status, 200) << plain.body;
  EXPECT_FALSE(contains(plain.headers.at("Set-Cookie"), "Secure")) << plain.headers.at("Set-Cookie");
}

}  // namespace
}  // namespace courtvoice::e2e
