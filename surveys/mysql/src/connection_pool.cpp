#include "courtvoice/surveys/mysql/connection_pool.hpp"

#include <mysql_driver.h>

#include <cppconn/statement.h>

#include <utility>

#include "courtvoice/surveys/detailed_error.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "session.hpp"

namespace courtvoice::surveys::mysql {
namespace {

// An idle connection older than this is pinged before it is lent again.
constexpr std::chrono::seconds kValidateAfterIdle{5};
// Statements cached per connection; past this the cache is emptied when the connection comes
// back to the pool (queries with IN lists of varying length would otherwise grow it without
// bound). Never during an operation: its statements and result sets must stay valid.
constexpr std::size_t kMaxCachedStatements = 200;
constexpr int kMaxDeadlockRetries = 3;
// What a client reads when the database cannot be reached: no host, port, socket or MySQL text.
constexpr const char* kUnavailableMessage =
    "the database is unavailable: try again in a few minutes; if it lasts, tell the administrator (the server log "
    "has the details)";
// Seconds a read or write on an open connection may block before it counts as lost.

sql::mysql::MySQL_Driver& driver() {
  // A function-local static: initialised once, thread-safely, before any connection is made.
  static sql::mysql::MySQL_Driver* instance = sql::mysql::get_mysql_driver_instance();
  return *instance;
}

// Connector/C++ (and libmariadb under it) need per-thread set-up in every thread that uses them.
void ensureThreadInit() {
  struct ThreadGuard {
    ThreadGuard() { driver().threadInit(); }
    ~ThreadGuard() { driver().threadEnd(); }
    ThreadGuard(const ThreadGuard&) = delete;
    ThreadGuard& operator=(const ThreadGuard&) = delete;
  };
  thread_local ThreadGuard guard;
}

std::string describe(const sql::SQLException& error) {
  return "MySQL error " + std::to_string(error.getErrorCode()) + " (" + error.getSQLState() + "): " + error.what();
}

std::string where(const MySqlConfig& config) {
  return config.socket.empty() ? config.host + ":" + std::to_string(config.port) : config.socket;
}

// Messages for a client name the problem and what to do; MySQL's own text (which names columns
// and constraints) goes into the detail, for the log.
[[noreturn]] void rethrowTranslated(const sql::SQLException& error) {
  using namespace mysql_errors;
  switch (error.getErrorCode()) {
    case kDataTooLong:
      throw DetailedError(ErrorKind::Invalid, "too_long", "a value is too long to store: shorten it",
                          describe(error));
    case kOutOfRange:
      throw DetailedError(ErrorKind::Invalid, "out_of_range", "a value is out of the range that can be stored",
                          describe(error));
    case kIncorrectString:
      throw DetailedError(ErrorKind::Invalid, "invalid_text", "a text is not valid UTF-8 or cannot be stored",
                          describe(error));
    case kCheckFailed:
      throw DetailedError(ErrorKind::Invalid, "invalid_value", "a value is not allowed", describe(error));
    default:
      throw DatabaseError(error.getErrorCode(), describe(error));
  }
}

}  // namespace

bool isConnectionError(const sql::SQLException& error) {
  switch (error.getErrorCode()) {
    case 1053:  // ER_SERVER_SHUTDOWN: the server is going down
    case 1927:  // ER_CONNECTION_KILLED (MariaDB)
    case 2002:  // CR_CONNECTION_ERROR: cannot connect through the socket
    case 2003:  // CR_CONN_HOST_ERROR: cannot connect over TCP
    case 2006:  // CR_SERVER_GONE_ERROR
    case 2013:  // CR_SERVER_LOST
    case 2055:  // CR_SERVER_LOST_EXTENDED
    case 4031:  // ER_CLIENT_INTERACTION_TIMEOUT (MySQL 8)
      return true;
    default:
      return false;
  }
}

// --- Session -----------------------------------------------------------------------------------

Session::Session(std::unique_ptr<sql::Connection> connection) : connection_(std::move(connection)) {}

Session::~Session() {
  statements_.clear();
}

sql::PreparedStatement& Session::prepare(const std::string& sql) {
  auto found = statements_.find(sql);
  if (found != statements_.end()) {
    return *found->second;
  }
  std::unique_ptr<sql::PreparedStatement> statement(connection_->prepareStatement(sql));
  return *statements_.emplace(sql, std::move(statement)).first->second;
}

std::unique_ptr<sql::PreparedStatement> Session::prepareUncached(const std::string& sql) {
  return std::unique_ptr<sql::PreparedStatement>(connection_->prepareStatement(sql));
}

void Session::trimStatementCache() {
  if (statements_.size() > kMaxCachedStatements) {
    statements_.clear();
  }
}

void Session::execute(const std::string& sql) {
  std::unique_ptr<sql::Statement> statement(connection_->createStatement());
  statement->execute(sql);
}

Transaction::Transaction(Session& session) : session_(session) {
  session_.connection().setAutoCommit(false);
}

Transaction::~Transaction() {
  if (!open_) {
    return;
  }
  try {
    rollback();
  } catch (...) {
    // The connection is in an unknown state; the pool will close it.
    session_.broken = true;
  }
}

void Transaction::commit() {
  open_ = false;
  try {
    session_.connection().commit();
    // Inside the try: a connection left with autocommit off must never go back to the pool.
    session_.connection().setAutoCommit(true);
  } catch (...) {
    session_.broken = true;
    throw;
  }
}

void Transaction::rollback() {
  if (!open_) {
    return;
  }
  open_ = false;
  try {
    session_.connection().rollback();
    session_.connection().setAutoCommit(true);
  } catch (...) {
    session_.broken = true;
    throw;
  }
}

std::string placeholders(std::size_t count) {
  std::string text;
  text.reserve(count * 3);
  for (std::size_t i = 0; i < count; ++i) {
    text += i == 0 ? "?" : ", ?";
  }
  return text;
}

std::string rowPlaceholders(std::size_t rows, std::size_t columns) {
  const std::string row = "(" + placeholders(columns) + ")";
  std::string text;
  text.reserve(rows * (row.size() + 2));
  for (std::size_t i = 0; i < rows; ++i) {
    if (i > 0) {
      text += ", ";
    }
    text += row;
  }
  return text;
}

// --- Lease -------------------------------------------------------------------------------------

ConnectionPool::Lease::Lease(ConnectionPool& pool, std::unique_ptr<Session> session)
    : pool_(&pool), session_(std::move(session)) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(other.pool_), session_(std::move(other.session_)), discarded_(other.discarded_) {
  other.pool_ = nullptr;
}

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    release();
    pool_ = std::exchange(other.pool_, nullptr);
    session_ = std::move(other.session_);
    discarded_ = other.discarded_;
  }
  return *this;
}

ConnectionPool::Lease::~Lease() {
  release();
}

void ConnectionPool::Lease::release() noexcept {
  if (pool_ != nullptr && session_) {
    pool_->giveBack(std::move(session_), discarded_ || session_->broken);
  }
  pool_ = nullptr;
}

// --- ConnectionPool ----------------------------------------------------------------------------

ConnectionPool::ConnectionPool(MySqlConfig config)
    : config_(std::move(config)), maxOpen_(config_.poolSize > 0 ? static_cast<std::size_t>(config_.poolSize) : 1) {}

ConnectionPool::~ConnectionPool() {
  ensureThreadInit();
  std::lock_guard lock(mutex_);
  idle_.clear();
}

std::unique_ptr<Session> ConnectionPool::connect() {
  ensureThreadInit();
  sql::ConnectOptionsMap options;
  if (!config_.socket.empty()) {
    options["hostName"] = sql::SQLString("unix://" + config_.socket);
  } else {
    options["hostName"] = sql::SQLString("tcp://" + config_.host + ":" + std::to_string(config_.port));
  }
  options["userName"] = sql::SQLString(config_.user);
  options["password"] = sql::SQLString(config_.password);
  if (!config_.database.empty()) {
    options["schema"] = sql::SQLString(config_.database);
  }
  options["OPT_CHARSET_NAME"] = sql::SQLString("utf8mb4");
  options["OPT_CONNECT_TIMEOUT"] = config_.connectTimeoutSeconds;
  options["OPT_READ_TIMEOUT"] = config_.ioTimeoutSeconds;
  options["OPT_WRITE_TIMEOUT"] = config_.ioTimeoutSeconds;
  // Never reconnect silently: a reconnect would lose the transaction and session settings.
  options["OPT_RECONNECT"] = false;
  try {
    std::unique_ptr<sql::Connection> connection(driver().connect(options));
    auto session = std::make_unique<Session>(std::move(connection));
    // Strict: a value that does not fit fails the statement instead of being cut short.
    // UTC: the few DATETIME columns (survey publishing) do not depend on the server's zone.
    session->execute(
        "SET SESSION sql_mode = 'STRICT_ALL_TABLES,NO_ZERO_IN_DATE,NO_ZERO_DATE,ERROR_FOR_DIVISION_BY_ZERO,"
        "NO_ENGINE_SUBSTITUTION', time_zone = '+00:00'");
    return session;
  } catch (const sql::SQLException& error) {
    throw DetailedError(ErrorKind::Unavailable, "database_unavailable", kUnavailableMessage,
                        "cannot connect to the database at " + where(config_) + ": " + describe(error));
  }
}

ConnectionPool::Lease ConnectionPool::acquire() {
  return acquire(false, false);
}

ConnectionPool::Lease ConnectionPool::acquire(bool fresh, bool validate) {
  ensureThreadInit();
  // How long to wait for a connection to come back before reporting the pool exhausted.
  const std::chrono::seconds acquireTimeout{config_.acquireTimeoutSeconds};
  const auto deadline = std::chrono::steady_clock::now() + acquireTimeout;
  std::unique_lock lock(mutex_);
  for (;;) {
    if (!fresh && !idle_.empty()) {
      // Leased at once, so that whatever happens below the slot goes back to the pool.
      Lease lease(*this, std::move(idle_.back()));
      idle_.pop_back();
      lock.unlock();
      if (!validate && std::chrono::steady_clock::now() - lease.session().lastUsed <= kValidateAfterIdle) {
        return lease;
      }
      bool valid = false;
      try {
        valid = lease.session().connection().isValid();
      } catch (...) {
        valid = false;  // any failure, SQLException or not, means the connection is unusable
      }
      if (valid) {
        return lease;
      }
      lease.discard();
      { Lease closing = std::move(lease); }  // closed (and counted out) outside the lock
      lock.lock();
      continue;
    }
    if (fresh && !idle_.empty() && open_ >= maxOpen_) {
      // Make room for a fresh connection by closing an idle one.
      std::unique_ptr<Session> stale = std::move(idle_.back());
      idle_.pop_back();
      --open_;
      lock.unlock();
      stale.reset();
      lock.lock();
      continue;
    }
    if (open_ < maxOpen_) {
      ++open_;
      lock.unlock();
      try {
        return Lease(*this, connect());
      } catch (...) {
        lock.lock();
        --open_;
        available_.notify_one();
        throw;
      }
    }
    if (available_.wait_until(lock, deadline) == std::cv_status::timeout) {
      throw DetailedError(ErrorKind::Unavailable, "database_busy", "the service is busy: try again in a minute",
                          "no database connection became free within " + std::to_string(acquireTimeout.count()) +
                              " s (pool of " + std::to_string(maxOpen_) + ")");
    }
  }
}

void ConnectionPool::giveBack(std::unique_ptr<Session> session, bool discarded) noexcept {
  ensureThreadInit();
  if (discarded) {
    session.reset();
    std::lock_guard lock(mutex_);
    --open_;
  } else {
    session->trimStatementCache();
    session->lastUsed = std::chrono::steady_clock::now();
    std::lock_guard lock(mutex_);
    idle_.push_back(std::move(session));
  }
  available_.notify_one();
}

void ConnectionPool::clearIdle() {
  std::vector<std::unique_ptr<Session>> closing;
  {
    std::lock_guard lock(mutex_);
    closing.swap(idle_);
    open_ -= closing.size();
  }
  ensureThreadInit();
  closing.clear();
  available_.notify_all();
}

void ConnectionPool::run(Repeat repeat, const std::function<void(Session&)>& op) {
  bool retriedFresh = false;
  int deadlocks = 0;
  for (;;) {
    // An operation that must not run twice starts on a connection known to answer now.
    Lease lease = acquire(retriedFresh, repeat == Repeat::Unsafe);
    try {
      op(lease.session());
      return;
    } catch (const sql::SQLException& error) {
      if (isConnectionError(error)) {
        lease.discard();
        { Lease closing = std::move(lease); }
        // The other idle connections went to the same server: most likely broken as well.
        clearIdle();
        if (repeat == Repeat::Safe && !retriedFresh) {
          retriedFresh = true;
          continue;
        }
        throw DetailedError(ErrorKind::Unavailable, "database_unavailable", kUnavailableMessage,
                            "the database at " + where(config_) + " is unavailable: " + describe(error));
      }
      if (error.getErrorCode() == mysql_errors::kDeadlock && deadlocks < kMaxDeadlockRetries) {
        ++deadlocks;  // InnoDB rolled the transaction back; running it again is the remedy
        continue;
      }
      rethrowTranslated(error);
    }
  }
}

bool ConnectionPool::ping() noexcept {
  try {
    run(Repeat::Safe, [](Session& session) {
      ResultSetPtr result(session.prepare("SELECT 1").executeQuery());
      result->next();
    });
    return true;
  } catch (...) {
    return false;
  }
}

std::size_t ConnectionPool::openConnections() const {
  std::lock_guard lock(mutex_);
  return open_;
}

std::size_t ConnectionPool::idleConnections() const {
  std::lock_guard lock(mutex_);
  return idle_.size();
}

}  // namespace courtvoice::surveys::mysql
