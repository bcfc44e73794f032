#pragma once
// A bounded, thread-safe pool of MySQL connections. Connector/C++ stays inside the library:
// callers see only the pool, the stores built on it, and opaque Sessions.
#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <functional>
#include <memory>
#include <mutex>
#include <stdexcept>
#include <string>
#include <vector>

#include "courtvoice/surveys/mysql/mysql_config.hpp"

namespace courtvoice::surveys::mysql {

/// One open connection with its cached prepared statements; defined inside the library.
class Session;

/// An unexpected database failure (not a lost connection, not bad input): a bug or a broken
/// schema. Carries the MySQL error number for logs.
class DatabaseError : public std::runtime_error {
 public:
  DatabaseError(int errorCode, const std::string& message) : std::runtime_error(message), errorCode_(errorCode) {}
  int errorCode() const { return errorCode_; }

 private:
  int errorCode_;
};

class ConnectionPool {
 public:
  /// Connects lazily: no connection is opened until the first use. Must outlive its leases and
  /// the stores built on it.
  explicit ConnectionPool(MySqlConfig config);
  ~ConnectionPool();
  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;

  /// A connection on loan; goes back to the pool (or is closed, when discarded) on destruction.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    ~Lease();
    Session& session() const { return *session_; }
    /// The connection is broken or in an unknown state: close it instead of returning it.
    void discard() { discarded_ = true; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool& pool, std::unique_ptr<Session> session);
    void release() noexcept;

    ConnectionPool* pool_;
    std::unique_ptr<Session> session_;
    bool discarded_ = false;
  };

  /// An idle connection, or a new one while fewer than poolSize are open; otherwise waits for
  /// one to come back. Throws DomainError(Unavailable, "database_unavailable") when MySQL cannot
  /// be reached, and DomainError(Unavailable, "database_busy") after waiting too long.
  Lease acquire();

  /// Whether an operation may run a second time after its first run ended in an unknown state.
  /// Required at every call site, so that each one says which it is.
  enum class Repeat {
    /// Running it again gives the same end state: reads, upserts, writes deduplicated by a
    /// unique key (submission_id). A connection found broken (server restarted or gone,
    /// connection killed) is discarded with every idle one and `op` runs once more on a fresh
    /// connection, even though its COMMIT may have happened before the connection broke.
    Safe,
    /// A second run after a lost COMMIT would do the work twice or fail wrongly (a new version
    /// number, a status change such as publish, a migration). The connection is checked just
    /// before `op` runs, and a connection that breaks during `op` is reported as
    /// DomainError(Unavailable) without running it again.
    Unsafe,
  };

  /// Runs `op` on a leased connection; `op` starts its own transaction(s). Either kind runs
  /// again after a deadlock, which InnoDB reports only after rolling the whole transaction back
  /// (so `op` must be one transaction, or reads and one transaction). MySQL errors escape as
  /// DomainError(Unavailable) when the server is unreachable, DomainError(Invalid) for values
  /// the schema refuses (too long, out of range), and DatabaseError for anything else.
  void run(Repeat repeat, const std::function<void(Session&)>& op);

  /// True when a connection answers a ping now (for health checks); never throws.
  bool ping() noexcept;

  /// Closes every idle connection (e.g. after the server restarted).
  void clearIdle();

  const MySqlConfig& config() const { return config_; }
  std::size_t openConnections() const;
  std::size_t idleConnections() const;

 private:
  /// With `fresh`, skips idle connections (they may predate a server restart); with `validate`,
  /// pings an idle connection however recently it was used.
  Lease acquire(bool fresh, bool validate);
  std::unique_ptr<Session> connect();
  void giveBack(std::unique_ptr<Session> session, bool discarded) noexcept;

  MySqlConfig config_;
  std::size_t maxOpen_;
  mutable std::mutex mutex_;
  std::condition_variable available_;
  std::vector<std::unique_ptr<Session>> idle_;  ///< most recently used last
  std::size_t open_ = 0;                        ///< leased + idle + being opened
};

}  // namespace courtvoice::surveys::mysql
