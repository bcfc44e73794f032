#include "courtvoice/server/request_log.hpp"

#include <cstdint>
#include <cstdio>
#include <random>

namespace courtvoice::server {

namespace {

bool isIdCharacter(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' || c == '-';
}

// Ids only need to be unique enough to find a line in a log, not unguessable: a per-thread
// generator seeded once from the system's entropy is enough and costs nothing per request.
std::string randomId() {
  thread_local std::mt19937_64 generator{(static_cast<std::uint64_t>(std::random_device{}()) << 32) ^ std::random_device{}()};
  char text[17];
  std::snprintf(text, sizeof text, "%016llx", static_cast<unsigned long long>(generator()));
  return text;
}

}  // namespace

std::string requestIdFor(const std::string& incoming) {
  if (incoming.empty() || incoming.size() > 64) return randomId();
  for (const char c : incoming) {
    if (!isIdCharacter(c)) return randomId();
  }
  return incoming;
}

std::string accessLogLine(const std::string& method, const std::string& route, int status, double milliseconds,
                          const std::string& requestId) {
  char duration[32];
  std::snprintf(duration, sizeof duration, " %.1f ms id=", milliseconds);
  return method + " " + (route.empty() ? "-" : route) + " " + std::to_string(status) + duration + requestId;
}

}  // namespace courtvoice::server
