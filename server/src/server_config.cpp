#include "courtvoice/server/server_config.hpp"

#include <charconv>
#include <cstdlib>
#include <stdexcept>

#include "courtvoice/server/secret_file.hpp"

namespace courtvoice::server {

namespace {

// A short kiosk token could be guessed, and it lifts the limits.
constexpr std::size_t kMinKioskTokenLength = 16;

long long parseNumber(const std::string& name, const std::string& text, long long min, long long max) {
  long long value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < min || value > max) {
    throw std::invalid_argument(name + " must be a whole number in " + std::to_string(min) + ".." +
                                std::to_string(max) + ", not \"" + text + "\"");
  }
  return value;
}

// A setting from the properties file, then the environment over it.
class Settings {
 public:
  Settings(const Poco::Util::AbstractConfiguration& config, const EnvLookup& env) : config_(config), env_(env) {}

  void text(const std::string& key, const std::string& envName, std::string& out) const {
    if (config_.hasProperty(key)) out = config_.getString(key);
    if (auto value = env_(envName)) out = *value;
  }

  template <typename Int>
  void number(const std::string& key, const std::string& envName, Int& out, long long min, long long max) const {
    if (config_.hasProperty(key)) out = static_cast<Int>(parseNumber(key, config_.getString(key), min, max));
    if (auto value = env_(envName)) out = static_cast<Int>(parseNumber(envName, *value, min, max));
  }

  /// Networks separated by commas or spaces (ip_network.hpp), named by the key or variable that gave them.
  void networks(const std::string& key, const std::string& envName, std::vector<IpNetwork>& out) const {
    if (config_.hasProperty(key)) out = parseIpNetworks(key, config_.getString(key));
    if (auto value = env_(envName)) out = parseIpNetworks(envName, *value);
  }

  void flag(const std::string& key, const std::string& envName, bool& out) const {
    std::string value;
    text(key, envName, value);
    if (value.empty()) return;
    if (value == "1" || value == "true" || value == "yes") out = true;
    else if (value == "0" || value == "false" || value == "no") out = false;
    else throw std::invalid_argument(key + " must be true or false, not \"" + value + "\"");
  }

 private:
  const Poco::Util::AbstractConfiguration& config_;
  const EnvLookup& env_;
};

}  // namespace

EnvLookup processEnvironment() {
  return [](const std::string& name) -> std::optional<std::string> {
    const char* value = std::getenv(name.c_str());
    if (value == nullptr) return std::nullopt;
    return std::string(value);
  };
}

std::string logFormatSetting(const Poco::Util::AbstractConfiguration& config, const EnvLookup& env) {
  if (auto value = env("COURTVOICE_LOG_FORMAT")) return *value;
  return config.getString("server.logFormat", "text");
}

DatabaseSettings loadDatabaseSettings(const Poco::Util::AbstractConfiguration& config, const EnvLookup& env) {
  const Settings settings(config, env);
  DatabaseSettings db;
  settings.text("db.host", "COURTVOICE_DB_HOST", db.host);
  settings.number("db.port", "COURTVOICE_DB_PORT", db.port, 1, 65535);
  settings.text("db.socket", "COURTVOICE_DB_SOCKET", db.socket);
  settings.text("db.user", "COURTVOICE_DB_USER", db.user);
  settings.text("db.password", "COURTVOICE_DB_PASSWORD", db.password);
  settings.text("db.password_file", "COURTVOICE_DB_PASSWORD_FILE", db.passwordFile);
  if (!db.passwordFile.empty()) {
    if (!db.password.empty()) {
      throw std::invalid_argument("db.password_file (COURTVOICE_DB_PASSWORD_FILE) and db.password (COURTVOICE_DB_PASSWORD) are both set: give one");
    }
    db.password = readSecretFile("db.password_file (COURTVOICE_DB_PASSWORD_FILE)", db.passwordFile);
  }
  settings.text("db.name", "COURTVOICE_DB_NAME", db.name);
  settings.number("db.poolSize", "COURTVOICE_DB_POOL_SIZE", db.poolSize, 1, 256);
  return db;
}

ServerConfig loadServerConfig(const Poco::Util::AbstractConfiguration& config, const EnvLookup& env) {
  const Settings settings(config, env);
  ServerConfig server;
#ifdef COURTVOICE_WEB_DIR
  server.webDir = COURTVOICE_WEB_DIR;
#endif
#ifdef COURTVOICE_DOCS_DIR
  server.docsDir = COURTVOICE_DOCS_DIR;
#endif
  settings.text("server.bind", "COURTVOICE_BIND", server.bindAddress);
  settings.number("server.port", "COURTVOICE_PORT", server.port, 0, 65535);
  settings.number("server.threads", "COURTVOICE_THREADS", server.threads, 1, 1024);
  settings.number("server.queueSize", "COURTVOICE_QUEUE_SIZE", server.queueSize, 1, 100000);
  settings.number("server.keepAliveSeconds", "COURTVOICE_KEEP_ALIVE_SECONDS", server.keepAliveSeconds, 0, 3600);
  settings.number("server.requestTimeoutSeconds", "COURTVOICE_REQUEST_TIMEOUT_SECONDS", server.requestTimeoutSeconds,
                  1, 3600);
  settings.number("server.maxConnectionsPerClient", "COURTVOICE_MAX_CONNECTIONS_PER_CLIENT",
                  server.maxConnectionsPerClient, 0, 100000);
  settings.number("server.maxBodyBytes", "COURTVOICE_MAX_BODY_BYTES", server.maxBodyBytes, 256, 64LL * 1024 * 1024);
  settings.number("server.maxImportBytes", "COURTVOICE_MAX_IMPORT_BYTES", server.maxImportBytes, 1024,
                  1024LL * 1024 * 1024);
  settings.text("server.adminToken", "COURTVOICE_ADMIN_TOKEN", server.adminToken);
  settings.text("server.webDir", "COURTVOICE_WEB_DIR", server.webDir);
  settings.text("server.docsDir", "COURTVOICE_DOCS_DIR", server.docsDir);
  settings.text("server.publicBaseUrl", "COURTVOICE_PUBLIC_BASE_URL", server.publicBaseUrl);
  while (!server.publicBaseUrl.empty() && server.publicBaseUrl.back() == '/') server.publicBaseUrl.pop_back();
  if (server.publicBaseUrl.rfind("http://", 0) != 0 && server.publicBaseUrl.rfind("https://", 0) != 0) {
    throw std::invalid_argument("server.publicBaseUrl (COURTVOICE_PUBLIC_BASE_URL) must start with http:// or https://");
  }
  settings.flag("server.migrateOnStart", "COURTVOICE_MIGRATE_ON_START", server.migrateOnStart);
  settings.flag("server.logRequests", "COURTVOICE_LOG_REQUESTS", server.logRequests);
  server.logFormat = logFormatSetting(config, env);
  if (server.logFormat != "text" && server.logFormat != "json") {
    throw std::invalid_argument("server.logFormat (COURTVOICE_LOG_FORMAT) must be text or json, not '" + server.logFormat + "'");
  }

  GroupCommitSettings& commit = server.commit;
  settings.number("commit.batchMax", "COURTVOICE_COMMIT_BATCH_MAX", commit.maxBatch, 1, 10000);
  long long waitMs = commit.maxWait.count();
  settings.number("commit.waitMs", "COURTVOICE_COMMIT_WAIT_MS", waitMs, 0, 1000);
  commit.maxWait = std::chrono::milliseconds(waitMs);
  settings.number("commit.queueCapacity", "COURTVOICE_COMMIT_QUEUE_CAPACITY", commit.queueCapacity, 1, 1000000);
  settings.number("commit.threads", "COURTVOICE_COMMIT_THREADS", commit.committers, 1, 16);
  long long timeoutMs = commit.timeout.count();
  settings.number("commit.timeoutMs", "COURTVOICE_COMMIT_TIMEOUT_MS", timeoutMs, 100, 600000);
  commit.timeout = std::chrono::milliseconds(timeoutMs);
  long long checkMs = server.catalogCheckInterval.count();
  settings.number("catalog.checkIntervalMs", "COURTVOICE_CATALOG_CHECK_INTERVAL_MS", checkMs, 0, 3600000);
  server.catalogCheckInterval = std::chrono::milliseconds(checkMs);

  PublicLimits& limits = server.limits;
  settings.networks("server.trustedProxies", "COURTVOICE_TRUSTED_PROXIES", limits.trustedProxies);
  settings.flag("limits.enabled", "COURTVOICE_LIMITS_ENABLED", limits.enabled);
  settings.number("limits.burst", "COURTVOICE_LIMITS_BURST", limits.rate.burst, 1, 100000);
  settings.number("limits.perMinute", "COURTVOICE_LIMITS_PER_MINUTE", limits.rate.perMinute, 1, 6000000);
  settings.number("limits.maxClients", "COURTVOICE_LIMITS_MAX_CLIENTS", limits.rate.maxClients, 1, 100000000);
  settings.networks("limits.kioskNetworks", "COURTVOICE_LIMITS_KIOSK_NETWORKS", limits.kioskNetworks);
  // A secret: from the environment only, never from the properties file.
  for (const char* key : {"limits.kioskToken", "server.kioskToken"}) {
    if (config.hasProperty(key)) {
      throw std::invalid_argument(std::string(key) + ": the kiosk token is read from COURTVOICE_KIOSK_TOKEN only, not from a file");
    }
  }
  if (auto token = env("COURTVOICE_KIOSK_TOKEN")) limits.kioskToken = *token;
  if (!limits.kioskToken.empty() && limits.kioskToken.size() < kMinKioskTokenLength) {
    throw std::invalid_argument("COURTVOICE_KIOSK_TOKEN must have at least " + std::to_string(kMinKioskTokenLength) +
                                " characters (or be empty: no kiosk token)");
  }
  settings.text("tls.certificate", "COURTVOICE_TLS_CERTIFICATE", server.tls.certificate);
  settings.text("tls.key", "COURTVOICE_TLS_KEY", server.tls.key);
  if (server.tls.certificate.empty() != server.tls.key.empty()) {
    throw std::invalid_argument("tls.certificate (COURTVOICE_TLS_CERTIFICATE) and tls.key (COURTVOICE_TLS_KEY) go together: give both or neither");
  }
  if (server.tls.enabled()) requirePrivateFile("tls.key (COURTVOICE_TLS_KEY)", server.tls.key);
  AccountConfig& accounts = server.accounts;
  settings.number("accounts.passwordIterations", "COURTVOICE_PASSWORD_ITERATIONS", accounts.passwordIterations, 100000,
                  100000000);
  settings.number("session.idleMinutes", "COURTVOICE_SESSION_IDLE_MINUTES", accounts.sessionIdleMinutes, 1, 24 * 60);
  settings.number("session.absoluteHours", "COURTVOICE_SESSION_ABSOLUTE_HOURS", accounts.sessionAbsoluteHours, 1, 24 * 30);
  // Secure cookies by default when the server itself speaks TLS.
  accounts.secureCookie = server.tls.enabled();
  settings.flag("session.secure_cookie", "COURTVOICE_SESSION_SECURE_COOKIE", accounts.secureCookie);
  server.database = loadDatabaseSettings(config, env);
  ReplicaSettings& replica = server.replica;
  settings.text("replica.host", "COURTVOICE_REPLICA_HOST", replica.host);
  settings.number("replica.port", "COURTVOICE_REPLICA_PORT", replica.port, 1, 65535);
  settings.text("replica.socket", "COURTVOICE_REPLICA_SOCKET", replica.socket);
  settings.number("replica.poolSize", "COURTVOICE_REPLICA_POOL_SIZE", replica.poolSize, 1, 256);
  return server;
}

}  // namespace courtvoice::server
