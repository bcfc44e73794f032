// Cost of the rate limiter on the request path (issue 7): take() per request, with and without
// reading the peer's address from text (what the handler does), on 1 and 2 threads; the time of
// one sweep of a full table; and the memory a full table holds. Prints figures; asserts nothing.
//
//   bench_limiter_bench [checks=1000000] [addresses=10000]
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <fstream>
#include <random>
#include <string>
#include <thread>
#include <vector>

#include "courtvoice/server/ip_network.hpp"
#include "courtvoice/server/rate_limiter.hpp"

namespace {

using namespace courtvoice::server;
using Clock = std::chrono::steady_clock;

class ManualClock final : public MonotonicClock {
 public:
  Clock::time_point now() const override { return now_; }
  void advance(Clock::duration by) { now_ += by; }

 private:
  Clock::time_point now_{std::chrono::hours(1)};
};

// Half IPv4, half IPv6 (each in a /64 of its own), as text.
std::vector<std::string> addressTexts(std::size_t count, std::mt19937_64& random) {
  std::vector<std::string> out;
  for (std::size_t i = 0; i < count; ++i) {
    const std::uint64_t r = random();
    char text[64];
    if (i % 2 == 0) {
      std::snprintf(text, sizeof text, "%u.%u.%u.%u", unsigned(r >> 24 & 255) | 1U, unsigned(r >> 16 & 255),
                    unsigned(r >> 8 & 255), unsigned(r & 255));
    } else {
      std::snprintf(text, sizeof text, "2001:db8:%x:%x::%x", unsigned(r >> 48 & 0xffff), unsigned(r >> 32 & 0xffff),
                    unsigned(r & 0xffff) | 1U);
    }
    out.emplace_back(text);
  }
  return out;
}

long residentKiB() {
  std::ifstream statm("/proc/self/statm");
  long size = 0;
  long resident = 0;
  statm >> size >> resident;
  return resident * (sysconf(_SC_PAGESIZE) / 1024);
}

// `checks` take() calls spread over the addresses round-robin, on `threads` threads; ns per check.
double run(const RateLimit& limit, const std::vector<IpAddress>& keys, const std::vector<std::string>& texts,
           std::size_t checks, int threads, bool parse, std::size_t& allowed) {
  const SteadyClock clock;
  RateLimiter limiter(limit, clock);
  std::vector<std::size_t> allowedBy(static_cast<std::size_t>(threads));
  const auto start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t) {
    workers.emplace_back([&, t] {
      std::size_t mine = 0;
      const std::size_t each = checks / static_cast<std::size_t>(threads);
      for (std::size_t i = 0; i < each; ++i) {
        const std::size_t k = (i * static_cast<std::size_t>(threads) + static_cast<std::size_t>(t)) % keys.size();
        const IpAddress key = parse ? rateLimitKey(parseIpAddress(texts[k]).value_or(IpAddress{})) : keys[k];
        mine += limiter.take(key).allowed ? 1 : 0;
      }
      allowedBy[static_cast<std::size_t>(t)] = mine;
    });
  }
  for (auto& worker : workers) worker.join();
  const double ns = std::chrono::duration<double, std::nano>(Clock::now() - start).count();
  allowed = 0;
  for (const auto n : allowedBy) allowed += n;
  return ns / static_cast<double>(checks);
}

}  // namespace

int main(int argc, char** argv) {
  const std::size_t checks = argc > 1 ? std::strtoull(argv[1], nullptr, 10) : 1000000;
  const std::size_t addresses = argc > 2 ? std::strtoull(argv[2], nullptr, 10) : 10000;
  std::mt19937_64 random(7);
  const std::vector<std::string> texts = addressTexts(addresses, random);
  std::vector<IpAddress> keys;
  for (const auto& text : texts) keys.push_back(rateLimitKey(*parseIpAddress(text)));

  std::printf("rate limiter: %zu checks over %zu addresses (half IPv4, half IPv6)\n", checks, addresses);
  const RateLimit defaults;                   // burst 10, 10 per minute: most checks refused
  const RateLimit generous{1000000, 6000000, 100000};  // every check allowed
  for (const auto& [name, limit] : {std::pair{"defaults (mostly refused)", defaults}, std::pair{"generous (all allowed)", generous}}) {
    for (const int threads : {1, 2}) {
      for (const bool parse : {false, true}) {
        std::size_t allowed = 0;
        const double ns = run(limit, keys, texts, checks, threads, parse, allowed);
        std::printf("  %-26s %d thread%s %-22s %7.1f ns/check  (%zu allowed)\n", name, threads, threads == 1 ? ": " : "s:",
                    parse ? "address parsed + take" : "take", ns, allowed);
      }
    }
  }

  // A full table: memory, and the time of the sweep that walks it once a window.
  const RateLimit full{10, 10, 100000};
  ManualClock manual;
  const long before = residentKiB();
  RateLimiter limiter(full, manual);
  std::mt19937_64 more(11);
  for (std::size_t i = 0; limiter.trackedClients() < full.maxClients; ++i) {
    IpAddress key{};
    key.bytes[10] = key.bytes[11] = 0xff;
    const std::uint64_t r = more();
    for (int b = 0; b < 4; ++b) key.bytes[static_cast<std::size_t>(12 + b)] = static_cast<std::uint8_t>(r >> (8 * b));
    limiter.take(key);
  }
  const long after = residentKiB();
  std::printf("  table of %zu clients: about %ld KiB resident (%.0f bytes per client)\n", limiter.trackedClients(),
              after - before, 1024.0 * static_cast<double>(after - before) / static_cast<double>(limiter.trackedClients()));
  manual.advance(std::chrono::minutes(2));  // everything expired: the next take() sweeps the table
  IpAddress probe{};
  probe.bytes[0] = 0x20;
  const auto start = Clock::now();
  limiter.take(probe);
  const double ms = std::chrono::duration<double, std::milli>(Clock::now() - start).count();
  std::printf("  sweep of the full table (all expired) inside one take(): %.2f ms; %zu left\n", ms, limiter.trackedClients());
  return 0;
}
