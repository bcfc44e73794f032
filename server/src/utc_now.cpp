#include "courtvoice/server/utc_now.hpp"

#include <chrono>
#include <ctime>

namespace courtvoice::server {

std::string utcNowText() {
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%d %H:%M:%S", &utc);
  return text;
}

}  // namespace courtvoice::server
