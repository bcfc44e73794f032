// courtvoice-server: the composition root. Picks the MySQL stores, builds the services and the
// router, serves until SIGTERM/SIGINT, then stops gracefully (in-flight requests finish first).
#include <chrono>
#include <iostream>
#include <optional>
#include <thread>

#include <Poco/AutoPtr.h>
#include <Poco/ConsoleChannel.h>
#include <Poco/FormattingChannel.h>
#include <Poco/Logger.h>
#include <Poco/Net/Context.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/NetSSL.h>
#include <Poco/Net/SecureServerSocket.h>
#include <Poco/Net/ServerSocket.h>
#include <Poco/Net/TCPServer.h>
#include <Poco/PatternFormatter.h>
#include <Poco/ThreadPool.h>
#include <Poco/Util/HelpFormatter.h>
#include <Poco/Util/Option.h>
#include <Poco/Util/OptionSet.h>
#include <Poco/Util/ServerApplication.h>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/server/app_routes.hpp"
#include "courtvoice/server/catalog_cache.hpp"
#include "courtvoice/server/client_connection_cap.hpp"
#include "courtvoice/server/guarded_http_connection.hpp"
#include "courtvoice/server/json_log.hpp"
#include "courtvoice/server/request_deadline.hpp"
#include "courtvoice/server/request_log.hpp"
#include "courtvoice/server/group_committer.hpp"
#include "courtvoice/server/invalidating_stores.hpp"
#include "courtvoice/server/server_config.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "courtvoice/surveys/mysql/migrator.hpp"
#include "courtvoice/surveys/mysql/mysql_account_store.hpp"
#include "courtvoice/surveys/mysql/mysql_audit_store.hpp"
#include "courtvoice/surveys/mysql/mysql_comment_store.hpp"
#include "courtvoice/surveys/mysql/mysql_court_store.hpp"
#include "courtvoice/surveys/mysql/mysql_invitation_store.hpp"
#include "courtvoice/surveys/mysql/mysql_kpi_store.hpp"
#include "courtvoice/surveys/mysql/mysql_population_store.hpp"
#include "courtvoice/surveys/mysql/mysql_response_store.hpp"
#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"

namespace {

using namespace courtvoice;

class CourtVoiceServer final : public Poco::Util::ServerApplication {
 protected:
  void initialize(Application& self) override {
    if (!configFile_.empty()) loadConfiguration(configFile_);
    // One line per event on stderr, as text or (server.logFormat = json) a JSON object; never a
    // client address. A wrong format is refused by loadServerConfig when serving starts.
    Poco::AutoPtr<Poco::Formatter> formatter;
    if (server::logFormatSetting(config(), server::processEnvironment()) == "json") {
      formatter = new server::JsonLogFormatter;
    } else {
      formatter = new Poco::PatternFormatter("%Y-%m-%d %H:%M:%S %p %s: %t");
    }
    Poco::AutoPtr<Poco::FormattingChannel> channel(new Poco::FormattingChannel(formatter, new Poco::ConsoleChannel));
    Poco::Logger::root().setChannel(channel);
    ServerApplication::initialize(self);
  }

  void defineOptions(Poco::Util::OptionSet& options) override {
    ServerApplication::defineOptions(options);
    options.addOption(Poco::Util::Option("help", "h", "print this help and exit")
                          .required(false)
                          .repeatable(false)
                          .callback(Poco::Util::OptionCallback<CourtVoiceServer>(this, &CourtVoiceServer::onHelp)));
    options.addOption(Poco::Util::Option("migrate", "m", "apply pending database migrations before serving")
                          .required(false)
                          .repeatable(false)
                          .callback(Poco::Util::OptionCallback<CourtVoiceServer>(this, &CourtVoiceServer::onMigrate)));
    options.addOption(Poco::Util::Option("config", "c", "read settings from a properties file (see server/courtvoice.properties)")
                          .required(false)
                          .repeatable(false)
                          .argument("FILE")
                          .callback(Poco::Util::OptionCallback<CourtVoiceServer>(this, &CourtVoiceServer::onConfig)));
    // The route table for tests/openapi/check_openapi.py: built as for serving, so it needs the database.
    options.addOption(Poco::Util::Option("print-routes", "", "print one 'METHOD PATTERN' line per route and exit")
                          .required(false)
                          .repeatable(false)
                          .callback(Poco::Util::OptionCallback<CourtVoiceServer>(this, &CourtVoiceServer::onPrintRoutes)));
  }

  int main(const ArgVec&) override {
    if (helpRequested_) return EXIT_OK;
    Poco::Logger& log = Poco::Logger::get("courtvoice.server");
    try {
      return serve(log);
    } catch (const std::exception& e) {
      log.fatal(std::string("cannot run: ") + e.what());
      return EXIT_SOFTWARE;
    }
  }

 private:
  // Reads every stored response into the results engine before serving, with progress in the log
  // at most once a second, then builds the cells of every survey's current reports.
  static void loadResults(analytics::ResultsEngine& engine, server::SummaryService& summary, Poco::Logger& log) {
    const auto start = std::chrono::steady_clock::now();
    auto lastLog = start;
    engine.catchUp([&](std::int64_t loaded, std::int64_t target) {
      const auto now = std::chrono::steady_clock::now();
      if (now - lastLog < std::chrono::seconds(1)) return;
      lastLog = now;
      log.information("results engine: loaded " + std::to_string(loaded) + " responses (up to sequence " +
                      std::to_string(target) + ")");
    });
    const int surveys = summary.warmUp();
    const auto stats = engine.stats();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
    // Machine-readable: bench/results reads this line.
    log.information("results engine ready: " + std::to_string(stats.responses) + " responses in " +
                    std::to_string(ms.count()) + " ms (" + std::to_string(surveys) + " surveys; columns " +
                    std::to_string(stats.answerBytes / (1024 * 1024)) + " MiB, cells " +
                    std::to_string(stats.cellBytes / (1024 * 1024)) + " MiB)");
  }

  // The listening socket: plain, or TLS with the configured certificate and key (the key file was
  // checked to be private when the settings were read).
  static Poco::Net::ServerSocket listen(const server::ServerConfig& cfg) {
    const Poco::Net::SocketAddress address(cfg.bindAddress, static_cast<Poco::UInt16>(cfg.port));
    if (!cfg.tls.enabled()) return Poco::Net::ServerSocket(address);
    Poco::Net::initializeSSL();
    Poco::Net::Context::Ptr context = new Poco::Net::Context(Poco::Net::Context::TLS_SERVER_USE, cfg.tls.key,
                                                             cfg.tls.certificate, "", Poco::Net::Context::VERIFY_NONE);
    context->disableProtocols(Poco::Net::Context::PROTO_SSLV2 | Poco::Net::Context::PROTO_SSLV3 |
                              Poco::Net::Context::PROTO_TLSV1 | Poco::Net::Context::PROTO_TLSV1_1);
    return Poco::Net::SecureServerSocket(address, 64, context);
  }

  int serve(Poco::Logger& log) {
    const server::ServerConfig cfg = server::loadServerConfig(config(), server::processEnvironment());

    surveys::mysql::MySqlConfig db;
    db.host = cfg.database.host;
    db.port = cfg.database.port;
    db.socket = cfg.database.socket;
    db.user = cfg.database.user;
    db.password = cfg.database.password;
    db.database = cfg.database.name;
    db.poolSize = cfg.database.poolSize;
    surveys::mysql::ConnectionPool pool(db);

    if (migrate_ || cfg.migrateOnStart) {
      const auto applied = surveys::mysql::migrateSchema(db, [&log](const surveys::mysql::Migration& m) {
        log.information("applied migration " + m.file.filename().string());
      });
      log.information("database schema up to date (" + std::to_string(applied.size()) + " migrations applied now)");
    }

    surveys::mysql::MySqlSurveyStore surveyStore(pool);
    surveys::mysql::MySqlResponseStore responseStore(pool);
    surveys::mysql::MySqlCourtStore courtStore(pool);
    const surveys::SystemClock clock;
    // Write path (issue 6): submissions are checked against an in-memory catalog and group-committed;
    // admin changes go through stores that invalidate the catalog. The committer outlives the
    // HTTP server (declared before it) and is drained in stop() below.
    const server::SteadyClock steadyClock;
    server::CatalogCache catalog(surveyStore, courtStore, steadyClock, cfg.catalogCheckInterval);
    server::InvalidatingSurveyStore adminSurveys(surveyStore, catalog);
    server::InvalidatingCourtStore adminCourts(courtStore, catalog);
    server::GroupCommitter committer(responseStore, cfg.commit,
                                     {[&catalog] { catalog.refreshNow(); },
                                      [&catalog](const surveys::Response& r) { catalog.recheck(r); }});
    surveys::mysql::MySqlInvitationStore invitationStore(pool);
    server::InvitationService invitations(surveyStore, courtStore, invitationStore, clock, cfg.publicBaseUrl);
    server::SubmissionService submission(catalog, responseStore, clock, {}, &committer, &invitations);
    server::AdminService admin(adminSurveys, responseStore, adminCourts, clock);
    // Reports come from the results engine, which reads responses from MySQL in commit order:
    // from the replica when one is configured (replica.*), else from the primary.
    std::optional<surveys::mysql::ConnectionPool> replicaPool;
    std::optional<surveys::mysql::MySqlResponseStore> replicaResponses;
    if (cfg.replica.enabled()) {
      surveys::mysql::MySqlConfig replicaDb = db;
      replicaDb.host = cfg.replica.host.empty() ? db.host : cfg.replica.host;
      replicaDb.port = cfg.replica.port;
      replicaDb.socket = cfg.replica.socket;
      replicaDb.poolSize = cfg.replica.poolSize;
      replicaPool.emplace(replicaDb);
      replicaResponses.emplace(*replicaPool);
      log.information("results engine reads from the replica at " +
                      (replicaDb.socket.empty() ? replicaDb.host + ":" + std::to_string(replicaDb.port) : replicaDb.socket));
    }
    analytics::ResultsEngine engine(replicaResponses ? *replicaResponses : responseStore);
    surveys::mysql::MySqlPopulationStore populationStore(pool);
    server::SummaryService summary(surveyStore, engine, courtStore, &populationStore);
    server::WeightsService weights(surveyStore, courtStore, populationStore);
    if (replicaResponses) {
      summary.setResultsSource({"replica", [&responseStore] { return responseStore.latestSequence(); }});
    }
    loadResults(engine, summary, log);
    server::LeagueService league(surveyStore, engine, courtStore, clock);
    server::WhyService why(surveyStore, engine, courtStore);
    surveys::mysql::MySqlCommentStore commentStore(pool);
    server::CommentService comments(surveyStore, engine, courtStore, commentStore);
    server::PosterService posters(catalog, surveyStore, cfg.publicBaseUrl);
    server::ExportService exports(surveyStore, responseStore, courtStore);
    surveys::mysql::MySqlKpiStore kpiStore(pool);
    server::KpiService kpis(surveyStore, courtStore, kpiStore, engine, clock);
    surveys::mysql::MySqlAccountStore accountStore(pool);
    server::AccountSettings accountSettings;
    accountSettings.passwordIterations = cfg.accounts.passwordIterations;
    accountSettings.sessionIdle = std::chrono::minutes(cfg.accounts.sessionIdleMinutes);
    accountSettings.sessionAbsolute = std::chrono::hours(cfg.accounts.sessionAbsoluteHours);
    accountSettings.bootstrapToken = cfg.adminToken;
    server::AccountService accounts(accountStore, &courtStore, server::systemUnixSeconds, steadyClock, accountSettings);
    if (!cfg.adminToken.empty()) {
      log.warning("the bootstrap admin token (COURTVOICE_ADMIN_TOKEN) is on: prefer accounts and API tokens");
    }
    surveys::mysql::MySqlAuditStore auditStore(pool);
    const server::SystemUtcClock utcClock;
    server::AuditTrail audit(auditStore, utcClock);

    server::RouteSettings settings;
    settings.maxBodyBytes = cfg.maxBodyBytes;
    settings.maxImportBytes = cfg.maxImportBytes;
    settings.sessionCookie.secure = cfg.accounts.secureCookie;
    settings.webDir = cfg.webDir;
    settings.docsDir = cfg.docsDir;
    settings.limits = cfg.limits;
    settings.logRequests = cfg.logRequests;
    if (!cfg.limits.enabled) log.warning("rate limits are off (limits.enabled = false): for load tests only");
    server::AppServices services{submission, admin, summary, posters, [&pool] { return pool.ping(); }, &invitations};
    services.league = &league;
    services.why = &why;
    services.exports = &exports;
    services.kpis = &kpis;
    services.comments = &comments;
    services.weights = &weights;
    services.accounts = &accounts;
    services.audit = &audit;
    services.pendingMigrations = [&pool] {
      std::vector<std::string> names;
      for (const auto& migration : surveys::mysql::Migrator(pool).pending()) names.push_back(migration.file.filename().string());
      return names;
    };
    services.engineResponses = [&engine] { return engine.stats().responses; };
    server::RequestMetrics requestMetrics;
    server::MetricsSources metrics;
    metrics.requests = &requestMetrics;
    metrics.commits = [&committer] {
      const auto stats = committer.stats();
      return server::MetricsSources::Commits{stats.batches,     stats.batched,      stats.largestBatch, stats.fallbacks,
                                             committer.queued(), stats.waits,         stats.batchSizes};
    };
    metrics.pool = [&pool, size = static_cast<std::size_t>(db.poolSize)] {
      return server::MetricsSources::Pool{pool.openConnections(), pool.idleConnections(), size};
    };
    metrics.engine = [&engine] {
      const auto stats = engine.stats();
      return server::MetricsSources::Engine{stats.responses, stats.sequence, stats.answerBytes, stats.cellBytes};
    };
    metrics.latestSequence = [&responseStore] { return responseStore.latestSequence(); };
    services.metrics = &metrics;
    auto router = server::buildRouter(services, settings);
    if (printRoutes_) {
      for (const auto& [method, pattern] : router->routes()) std::cout << method << ' ' << pattern << '\n';
      std::cout << std::flush;
      return EXIT_OK;
    }

    Poco::Net::ServerSocket socket = listen(cfg);
    Poco::Net::HTTPServerParams::Ptr params = new Poco::Net::HTTPServerParams;
    params->setMaxThreads(cfg.threads);
    params->setMaxQueued(cfg.queueSize);
    params->setKeepAlive(cfg.keepAliveSeconds > 0);
    params->setKeepAliveTimeout(Poco::Timespan(cfg.keepAliveSeconds, 0));
    // Per read, a second after the watchdog (request_deadline.hpp), which bounds the whole request
    // and answers 408: a connection that never sends a byte is cut by the watchdog too.
    params->setTimeout(Poco::Timespan(cfg.requestTimeoutSeconds + 1, 0));
    server::RequestWatchdog watchdog(std::chrono::seconds(cfg.requestTimeoutSeconds));
    server::ClientConnectionCap connectionCap(cfg.maxConnectionsPerClient, cfg.limits.trustedProxies);
    server::ConnectionSettings connectionSettings{cfg.tls.enabled(), {}};
    connectionSettings.onOwnReply = [&requestMetrics, logRequests = cfg.logRequests](const server::HttpError& error) {
      requestMetrics.recordGuardReply(error.status(), error.code());
      if (logRequests) {
        Poco::Logger::get("courtvoice.access")
            .information(server::accessLogLine("-", "", error.status(), 0, server::requestIdFor("")) + " " + error.code());
      }
    };
    Poco::SharedPtr<server::GuardedConnectionFactory> connections(new server::GuardedConnectionFactory(
        params, router, watchdog, connectionCap, connectionSettings));
    Poco::ThreadPool threads(2, cfg.threads);
    Poco::Net::TCPServer http(connections, threads, socket, params);
    http.start();
    // Machine-readable: tests started with port 0 read the real port from this line. In a JSON
    // log it is a log line like the others (the same text, as its message).
    const std::string listening = std::string("courtvoice-server listening on ") + (cfg.tls.enabled() ? "https" : "http") +
                                  "://" + cfg.bindAddress + ":" + std::to_string(socket.address().port());
    if (cfg.logFormat == "json") log.information(listening);
    else std::cout << listening << std::endl;

    waitForTerminationRequest();
    log.information("stopping: no new connections, finishing requests in progress");
    connections->stop();
    http.stop();
    // In-flight requests finish before the stores and the pool they use go away.
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (http.currentThreads() > 0 && std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }
    threads.joinAll();
    committer.stop();  // commits whatever is still queued
    const auto commits = committer.stats();
    log.information("group commit: " + std::to_string(commits.batched) + " responses in " +
                    std::to_string(commits.batches) + " batches, largest " + std::to_string(commits.largestBatch) +
                    ", " + std::to_string(commits.fallbacks) + " batches stored one by one");
    log.information("stopped");
    return EXIT_OK;
  }

  void onHelp(const std::string&, const std::string&) {
    helpRequested_ = true;
    Poco::Util::HelpFormatter help(options());
    help.setCommand(commandName());
    help.setUsage("[--migrate] [--config FILE] [--print-routes]");
    help.setHeader(
        "CourtVoice HTTP server. Settings come from the properties file and COURTVOICE_* environment "
        "variables (COURTVOICE_PORT, COURTVOICE_BIND, COURTVOICE_DB_*, COURTVOICE_ADMIN_TOKEN, ...; "
        "see docs/api.md).");
    help.format(std::cout);
    stopOptionsProcessing();
  }

  void onMigrate(const std::string&, const std::string&) { migrate_ = true; }
  void onConfig(const std::string&, const std::string& value) { configFile_ = value; }
  void onPrintRoutes(const std::string&, const std::string&) { printRoutes_ = true; }

  bool helpRequested_ = false;
  bool migrate_ = false;
  bool printRoutes_ = false;
  std::string configFile_;
};

}  // namespace

POCO_SERVER_MAIN(CourtVoiceServer)
