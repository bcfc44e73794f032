#pragma once
// End-to-end test support: a schema of its own in the private MariaDB that CTest starts (see
// tests/CMakeLists.txt), the REAL courtvoice-server binary started on a free port, and small
// HTTP and process helpers. Header-only so the browser tests can reuse it.
//
//   courtvoice::e2e::ServerProcess server;                 // schema + migrated + listening
//   auto r = courtvoice::e2e::http(server.port(), "GET", "/healthz");
//   EXPECT_EQ(r.status, 200);
#include <sys/types.h>
#include <unistd.h>

#include <chrono>
#include <csignal>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <random>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include <Poco/Dynamic/Var.h>
#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/Net/HTTPClientSession.h>
#include <Poco/Net/HTTPRequest.h>
#include <Poco/Net/HTTPResponse.h>
#include <Poco/Net/NetException.h>
#include <Poco/Pipe.h>
#include <Poco/PipeStream.h>
#include <Poco/Process.h>
#include <Poco/StreamCopier.h>

namespace courtvoice::e2e {

using Env = std::map<std::string, std::string>;

inline std::string requireEnv(const char* name) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    throw std::runtime_error(std::string(name) + " is not set: run the e2e tests through ctest, which starts MariaDB");
  }
  return value;
}

inline std::string readFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) throw std::runtime_error("cannot read " + path);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

inline std::string randomHex(std::size_t length) {
  static constexpr char kHex[] = "0123456789abcdef";
  std::random_device device;
  std::mt19937_64 random(device());
  std::string out;
  for (std::size_t i = 0; i < length; ++i) out += kHex[random() % 16];
  return out;
}

/// The private MariaDB CTest started (tests/CMakeLists.txt, scripts/db.sh).
struct TestDatabase {
  std::string dir;
  std::string socket;
  int port = 0;
  std::string user = "courtvoice";
  std::string password;

  static TestDatabase fromEnvironment() {
    TestDatabase db;
    db.dir = requireEnv("COURTVOICE_TEST_DB_DIR");
    // The socket is what connects; the port is passed on for completeness. It comes from the
    // environment or, failing that, from the my.cnf that scripts/db.sh writes.
    if (const char* port = std::getenv("COURTVOICE_TEST_DB_PORT"); port != nullptr && *port != '\0') {
      db.port = std::stoi(port);
    } else {
      std::ifstream cnf(db.dir + "/my.cnf");
      const std::regex portLine(R"(^port\s*=\s*([0-9]+)\s*$)");
      for (std::string line; db.port == 0 && std::getline(cnf, line);) {
        std::smatch match;
        if (std::regex_match(line, match, portLine)) db.port = std::stoi(match[1]);
      }
      if (db.port == 0) db.port = 3306;
    }
    db.socket = db.dir + "/mysqld.sock";
    db.password = readFile(db.dir + "/app-password");
    while (!db.password.empty() && (db.password.back() == '\n' || db.password.back() == '\r')) db.password.pop_back();
    return db;
  }

  /// The COURTVOICE_DB_* variables the server and the admin tool read, for `schema`.
  Env environment(const std::string& schema) const {
    return {{"COURTVOICE_DB_SOCKET", socket},     {"COURTVOICE_DB_HOST", "127.0.0.1"},
            {"COURTVOICE_DB_PORT", std::to_string(port)}, {"COURTVOICE_DB_USER", user},
            {"COURTVOICE_DB_PASSWORD", password}, {"COURTVOICE_DB_NAME", schema}};
  }
};

/// Result of a finished child process.
struct ProcessResult {
  int exitCode = -1;
  std::string output;  ///< stdout and stderr together
};

/// Runs a program to completion with extra environment variables; output captured.
inline ProcessResult runProcess(const std::string& program, const std::vector<std::string>& args, const Env& env = {}) {
  Poco::Pipe out;
  Poco::Process::Env processEnv(env.begin(), env.end());
  Poco::ProcessHandle handle = Poco::Process::launch(program, args, nullptr, &out, &out, processEnv);
  ProcessResult result;
  Poco::PipeInputStream in(out);
  Poco::StreamCopier::copyToString(in, result.output);
  result.exitCode = handle.wait();
  return result;
}

/// Runs SQL through the mariadb client as the application user; returns the tab-separated rows.
inline std::string runSql(const TestDatabase& db, const std::string& sql, const std::string& schema = "") {
  std::vector<std::string> args = {"--no-defaults", "--protocol=socket", "--socket=" + db.socket, "--user=" + db.user,
                                   "--batch", "--skip-column-names"};
  if (!schema.empty()) args.push_back("--database=" + schema);
  args.push_back("--execute=" + sql);
  const ProcessResult result = runProcess("mariadb", args, {{"MYSQL_PWD", db.password}});
  if (result.exitCode != 0) throw std::runtime_error("SQL failed (" + sql + "): " + result.output);
  return result.output;
}

/// A schema of its own (courtvoice_e2e_<random>, which the test user may create), dropped at
/// the end. Not migrated: the server (--migrate) or `courtvoice-admin migrate` does that.
class TestSchema {
 public:
  TestSchema() : db_(TestDatabase::fromEnvironment()), name_("courtvoice_e2e_" + randomHex(12)) {
    runSql(db_, "CREATE DATABASE `" + name_ + "` CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_520_ci");
  }
  ~TestSchema() {
    try {
      runSql(db_, "DROP DATABASE IF EXISTS `" + name_ + "`");
    } catch (const std::exception&) {
      // best effort: a leftover schema goes with the test MariaDB directory
    }
  }
  TestSchema(const TestSchema&) = delete;
  TestSchema& operator=(const TestSchema&) = delete;

  const std::string& name() const { return name_; }
  const TestDatabase& database() const { return db_; }
  /// COURTVOICE_DB_* for this schema (what the server and courtvoice-admin read).
  Env environment() const { return db_.environment(name_); }
  /// A number from this schema, e.g. "SELECT COUNT(*) FROM responses".
  long long count(const std::string& sql) const { return std::stoll(runSql(db_, sql, name_)); }
  std::string sql(const std::string& statement) const { return runSql(db_, statement, name_); }

 private:
  TestDatabase db_;
  std::string name_;
};

/// One HTTP exchange.
struct HttpResult {
  int status = 0;
  std::string body;
  std::map<std::string, std::string> headers;

  Poco::Dynamic::Var json() const {
    Poco::JSON::Parser parser;
    return parser.parse(body);
  }
  Poco::JSON::Object::Ptr object() const { return json().extract<Poco::JSON::Object::Ptr>(); }
  Poco::JSON::Array::Ptr array() const { return json().extract<Poco::JSON::Array::Ptr>(); }
  /// error.code / error.field of an error body ("" when absent).
  std::string errorCode() const { return object()->getObject("error")->getValue<std::string>("code"); }
  std::string errorField() const { return object()->getObject("error")->getValue<std::string>("field"); }
  std::string header(const std::string& name) const {
    const auto it = headers.find(name);
    return it == headers.end() ? "" : it->second;
  }
};

/// Sends one request to 127.0.0.1:port. A body is sent with `contentType` unless it is empty.
inline HttpResult http(int port, const std::string& method, const std::string& path, const std::string& body = "",
                       const Env& headers = {}, const std::string& contentType = "application/json") {
  Poco::Net::HTTPClientSession session("127.0.0.1", static_cast<Poco::UInt16>(port));
  session.setTimeout(Poco::Timespan(60, 0));
  Poco::Net::HTTPRequest request(method, path, Poco::Net::HTTPMessage::HTTP_1_1);
  for (const auto& [name, value] : headers) request.set(name, value);
  if (!body.empty() || method == "POST") {
    if (!contentType.empty()) request.setContentType(contentType);
    request.setContentLength(static_cast<std::streamsize>(body.size()));
  }
  session.sendRequest(request) << body;
  Poco::Net::HTTPResponse response;
  std::istream& in = session.receiveResponse(response);
  HttpResult result;
  result.status = static_cast<int>(response.getStatus());
  Poco::StreamCopier::copyToString(in, result.body);
  for (const auto& [name, value] : response) result.headers[name] = value;
  return result;
}

/// GET https://127.0.0.1:port/path through curl, accepting a self-signed certificate (-k): for a
/// server started with tls.certificate and tls.key. Status 0 when curl cannot connect.
inline HttpResult curlHttps(int port, const std::string& path) {
  const std::string url = "https://127.0.0.1:" + std::to_string(port) + path;
  const ProcessResult run = runProcess("curl", {"-sk", "--max-time", "30", "-i", url});
  HttpResult result;
  if (run.exitCode != 0) return result;
  std::istringstream in(run.output);
  std::string line;
  std::getline(in, line);
  if (line.rfind("HTTP/", 0) == 0) result.status = std::stoi(line.substr(line.find(' ') + 1, 3));
  while (std::getline(in, line) && line != "\r" && !line.empty()) {
    const auto colon = line.find(':');
    if (colon == std::string::npos) continue;
    std::string value = line.substr(colon + 1);
    while (!value.empty() && (value.front() == ' ')) value.erase(0, 1);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    result.headers[line.substr(0, colon)] = value;
  }
  std::ostringstream body;
  body << in.rdbuf();
  result.body = body.str();
  return result;
}

/// The headers of an admin call.
inline Env bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}};
}

/// The real courtvoice-server in a schema of its own. The constructor creates the schema, starts
/// the binary with --migrate on port 0, reads the port from its "listening on" line and waits for
/// /healthz; the destructor kills it by PID (if still running) and drops the schema.
class ServerProcess {
 public:
  struct Options {
    std::string adminToken = "e2e-admin-token-0123456789";
    Env extraEnv;  ///< e.g. {"COURTVOICE_MAX_BODY_BYTES", "1024"}
    /// Rate limits on public POSTs (limits.enabled). Off unless a test turns them on: tests post
    /// many responses from 127.0.0.1, and the limits have tests of their own (server_limits_test).
    bool rateLimits = false;
    /// Open connections per client (server.maxConnectionsPerClient). Off (0) unless a test turns
    /// it on: tests open many connections from 127.0.0.1 at once, and the cap has tests of its own
    /// (server_hostile_clients_test).
    int maxConnectionsPerClient = 0;
  };

  ServerProcess() : ServerProcess(Options{}) {}

  explicit ServerProcess(Options options) : options_(std::move(options)) {
    logFile_ = std::filesystem::temp_directory_path() / (schema_.name() + ".log");
    try {
      start();
    } catch (...) {
      cleanUp();  // the destructor does not run when the constructor throws
      throw;
    }
  }

  ~ServerProcess() { cleanUp(); }

  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  int port() const { return port_; }
  std::string baseUrl() const { return "http://127.0.0.1:" + std::to_string(port_); }
  const TestSchema& schema() const { return schema_; }
  const std::string& adminToken() const { return options_.adminToken; }
  Env adminHeaders() const { return bearer(options_.adminToken); }
  /// A number from the server's schema, e.g. "SELECT COUNT(*) FROM responses".
  long long count(const std::string& sql) const { return schema_.count(sql); }
  long long sqlCount(const std::string& sql) const { return schema_.count(sql); }
  /// Tab-separated rows of a query on the server's schema, each ending in a newline.
  std::string sql(const std::string& statement) const { return schema_.sql(statement); }

  /// Everything the server printed so far (stdout and stderr).
  std::string log() const {
    try {
      return readFile(logFile_.string());
    } catch (const std::exception&) {
      return "";
    }
  }

  /// The environment the server runs with.
  Env environment() const {
    Env env = schema_.environment();
    env["COURTVOICE_ADMIN_TOKEN"] = options_.adminToken;
    env["COURTVOICE_PORT"] = "0";
    env["COURTVOICE_BIND"] = "127.0.0.1";
    env["COURTVOICE_LIMITS_ENABLED"] = options_.rateLimits ? "true" : "false";
    env["COURTVOICE_MAX_CONNECTIONS_PER_CLIENT"] = std::to_string(options_.maxConnectionsPerClient);
    // The floor, not the 600,000 default: a sign-in or account creation costs a sixth as much (about
    // 2 s under the sanitizers at 600k), and tests create accounts by the hundred.
    env["COURTVOICE_PASSWORD_ITERATIONS"] = "100000";
    for (const auto& [name, value] : options_.extraEnv) env[name] = value;
    return env;
  }

  bool running() const { return pid_ > 0; }
  pid_t pid() const { return pid_; }

  /// Sends a signal (e.g. SIGTERM) without waiting.
  void signal(int signalNumber) const {
    if (pid_ <= 0) throw std::logic_error("the server is not running");
    ::kill(pid_, signalNumber);
  }

  /// Kills the server (as a power cut would) and keeps its schema, so that restart() can bring it
  /// back: for clients that must survive an outage.
  void stop() {
    if (pid_ <= 0) throw std::logic_error("the server is not running");
    ::kill(pid_, SIGKILL);
    handle_->wait();
    pid_ = 0;
  }

  /// Starts the binary again on the same port and schema after stop().
  void restart() {
    if (pid_ > 0) throw std::logic_error("the server is still running");
    fixedPort_ = port_;
    port_ = 0;
    start();
  }

  /// Waits for the process to end; returns its exit code.
  int waitForExit() {
    if (pid_ <= 0) throw std::logic_error("the server is not running");
    const int code = handle_->wait();
    pid_ = 0;
    return code;
  }

 private:
  void start() {
    // sh exec's the server (same PID) with its output in a file: no pipe to keep draining.
    Poco::Process::Env env;
    for (const auto& [name, value] : environment()) env[name] = value;
    if (fixedPort_ != 0) env["COURTVOICE_PORT"] = std::to_string(fixedPort_);
    handle_.emplace(Poco::Process::launch(
        "/bin/sh", {"-c", "exec \"$0\" --migrate >\"$1\" 2>&1", COURTVOICE_SERVER_BIN, logFile_.string()}, nullptr,
        nullptr, nullptr, env));
    pid_ = handle_->id();

    // Start-up (migrations included) takes well under a second; the generous limit only keeps a
    // loaded machine from a false failure.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    const std::regex listening(R"(courtvoice-server listening on (https?)://[0-9.]+:([0-9]+))");
    while (port_ == 0) {
      std::smatch match;
      const std::string text = log();
      if (std::regex_search(text, match, listening)) {
        tls_ = match[1] == "https";
        port_ = std::stoi(match[2]);
        break;
      }
      if (!Poco::Process::isRunning(*handle_)) {
        handle_->wait();
        pid_ = 0;
        throw std::runtime_error("courtvoice-server exited during start-up:\n" + text);
      }
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("courtvoice-server did not report its port:\n" + text);
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    while (true) {
      try {
        if ((tls_ ? curlHttps(port_, "/healthz") : http(port_, "GET", "/healthz")).status == 200) return;
      } catch (const Poco::Exception&) {
        // not accepting yet
      }
      if (std::chrono::steady_clock::now() > deadline) throw std::runtime_error("courtvoice-server never became healthy:\n" + log());
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
  }

  void cleanUp() {
    if (pid_ > 0) {
      ::kill(pid_, SIGKILL);
      handle_->wait();
      pid_ = 0;
    }
    std::error_code ignored;
    std::filesystem::remove(logFile_, ignored);
  }

  Options options_;
  TestSchema schema_;
  std::filesystem::path logFile_;
  std::optional<Poco::ProcessHandle> handle_;
  pid_t pid_ = 0;
  int port_ = 0;
  int fixedPort_ = 0;  ///< restart(): the port of the first start
  bool tls_ = false;   ///< it said "listening on https://"
};

/// The bytes the kernel holds for the server's end of a loopback connection that the server has
/// not read yet (from /proc/net/tcp), or nullopt when no such connection is listed. Lets a test
/// know, without sleeping, that the server has taken in everything sent so far.
inline std::optional<long> serverUnreadBytes(int serverPort, int clientPort) {
  std::ifstream in("/proc/net/tcp");
  std::string line;
  std::getline(in, line);  // header
  while (std::getline(in, line)) {
    std::istringstream fields(line);
    std::string slot, local, remote, state, queues;
    fields >> slot >> local >> remote >> state >> queues;
    const auto portOf = [](const std::string& address) { return std::stoi(address.substr(address.find(':') + 1), nullptr, 16); };
    if (local.find(':') == std::string::npos || remote.find(':') == std::string::npos) continue;
    if (portOf(local) == serverPort && portOf(remote) == clientPort) {
      return std::stol(queues.substr(queues.find(':') + 1), nullptr, 16);
    }
  }
  return std::nullopt;
}

/// Runs courtvoice-admin with the database environment of `server` (or any Env).
inline ProcessResult runAdmin(const std::vector<std::string>& args, const Env& env) {
  return runProcess(COURTVOICE_ADMIN_BIN, args, env);
}

}  // namespace courtvoice::e2e
