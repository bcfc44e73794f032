#pragma once
#include <string>

namespace courtvoice::surveys::mysql {

/// Where and how to reach MySQL/MariaDB. With `socket` set, host/port are ignored.
struct MySqlConfig {
  std::string host = "127.0.0.1";
  int port = 3306;
  std::string socket;          ///< unix socket path; preferred when set
  std::string user = "courtvoice";
  std::string password;        ///< never in the repository: config override or environment
  std::string database = "courtvoice";
  int poolSize = 8;
  int connectTimeoutSeconds = 5;
  int ioTimeoutSeconds = 120;  ///< longest wait for one reply; a dead server is noticed by then
  int acquireTimeoutSeconds = 30;  ///< longest wait for a free connection before "database_busy"
};

/// The defaults above, overridden by COURTVOICE_DB_HOST, _PORT, _SOCKET, _USER, _PASSWORD, _NAME
/// and _POOL_SIZE where set (what `scripts/db.sh env DIR` prints). Throws std::invalid_argument
/// naming the variable when a number is malformed.
MySqlConfig configFromEnvironment();

}  // namespace courtvoice::surveys::mysql
