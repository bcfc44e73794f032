#include "courtvoice/surveys/mysql/mysql_config.hpp"

#include <cstdlib>
#include <stdexcept>

namespace courtvoice::surveys::mysql {
namespace {

void readString(const char* name, std::string& target) {
  if (const char* value = std::getenv(name)) {
    target = value;
  }
}

void readInt(const char* name, int& target, int min, int max) {
  const char* value = std::getenv(name);
  if (value == nullptr || *value == '\0') {
    return;
  }
  const std::string text = value;
  std::size_t used = 0;
  int parsed = 0;
  try {
    parsed = std::stoi(text, &used);
  } catch (const std::exception&) {
    used = 0;
  }
  if (used != text.size() || parsed < min || parsed > max) {
    throw std::invalid_argument(std::string(name) + " must be a whole number from " + std::to_string(min) + " to " +
                                std::to_string(max) + ", got '" + text + "'");
  }
  target = parsed;
}

}  // namespace

MySqlConfig configFromEnvironment() {
  MySqlConfig config;
  readString("COURTVOICE_DB_HOST", config.host);
  readInt("COURTVOICE_DB_PORT", config.port, 1, 65535);
  readString("COURTVOICE_DB_SOCKET", config.socket);
  readString("COURTVOICE_DB_USER", config.user);
  readString("COURTVOICE_DB_PASSWORD", config.password);
  readString("COURTVOICE_DB_NAME", config.database);
  readInt("COURTVOICE_DB_POOL_SIZE", config.poolSize, 1, 1000);
  return config;
}

}  // namespace courtvoice::surveys::mysql
