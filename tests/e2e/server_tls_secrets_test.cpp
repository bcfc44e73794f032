// HTTPS through Poco::NetSSL with a configured certificate and key, Strict-Transport-Security
// only over TLS, and secrets (the database password, the TLS key) read from files that only their
// owner may read: a file open to group or others stops the server with the command to run.
#include <sys/stat.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "server_fixture.hpp"

namespace courtvoice::e2e {
namespace {

/// A directory of its own with a self-signed pair from scripts/make-dev-cert.sh; removed at the end.
class DevCertificate {
 public:
  DevCertificate() : dir_(std::filesystem::temp_directory_path() / ("courtvoice-tls-" + randomHex(12))) {
    const auto run = runProcess("/bin/bash", {std::string(COURTVOICE_SOURCE_DIR) + "/scripts/make-dev-cert.sh", dir_.string()});
    if (run.exitCode != 0) throw std::runtime_error("make-dev-cert.sh failed: " + run.output);
  }
  ~DevCertificate() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  DevCertificate(const DevCertificate&) = delete;
  DevCertificate& operator=(const DevCertificate&) = delete;

  std::string certificate() const { return (dir_ / "courtvoice-dev.crt").string(); }
  std::string key() const { return (dir_ / "courtvoice-dev.key").string(); }
  std::filesystem::path dir() const { return dir_; }

 private:
  std::filesystem::path dir_;
};

std::string writeFile(const std::filesystem::path& path, const std::string& content, mode_t mode) {
  {
    std::ofstream out(path, std::ios::binary);
    out << content;
  }
  ::chmod(path.c_str(), mode);
  return path.string();
}

/// Starts the server binary with `env` over the schema's database settings and expects it to stop
/// at once (the settings are read before anything else); returns its output.
ProcessResult startRefused(const TestSchema& schema, const Env& env) {
  Env all = schema.environment();
  all["COURTVOICE_PORT"] = "0";
  for (const auto& [name, value] : env) all[name] = value;
  return runProcess(COURTVOICE_SERVER_BIN, {}, all);
}

TEST(TlsE2E, HttpsServesTheApiWithStrictTransportSecurity) {
  const DevCertificate pair;
  ServerProcess::Options options;
  options.extraEnv = {{"COURTVOICE_TLS_CERTIFICATE", pair.certificate()}, {"COURTVOICE_TLS_KEY", pair.key()}};
  ServerProcess server(options);  // waits for /healthz over HTTPS

  const auto health = curlHttps(server.port(), "/healthz");
  EXPECT_EQ(health.status, 200) << health.body;
  EXPECT_NE(health.body.find("\"database\":\"ok\""), std::string::npos) << health.body;
  EXPECT_EQ(health.header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_EQ(health.header("X-Content-Type-Options"), "nosniff");
  const auto missing = curlHttps(server.port(), "/api/v1/nowhere");
  EXPECT_EQ(missing.status, 404);
  EXPECT_EQ(missing.header("Strict-Transport-Security"), "max-age=31536000");
  EXPECT_NE(server.log().find("listening on https://"), std::string::npos);
  // Plain HTTP on the TLS port is not served.
  EXPECT_THROW(http(server.port(), "GET", "/healthz"), Poco::Exception);
}

TEST(TlsE2E, PlainHttpSendsNoStrictTransportSecurity) {
  ServerProcess server;
  const auto health = http(server.port(), "GET", "/healthz");
  EXPECT_EQ(health.status, 200);
  EXPECT_EQ(health.header("Strict-Transport-Security"), "");
}

TEST(TlsE2E, AKeyThatOthersCanReadStopsTheServerSayingWhatToRun) {
  const DevCertificate pair;
  ::chmod(pair.key().c_str(), 0644);
  const TestSchema schema;
  const auto run = startRefused(schema, {{"COURTVOICE_TLS_CERTIFICATE", pair.certificate()}, {"COURTVOICE_TLS_KEY", pair.key()}});
  EXPECT_NE(run.exitCode, 0);
  EXPECT_NE(run.output.find("tls.key"), std::string::npos) << run.output;
  EXPECT_NE(run.output.find("chmod 600 " + pair.key()), std::string::npos) << run.output;
  EXPECT_EQ(run.output.find("listening"), std::string::npos) << run.output;
}

TEST(TlsE2E, ACertificateWithoutAKeyIsRefused) {
  const DevCertificate pair;
  const TestSchema schema;
  const auto run = startRefused(schema, {{"COURTVOICE_TLS_CERTIFICATE", pair.certificate()}});
  EXPECT_NE(run.exitCode, 0);
  EXPECT_NE(run.output.find("give both or neither"), std::string::npos) << run.output;
}

TEST(SecretFilesE2E, TheDatabasePasswordComesFromAPrivateFile) {
  const TestDatabase db = TestDatabase::fromEnvironment();
  const auto dir = std::filesystem::temp_directory_path() / ("courtvoice-secret-" + randomHex(12));
  std::filesystem::create_directories(dir);
  const std::string file = writeFile(dir / "db-password", db.password + "\n", 0600);
  ServerProcess::Options options;
  options.extraEnv = {{"COURTVOICE_DB_PASSWORD", ""}, {"COURTVOICE_DB_PASSWORD_FILE", file}};
  {
    ServerProcess server(options);
    const auto health = http(server.port(), "GET", "/healthz");
    EXPECT_EQ(health.status, 200);
    EXPECT_EQ(health.object()->getValue<std::string>("database"), "ok");
    // The admin tool reads the same setting.
    Env adminEnv = server.schema().environment();
    adminEnv["COURTVOICE_DB_PASSWORD"] = "";
    adminEnv["COURTVOICE_DB_PASSWORD_FILE"] = file;
    const auto migrate = runAdmin({"migrate"}, adminEnv);
    EXPECT_EQ(migrate.exitCode, 0) << migrate.output;
  }

  // Readable by the group: refused, saying what to run.
  ::chmod(file.c_str(), 0640);
  const TestSchema schema;
  const auto refused = startRefused(schema, {{"COURTVOICE_DB_PASSWORD", ""}, {"COURTVOICE_DB_PASSWORD_FILE", file}});
  EXPECT_NE(refused.exitCode, 0);
  EXPECT_NE(refused.output.find("db.password_file"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("chmod 600 " + file), std::string::npos) << refused.output;
  // Both a password and a file: refused as ambiguous.
  ::chmod(file.c_str(), 0600);
  const auto both = startRefused(schema, {{"COURTVOICE_DB_PASSWORD", db.password}, {"COURTVOICE_DB_PASSWORD_FILE", file}});
  EXPECT_NE(both.exitCode, 0);
  EXPECT_NE(both.output.find("give one"), std::string::npos) << both.output;
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace courtvoice::e2e
