#pragma once
// Settings of the server and the admin tool: a properties file (no secrets in it), then
// environment variables COURTVOICE_* over it.
#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>

#include <Poco/Util/AbstractConfiguration.h>

#include "courtvoice/server/group_committer.hpp"
#include "courtvoice/server/rate_limited_handler.hpp"

namespace courtvoice::server {

struct DatabaseSettings {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string socket;  ///< preferred over host/port when set
  std::string user = "courtvoice";
  std::string password;      ///< from db.password / COURTVOICE_DB_PASSWORD, or the file below
  std::string passwordFile;  ///< db.password_file: read at start (mode 0600 or stricter), not with `password`
  std::string name = "courtvoice";
  int poolSize = 8;
};

/// A MariaDB replica of the primary (replica.*): when set, the results engine reads responses
/// from it, so analytics reads add no load to the primary. User, password and schema are db.*'s
/// (replication copies the accounts). Off when neither host nor socket is given.
struct ReplicaSettings {
  std::string host;
  int port = 3306;
  std::string socket;
  int poolSize = 4;
  bool enabled() const { return !host.empty() || !socket.empty(); }
};

/// HTTPS through Poco::NetSSL: on when both files are given.
struct TlsSettings {
  std::string certificate;  ///< tls.certificate: PEM certificate (chain)
  std::string key;          ///< tls.key: PEM private key, readable by its owner only
  bool enabled() const { return !certificate.empty(); }
};

/// Accounts and page sessions (session.*, accounts.*).
struct AccountConfig {
  int passwordIterations = 600000;  ///< accounts.passwordIterations, at least 100000
  int sessionIdleMinutes = 30;      ///< session.idleMinutes
  int sessionAbsoluteHours = 8;     ///< session.absoluteHours
  bool secureCookie = false;        ///< session.secure_cookie; default on when tls.certificate is set
};

struct ServerConfig {
  std::string bindAddress = "127.0.0.1";
  int port = 8080;                          ///< 0: any free port (printed at start)
  int threads = 32;                         ///< request threads (an idle keep-alive connection holds one)
  int queueSize = 64;                       ///< connections waiting for a thread
  int keepAliveSeconds = 5;
  int requestTimeoutSeconds = 10;           ///< a whole request (headers and body) must arrive within this
  int maxConnectionsPerClient = 8;          ///< open connections per client address (0: no cap; trusted proxies exempt)
  std::size_t maxBodyBytes = 64 * 1024;     ///< public JSON bodies
  std::size_t maxImportBytes = 16 * 1024 * 1024;  ///< admin bodies (definitions, courts, import)
  /// Optional bootstrap credential: a bearer token acting as administrator "admin-token"; empty: off.
  std::string adminToken;
  AccountConfig accounts;
  std::string webDir;                       ///< the pages; default the source tree's server/web
  std::string docsDir;                      ///< openapi.json (GET /docs/openapi.json); default the source tree's docs
  /// Where respondents reach this server (scheme, host, port; no trailing slash): the base of the
  /// links printed on posters and invitation slips.
  std::string publicBaseUrl = "http://127.0.0.1:8080";
  bool migrateOnStart = false;
  bool logRequests = true;                  ///< one log line per request (request_log.hpp)
  std::string logFormat = "text";           ///< server.logFormat: "text" or "json" (json_log.hpp)
  GroupCommitSettings commit;               ///< group commit of submissions (commit.*)
  std::chrono::milliseconds catalogCheckInterval{1000};  ///< how stale the catalog may be (catalog.checkIntervalMs)
  PublicLimits limits;                      ///< rate limits on public POSTs (limits.*, server.trustedProxies)
  TlsSettings tls;
  DatabaseSettings database;
  ReplicaSettings replica;
};

/// Looks up an environment variable; injected so tests control it.
using EnvLookup = std::function<std::optional<std::string>(const std::string&)>;
EnvLookup processEnvironment();

/// Reads keys server.*, commit.*, catalog.*, limits.* and db.* (see server/courtvoice.properties) and
/// then the environment: COURTVOICE_PORT, _BIND, _THREADS, _MAX_BODY_BYTES, _MAX_IMPORT_BYTES, _ADMIN_TOKEN,
/// _WEB_DIR, _DOCS_DIR, _PUBLIC_BASE_URL, _LOG_REQUESTS, _LOG_FORMAT, _COMMIT_BATCH_MAX, _COMMIT_WAIT_MS, _COMMIT_QUEUE_CAPACITY, _COMMIT_THREADS,
/// _COMMIT_TIMEOUT_MS, _CATALOG_CHECK_INTERVAL_MS, _TRUSTED_PROXIES, _LIMITS_ENABLED, _LIMITS_BURST,
/// _LIMITS_PER_MINUTE, _LIMITS_MAX_CLIENTS, _LIMITS_KIOSK_NETWORKS, _KIOSK_TOKEN (environment only),
/// _PASSWORD_ITERATIONS, _SESSION_IDLE_MINUTES, _SESSION_ABSOLUTE_HOURS, _SESSION_SECURE_COOKIE,
/// _DB_HOST, _DB_PORT, _DB_SOCKET, _DB_USER, _DB_PASSWORD, _DB_PASSWORD_FILE, _DB_NAME, _DB_POOL_SIZE,
/// _REQUEST_TIMEOUT_SECONDS, _MAX_CONNECTIONS_PER_CLIENT, _TLS_CERTIFICATE, _TLS_KEY, _REPLICA_HOST,
/// _REPLICA_PORT, _REPLICA_SOCKET, _REPLICA_POOL_SIZE.
/// Throws std::invalid_argument naming the setting when a value is not a valid number/range/network,
/// or a secret's file may be read by group or others (secret_file.hpp).
ServerConfig loadServerConfig(const Poco::Util::AbstractConfiguration& config, const EnvLookup& env);

/// server.logFormat / COURTVOICE_LOG_FORMAT as given ("text" when unset), unchecked: the log
/// is set up before the rest of the settings are read (loadServerConfig checks it).
std::string logFormatSetting(const Poco::Util::AbstractConfiguration& config, const EnvLookup& env);

/// Only the database part (the admin tool needs nothing else).
DatabaseSettings loadDatabaseSettings(const Poco::Util::AbstractConfiguration& config, const EnvLookup& env);

}  // namespace courtvoice::server
