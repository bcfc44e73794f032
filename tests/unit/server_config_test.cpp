// Settings: properties file, then the environment over it; courts from CSV and JSON; static names.
#include <sys/stat.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <random>

#include <Poco/AutoPtr.h>
#include <Poco/Util/MapConfiguration.h>
#include <Poco/Util/PropertyFileConfiguration.h>

#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/server_config.hpp"
#include "courtvoice/server/static_files.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;

EnvLookup fakeEnv(std::map<std::string, std::string> values) {
  return [values = std::move(values)](const std::string& name) -> std::optional<std::string> {
    const auto it = values.find(name);
    if (it == values.end()) return std::nullopt;
    return it->second;
  };
}

std::vector<std::string> fieldsOf(const DomainError& error) {
  std::vector<std::string> fields;
  for (const auto& e : error.errors()) fields.push_back(e.field);
  return fields;
}

TEST(ServerConfig, DefaultsWithoutFileOrEnvironment) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> properties(new Poco::Util::MapConfiguration);
  const ServerConfig config = loadServerConfig(*properties, fakeEnv({}));
  EXPECT_EQ(config.bindAddress, "127.0.0.1");
  EXPECT_EQ(config.maxBodyBytes, 64U * 1024U);
  EXPECT_EQ(config.maxImportBytes, 16U * 1024U * 1024U);
  EXPECT_EQ(config.adminToken, "");
  EXPECT_EQ(config.webDir, COURTVOICE_WEB_DIR);
  EXPECT_EQ(config.docsDir, COURTVOICE_DOCS_DIR);
  EXPECT_FALSE(config.migrateOnStart);
}

TEST(ServerConfig, TheReplicaAndTheLogFormatHaveDefaultsFileKeysAndEnvironment) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> properties(new Poco::Util::MapConfiguration);
  const ServerConfig none = loadServerConfig(*properties, fakeEnv({}));
  EXPECT_FALSE(none.replica.enabled());
  EXPECT_EQ(none.logFormat, "text");
  properties->setString("replica.host", "10.0.0.7");
  properties->setString("replica.port", "3307");
  properties->setString("server.logFormat", "json");
  const ServerConfig file = loadServerConfig(*properties, fakeEnv({}));
  EXPECT_TRUE(file.replica.enabled());
  EXPECT_EQ(file.replica.host, "10.0.0.7");
  EXPECT_EQ(file.replica.port, 3307);
  EXPECT_EQ(file.replica.poolSize, 4);
  EXPECT_EQ(file.logFormat, "json");
  const ServerConfig env = loadServerConfig(*properties, fakeEnv({{"COURTVOICE_REPLICA_SOCKET", "/run/replica.sock"},
                                                                  {"COURTVOICE_REPLICA_POOL_SIZE", "2"},
                                                                  {"COURTVOICE_LOG_FORMAT", "text"}}));
  EXPECT_EQ(env.replica.socket, "/run/replica.sock");
  EXPECT_EQ(env.replica.poolSize, 2);
  EXPECT_EQ(env.logFormat, "text");
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_LOG_FORMAT", "xml"}})), std::invalid_argument);
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_REPLICA_PORT", "0"}})), std::invalid_argument);
}

TEST(ServerConfig, WritePathSettingsHaveDefaultsFileKeysAndEnvironment) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> none(new Poco::Util::MapConfiguration);
  const ServerConfig defaults = loadServerConfig(*none, fakeEnv({}));
  EXPECT_EQ(defaults.commit.maxBatch, 200U);
  EXPECT_EQ(defaults.commit.maxWait, std::chrono::milliseconds(2));
  EXPECT_EQ(defaults.commit.queueCapacity, 2000U);
  EXPECT_EQ(defaults.commit.committers, 2);
  EXPECT_EQ(defaults.commit.timeout, std::chrono::milliseconds(10000));
  EXPECT_EQ(defaults.catalogCheckInterval, std::chrono::milliseconds(1000));

  Poco::AutoPtr<Poco::Util::MapConfiguration> file(new Poco::Util::MapConfiguration);
  file->setString("commit.batchMax", "50");
  file->setString("commit.waitMs", "0");
  file->setString("commit.queueCapacity", "10");
  file->setString("catalog.checkIntervalMs", "250");
  const ServerConfig config = loadServerConfig(
      *file, fakeEnv({{"COURTVOICE_COMMIT_THREADS", "1"}, {"COURTVOICE_COMMIT_TIMEOUT_MS", "500"},
                      {"COURTVOICE_CATALOG_CHECK_INTERVAL_MS", "0"}}));
  EXPECT_EQ(config.commit.maxBatch, 50U);
  EXPECT_EQ(config.commit.maxWait, std::chrono::milliseconds(0));
  EXPECT_EQ(config.commit.queueCapacity, 10U);
  EXPECT_EQ(config.commit.committers, 1);
  EXPECT_EQ(config.commit.timeout, std::chrono::milliseconds(500));
  EXPECT_EQ(config.catalogCheckInterval, std::chrono::milliseconds(0));

  EXPECT_THROW(loadServerConfig(*none, fakeEnv({{"COURTVOICE_COMMIT_BATCH_MAX", "0"}})), std::invalid_argument);
  EXPECT_THROW(loadServerConfig(*none, fakeEnv({{"COURTVOICE_COMMIT_THREADS", "many"}})), std::invalid_argument);
}

TEST(ServerConfig, RateLimitSettingsHaveDefaultsFileKeysAndEnvironment) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> none(new Poco::Util::MapConfiguration);
  const ServerConfig defaults = loadServerConfig(*none, fakeEnv({}));
  EXPECT_TRUE(defaults.limits.enabled);
  EXPECT_EQ(defaults.limits.rate.burst, 10);
  EXPECT_EQ(defaults.limits.rate.perMinute, 10);
  EXPECT_EQ(defaults.limits.rate.maxClients, 100000U);
  EXPECT_TRUE(defaults.limits.kioskNetworks.empty());
  EXPECT_TRUE(defaults.limits.trustedProxies.empty());
  EXPECT_EQ(defaults.limits.kioskToken, "");

  Poco::AutoPtr<Poco::Util::MapConfiguration> file(new Poco::Util::MapConfiguration);
  file->setString("limits.enabled", "false");
  file->setString("limits.burst", "3");
  file->setString("limits.perMinute", "120");
  file->setString("limits.maxClients", "500");
  file->setString("limits.kioskNetworks", "10.77.0.0/16, 2001:db8:77::/48");
  file->setString("server.trustedProxies", "127.0.0.1");
  const ServerConfig fromFile = loadServerConfig(*file, fakeEnv({}));
  EXPECT_FALSE(fromFile.limits.enabled);
  EXPECT_EQ(fromFile.limits.rate.burst, 3);
  EXPECT_EQ(fromFile.limits.rate.perMinute, 120);
  EXPECT_EQ(fromFile.limits.rate.maxClients, 500U);
  ASSERT_EQ(fromFile.limits.kioskNetworks.size(), 2U);
  EXPECT_TRUE(anyContains(fromFile.limits.kioskNetworks, *parseIpAddress("10.77.1.2")));
  EXPECT_TRUE(anyContains(fromFile.limits.trustedProxies, *parseIpAddress("127.0.0.1")));

  const ServerConfig fromEnv = loadServerConfig(
      *file, fakeEnv({{"COURTVOICE_LIMITS_ENABLED", "true"}, {"COURTVOICE_LIMITS_BURST", "20"},
                      {"COURTVOICE_LIMITS_PER_MINUTE", "6"}, {"COURTVOICE_LIMITS_MAX_CLIENTS", "1000"},
                      {"COURTVOICE_LIMITS_KIOSK_NETWORKS", ""}, {"COURTVOICE_TRUSTED_PROXIES", "fd00::/8"},
                      {"COURTVOICE_KIOSK_TOKEN", "kiosk-token-0123456789"}}));
  EXPECT_TRUE(fromEnv.limits.enabled);
  EXPECT_EQ(fromEnv.limits.rate.burst, 20);
  EXPECT_EQ(fromEnv.limits.rate.perMinute, 6);
  EXPECT_EQ(fromEnv.limits.rate.maxClients, 1000U);
  EXPECT_TRUE(fromEnv.limits.kioskNetworks.empty());  // an empty variable clears the file's list
  EXPECT_FALSE(anyContains(fromEnv.limits.trustedProxies, *parseIpAddress("127.0.0.1")));
  EXPECT_TRUE(anyContains(fromEnv.limits.trustedProxies, *parseIpAddress("fd12::1")));
  EXPECT_EQ(fromEnv.limits.kioskToken, "kiosk-token-0123456789");

  EXPECT_THROW(loadServerConfig(*none, fakeEnv({{"COURTVOICE_LIMITS_BURST", "0"}})), std::invalid_argument);
  EXPECT_THROW(loadServerConfig(*none, fakeEnv({{"COURTVOICE_LIMITS_PER_MINUTE", "0"}})), std::invalid_argument);
  EXPECT_THROW(loadServerConfig(*none, fakeEnv({{"COURTVOICE_LIMITS_ENABLED", "maybe"}})), std::invalid_argument);
}

TEST(ServerConfig, BadNetworksAndAWeakOrFiledKioskTokenAreRefusedNamingTheSetting) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> none(new Poco::Util::MapConfiguration);
  const auto messageOf = [](const Poco::Util::AbstractConfiguration& file, const EnvLookup& env) {
    try {
      loadServerConfig(file, env);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(messageOf(*none, fakeEnv({{"COURTVOICE_LIMITS_KIOSK_NETWORKS", "10.0.0.0/8 10.0.0.300"}}))
                .find("COURTVOICE_LIMITS_KIOSK_NETWORKS: \"10.0.0.300\""),
            std::string::npos);
  EXPECT_NE(messageOf(*none, fakeEnv({{"COURTVOICE_TRUSTED_PROXIES", "10.1.0.0/8"}})).find("COURTVOICE_TRUSTED_PROXIES"),
            std::string::npos);
  Poco::AutoPtr<Poco::Util::MapConfiguration> badFile(new Poco::Util::MapConfiguration);
  badFile->setString("limits.kioskNetworks", "kiosks");
  EXPECT_NE(messageOf(*badFile, fakeEnv({})).find("limits.kioskNetworks"), std::string::npos);
  EXPECT_NE(messageOf(*none, fakeEnv({{"COURTVOICE_KIOSK_TOKEN", "short"}})).find("at least 16"), std::string::npos);
  Poco::AutoPtr<Poco::Util::MapConfiguration> tokenInFile(new Poco::Util::MapConfiguration);
  tokenInFile->setString("limits.kioskToken", "kiosk-token-0123456789");
  EXPECT_NE(messageOf(*tokenInFile, fakeEnv({})).find("COURTVOICE_KIOSK_TOKEN only"), std::string::npos);
}

TEST(ServerConfig, EnvironmentOverridesTheFile) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> properties(new Poco::Util::MapConfiguration);
  properties->setString("server.port", "8081");
  properties->setString("server.threads", "4");
  properties->setString("db.name", "from_file");
  properties->setString("db.user", "file_user");
  const ServerConfig config = loadServerConfig(
      *properties, fakeEnv({{"COURTVOICE_PORT", "0"}, {"COURTVOICE_DB_NAME", "from_env"}, {"COURTVOICE_ADMIN_TOKEN", "tok"},
                            {"COURTVOICE_MAX_BODY_BYTES", "1024"}, {"COURTVOICE_DB_SOCKET", "/tmp/db.sock"},
                            {"COURTVOICE_WEB_DIR", "/srv/web"}, {"COURTVOICE_DOCS_DIR", "/srv/docs"}}));
  EXPECT_EQ(config.port, 0);
  EXPECT_EQ(config.threads, 4);
  EXPECT_EQ(config.database.name, "from_env");
  EXPECT_EQ(config.database.user, "file_user");
  EXPECT_EQ(config.database.socket, "/tmp/db.sock");
  EXPECT_EQ(config.adminToken, "tok");
  EXPECT_EQ(config.maxBodyBytes, 1024U);
  EXPECT_EQ(config.webDir, "/srv/web");
  EXPECT_EQ(config.docsDir, "/srv/docs");
}

TEST(ServerConfig, CommittedPropertiesFileParsesAndHoldsNoSecrets) {
  Poco::AutoPtr<Poco::Util::PropertyFileConfiguration> properties(
      new Poco::Util::PropertyFileConfiguration(std::string(COURTVOICE_SOURCE_DIR) + "/server/courtvoice.properties"));
  const ServerConfig config = loadServerConfig(*properties, fakeEnv({}));
  EXPECT_EQ(config.bindAddress, "127.0.0.1");
  EXPECT_EQ(config.port, 8080);
  EXPECT_EQ(config.maxBodyBytes, 65536U);
  // The file shows the write-path defaults as they are.
  const ServerConfig defaults;
  EXPECT_EQ(config.commit.maxBatch, defaults.commit.maxBatch);
  EXPECT_EQ(config.commit.maxWait, defaults.commit.maxWait);
  EXPECT_EQ(config.commit.queueCapacity, defaults.commit.queueCapacity);
  EXPECT_EQ(config.commit.committers, defaults.commit.committers);
  EXPECT_EQ(config.commit.timeout, defaults.commit.timeout);
  EXPECT_EQ(config.catalogCheckInterval, defaults.catalogCheckInterval);
  EXPECT_EQ(config.requestTimeoutSeconds, defaults.requestTimeoutSeconds);
  EXPECT_EQ(config.maxConnectionsPerClient, defaults.maxConnectionsPerClient);
  EXPECT_FALSE(config.tls.enabled());
  // ... and the rate limits' defaults, with no kiosk token in it.
  EXPECT_EQ(config.limits.enabled, defaults.limits.enabled);
  EXPECT_EQ(config.limits.rate.burst, defaults.limits.rate.burst);
  EXPECT_EQ(config.limits.rate.perMinute, defaults.limits.rate.perMinute);
  EXPECT_EQ(config.limits.rate.maxClients, defaults.limits.rate.maxClients);
  EXPECT_TRUE(config.limits.kioskNetworks.empty());
  EXPECT_TRUE(config.limits.trustedProxies.empty());
  EXPECT_TRUE(properties->hasProperty("limits.burst"));
  EXPECT_EQ(config.limits.kioskToken, "");
  EXPECT_FALSE(properties->hasProperty("db.password"));
  EXPECT_FALSE(properties->hasProperty("server.adminToken"));
  EXPECT_EQ(config.database.password, "");
  EXPECT_EQ(config.adminToken, "");
}

TEST(ServerConfig, HostileClientSettingsHaveDefaultsFileKeysAndEnvironment) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> properties(new Poco::Util::MapConfiguration);
  const ServerConfig defaults = loadServerConfig(*properties, fakeEnv({}));
  EXPECT_EQ(defaults.requestTimeoutSeconds, 10);
  EXPECT_EQ(defaults.maxConnectionsPerClient, 8);
  EXPECT_FALSE(defaults.tls.enabled());

  properties->setString("server.requestTimeoutSeconds", "20");
  properties->setString("server.maxConnectionsPerClient", "4");
  const ServerConfig fromFile = loadServerConfig(*properties, fakeEnv({}));
  EXPECT_EQ(fromFile.requestTimeoutSeconds, 20);
  EXPECT_EQ(fromFile.maxConnectionsPerClient, 4);
  const ServerConfig fromEnv = loadServerConfig(
      *properties, fakeEnv({{"COURTVOICE_REQUEST_TIMEOUT_SECONDS", "3"}, {"COURTVOICE_MAX_CONNECTIONS_PER_CLIENT", "0"}}));
  EXPECT_EQ(fromEnv.requestTimeoutSeconds, 3);
  EXPECT_EQ(fromEnv.maxConnectionsPerClient, 0);
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_REQUEST_TIMEOUT_SECONDS", "0"}})), std::invalid_argument);
}

/// A file in a directory of its own under /tmp with `mode`; the directory goes with the object.
class TempSecret {
 public:
  TempSecret(const std::string& content, mode_t mode)
      : dir_(std::filesystem::temp_directory_path() / ("courtvoice-unit-secret-" + std::to_string(std::random_device{}()))) {
    std::filesystem::create_directories(dir_);
    std::ofstream(path()) << content;
    ::chmod(path().c_str(), mode);
  }
  ~TempSecret() {
    std::error_code ignored;
    std::filesystem::remove_all(dir_, ignored);
  }
  TempSecret(const TempSecret&) = delete;
  TempSecret& operator=(const TempSecret&) = delete;
  std::string path() const { return (dir_ / "secret").string(); }

 private:
  std::filesystem::path dir_;
};

TEST(ServerConfig, TheDatabasePasswordIsReadFromAFileOnlyItsOwnerCanRead) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> properties(new Poco::Util::MapConfiguration);
  const TempSecret privateFile("s3cret-from-file\n", 0600);
  properties->setString("db.password_file", privateFile.path());
  EXPECT_EQ(loadServerConfig(*properties, fakeEnv({})).database.password, "s3cret-from-file");
  EXPECT_EQ(loadDatabaseSettings(*properties, fakeEnv({})).password, "s3cret-from-file");

  for (const mode_t open : {mode_t{0640}, mode_t{0604}, mode_t{0620}}) {
    const TempSecret shared("s3cret", open);
    try {
      loadServerConfig(*properties, fakeEnv({{"COURTVOICE_DB_PASSWORD_FILE", shared.path()}}));
      FAIL() << "expected a refusal for mode " << std::oct << open;
    } catch (const std::invalid_argument& e) {
      EXPECT_NE(std::string(e.what()).find("db.password_file"), std::string::npos) << e.what();
      EXPECT_NE(std::string(e.what()).find("run: chmod 600 " + shared.path()), std::string::npos) << e.what();
    }
  }
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_DB_PASSWORD", "also"}})), std::invalid_argument);
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_DB_PASSWORD_FILE", "/nonexistent/secret"}})),
               std::invalid_argument);
}

TEST(ServerConfig, TlsNeedsACertificateAndAPrivateKeyFile) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> properties(new Poco::Util::MapConfiguration);
  const TempSecret key("-----BEGIN PRIVATE KEY-----", 0600);
  const TempSecret openKey("-----BEGIN PRIVATE KEY-----", 0644);
  const ServerConfig tls =
      loadServerConfig(*properties, fakeEnv({{"COURTVOICE_TLS_CERTIFICATE", "/etc/cert.pem"}, {"COURTVOICE_TLS_KEY", key.path()}}));
  EXPECT_TRUE(tls.tls.enabled());
  EXPECT_EQ(tls.tls.key, key.path());
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_TLS_CERTIFICATE", "/etc/cert.pem"}})), std::invalid_argument);
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_TLS_KEY", key.path()}})), std::invalid_argument);
  try {
    properties->setString("tls.certificate", "/etc/cert.pem");
    properties->setString("tls.key", openKey.path());
    loadServerConfig(*properties, fakeEnv({}));
    FAIL() << "expected a refusal of a key others can read";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("chmod 600 " + openKey.path()), std::string::npos) << e.what();
  }
}

TEST(ServerConfig, MalformedNumbersNameTheSetting) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> properties(new Poco::Util::MapConfiguration);
  try {
    loadServerConfig(*properties, fakeEnv({{"COURTVOICE_PORT", "80a"}}));
    FAIL() << "expected invalid_argument";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("COURTVOICE_PORT"), std::string::npos);
  }
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_DB_PORT", "70000"}})), std::invalid_argument);
  EXPECT_THROW(loadServerConfig(*properties, fakeEnv({{"COURTVOICE_THREADS", "0"}})), std::invalid_argument);
}

TEST(CourtsCsv, ReadsQuotedFieldsAndByteOrderMark) {
  const std::string csv =
      "\xEF\xBB\xBF"
      "code,name_kk,name_ru,name_en,region,level,active\r\n"
      "ALM-01,Алматы соты,\"Суд г. Алматы, район 1\",\"Almaty \"\"First\"\" Court\",almaty_city,district,true\r\n"
      "\n"
      "AST-02,Астана соты,Суд Астаны,Astana Court,astana,regional,0\n";

  const auto courts = parseCourtsCsv(csv);

  ASSERT_EQ(courts.size(), 2U);
  EXPECT_EQ(courts[0].code, "ALM-01");
  EXPECT_EQ(courts[0].name.at("ru"), "Суд г. Алматы, район 1");
  EXPECT_EQ(courts[0].name.at("en"), "Almaty \"First\" Court");
  EXPECT_TRUE(courts[0].active);
  EXPECT_EQ(courts[1].region, "astana");
  EXPECT_FALSE(courts[1].active);
}

TEST(CourtsCsv, ReportsEveryBadLine) {
  const std::string csv =
      "code,name_kk,name_ru,name_en,region,level,active\n"
      "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1\n"
      "ALM-02,Алматы,Алматы,Almaty,almaty_city,galactic,1\n"
      "ALM-03,Алматы,,Almaty,almaty_city,district,maybe\n"
      "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1\n"
      "ALM-05,too,few\n";
  try {
    parseCourtsCsv(csv);
    FAIL() << "expected errors";
  } catch (const DomainError& e) {
    const auto fields = fieldsOf(e);
    for (const std::string expected :
         {"line 3: level", "line 4: name_ru", "line 4: active", "line 5: code", "line 6: columns"}) {
      EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
    }
    EXPECT_EQ(fields.size(), 5U);
  }
}

TEST(CourtsCsv, MissingColumnIsNamed) {
  try {
    parseCourtsCsv("code,name_kk,name_ru,region,level,active\n");
    FAIL();
  } catch (const DomainError& e) {
    EXPECT_EQ(e.field(), "line 1: name_en");
  }
}

TEST(CourtsJson, AcceptsOneOrManyAndNamesBadEntries) {
  const auto one = parseCourtsJson(
      R"({"code": "ALM-01", "name": {"kk": "А", "ru": "Б", "en": "C"}, "region": "almaty_city", "level": "district"})");
  ASSERT_EQ(one.size(), 1U);
  EXPECT_TRUE(one[0].active);

  try {
    parseCourtsJson(R"([{"code": "ALM-01", "name": {"kk": "А", "ru": "Б", "en": "C"}, "region": "almaty_city", "level": "district"},
                        {"code": "x y", "name": {"kk": "А", "ru": "Б"}, "region": "almaty_city", "level": "district", "active": "yes"}])");
    FAIL();
  } catch (const DomainError& e) {
    const auto fields = fieldsOf(e);
    for (const std::string expected : {"[1].code", "[1].name.en", "[1].active"}) {
      EXPECT_NE(std::find(fields.begin(), fields.end(), expected), fields.end()) << expected;
    }
  }
  EXPECT_THROW(parseCourtsJson("42"), DomainError);
  EXPECT_THROW(parseCourtsJson("[]"), DomainError);
}

TEST(StaticFiles, OnlyPlainNamesAreServed) {
  EXPECT_TRUE(isSafeStaticName("survey.js"));
  EXPECT_TRUE(isSafeStaticName("app-2_min.css"));
  EXPECT_FALSE(isSafeStaticName(""));
  EXPECT_FALSE(isSafeStaticName(".."));
  EXPECT_FALSE(isSafeStaticName("..%2Fsecret"));
  EXPECT_FALSE(isSafeStaticName("a..b.js"));
  EXPECT_FALSE(isSafeStaticName(".hidden.js"));
  EXPECT_FALSE(isSafeStaticName("dir/file.js"));
  EXPECT_FALSE(isSafeStaticName("file\\x.js"));
}

TEST(StaticFiles, ContentTypesByExtension) {
  EXPECT_EQ(contentTypeFor("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(contentTypeFor("static/app.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(contentTypeFor("style.css"), "text/css; charset=utf-8");
  EXPECT_EQ(contentTypeFor("logo.svg"), "image/svg+xml");
  EXPECT_EQ(contentTypeFor("logo.png"), "image/png");
  EXPECT_EQ(contentTypeFor("favicon.ico"), "image/x-icon");
  EXPECT_EQ(contentTypeFor("secrets.properties"), std::nullopt);
  EXPECT_EQ(contentTypeFor("run.sh"), std::nullopt);
}

}  // namespace
}  // namespace courtvoice::server

namespace courtvoice::server {
namespace {

TEST(SessionSettings, SecureCookieFollowsTlsUnlessSetAndIterationsHaveAFloor) {
  Poco::AutoPtr<Poco::Util::MapConfiguration> properties(new Poco::Util::MapConfiguration);
  const auto env = [](std::map<std::string, std::string> values) -> EnvLookup {
    return [values](const std::string& name) -> std::optional<std::string> {
      const auto it = values.find(name);
      if (it == values.end()) return std::nullopt;
      return it->second;
    };
  };
  const ServerConfig plain = loadServerConfig(*properties, env({}));
  EXPECT_FALSE(plain.accounts.secureCookie);
  EXPECT_EQ(plain.accounts.passwordIterations, 600000);
  EXPECT_EQ(plain.accounts.sessionIdleMinutes, 30);
  EXPECT_EQ(plain.accounts.sessionAbsoluteHours, 8);
  // TLS on needs a key its owner alone may read (checked at load).
  const auto key = std::filesystem::temp_directory_path() / ("courtvoice-session-key-" + std::to_string(::getpid()) + ".pem");
  std::ofstream(key) << "not read here\n";
  std::filesystem::permissions(key, std::filesystem::perms::owner_read | std::filesystem::perms::owner_write);
  properties->setString("tls.certificate", "/etc/courtvoice/cert.pem");
  properties->setString("tls.key", key.string());
  EXPECT_TRUE(loadServerConfig(*properties, env({})).accounts.secureCookie);
  EXPECT_FALSE(loadServerConfig(*properties, env({{"COURTVOICE_SESSION_SECURE_COOKIE", "false"}})).accounts.secureCookie);
  EXPECT_THROW(loadServerConfig(*properties, env({{"COURTVOICE_PASSWORD_ITERATIONS", "99999"}})), std::invalid_argument);
  EXPECT_EQ(loadServerConfig(*properties, env({{"COURTVOICE_SESSION_IDLE_MINUTES", "5"}})).accounts.sessionIdleMinutes, 5);
  std::filesystem::remove(key);
}

}  // namespace
}  // namespace courtvoice::server
