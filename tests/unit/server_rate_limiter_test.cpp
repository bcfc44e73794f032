// Rate limits on public POSTs: the token bucket per client (burst, refill, Retry-After, pruning,
// the bound on clients), addresses and networks (CIDR, IPv4 and IPv6), the client behind a
// trusted proxy, and the kiosk exemptions. Time comes from a fake clock.
#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>

#include "courtvoice/server/ip_network.hpp"
#include "courtvoice/server/rate_limited_handler.hpp"
#include "courtvoice/server/rate_limiter.hpp"

namespace courtvoice::server {
namespace {

using std::chrono::milliseconds;
using std::chrono::seconds;

class FakeClock final : public MonotonicClock {
 public:
  std::chrono::steady_clock::time_point now() const override { return now_; }
  void advance(std::chrono::steady_clock::duration by) { now_ += by; }

 private:
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1)};
};

IpAddress ip(const std::string& text) {
  const auto address = parseIpAddress(text);
  if (!address) throw std::invalid_argument("test address " + text);
  return *address;
}

// n requests in a row at the same instant; how many were allowed.
int allowedOf(RateLimiter& limiter, const IpAddress& client, int n) {
  int allowed = 0;
  for (int i = 0; i < n; ++i) allowed += limiter.take(client).allowed ? 1 : 0;
  return allowed;
}

// --- The bucket -------------------------------------------------------------------------------

TEST(RateLimiter, AllowsTheBurstAtOnceThenRefusesWithTheWaitForTheNextToken) {
  FakeClock clock;
  RateLimiter limiter({10, 10, 1000}, clock);  // a token every 6 s
  const IpAddress client = ip("192.0.2.1");
  for (int i = 0; i < 10; ++i) EXPECT_TRUE(limiter.take(client).allowed) << "request " << i + 1;
  const auto refused = limiter.take(client);
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retryAfter, seconds(6));
  clock.advance(milliseconds(2500));
  EXPECT_EQ(limiter.take(client).retryAfter, seconds(4));  // 3.5 s left, rounded up
  clock.advance(milliseconds(3499));
  EXPECT_EQ(limiter.take(client).retryAfter, seconds(1));  // 1 ms left is still a whole second
  clock.advance(milliseconds(1));
  EXPECT_TRUE(limiter.take(client).allowed);                // exactly when Retry-After said
  EXPECT_FALSE(limiter.take(client).allowed);
}

TEST(RateLimiter, RefillsAtTheRatePerMinuteUpToTheBurst) {
  FakeClock clock;
  RateLimiter limiter({5, 30, 1000}, clock);  // a token every 2 s
  const IpAddress client = ip("192.0.2.1");
  EXPECT_EQ(allowedOf(limiter, client, 20), 5);
  clock.advance(seconds(7));  // 3.5 tokens back: 3 requests
  EXPECT_EQ(allowedOf(limiter, client, 20), 3);
  clock.advance(seconds(60));  // a minute is 30 tokens, but the bucket holds 5
  EXPECT_EQ(allowedOf(limiter, client, 20), 5);
  // Steady use at the rate is never refused.
  for (int i = 0; i < 100; ++i) {
    clock.advance(seconds(2));
    EXPECT_TRUE(limiter.take(client).allowed) << "steady request " << i;
  }
}

TEST(RateLimiter, RefusedRequestsTakeNothing) {
  FakeClock clock;
  RateLimiter limiter({2, 60, 1000}, clock);  // a token every second
  const IpAddress client = ip("192.0.2.1");
  EXPECT_EQ(allowedOf(limiter, client, 2), 2);
  EXPECT_EQ(allowedOf(limiter, client, 1000), 0);  // hammering does not push the wait further
  clock.advance(seconds(1));
  EXPECT_TRUE(limiter.take(client).allowed);
}

TEST(RateLimiter, CountsEachClientApart) {
  FakeClock clock;
  RateLimiter limiter({3, 1, 1000}, clock);
  EXPECT_EQ(allowedOf(limiter, ip("192.0.2.1"), 10), 3);
  EXPECT_EQ(allowedOf(limiter, ip("192.0.2.2"), 10), 3);
  EXPECT_EQ(allowedOf(limiter, ip("2001:db8::1"), 10), 3);
  EXPECT_EQ(limiter.trackedClients(), 3U);
}

TEST(RateLimiter, ForgetsClientsWhoseBucketIsFullAgain) {
  FakeClock clock;
  RateLimiter limiter({10, 10, 1000}, clock);  // window: 10 tokens x 6 s = 60 s
  for (int i = 0; i < 50; ++i) limiter.take(ip("10.0.0." + std::to_string(i)));
  EXPECT_EQ(limiter.trackedClients(), 50U);
  clock.advance(seconds(30));
  EXPECT_EQ(allowedOf(limiter, ip("10.0.1.1"), 10), 10);  // its bucket is full again 60 s from now
  EXPECT_EQ(limiter.trackedClients(), 51U);  // no sweep before a window has passed
  clock.advance(seconds(31));
  limiter.take(ip("10.0.1.2"));  // the 50 were seen 61 s ago: their buckets are full, dropped
  EXPECT_EQ(limiter.trackedClients(), 2U);
  // Still counted: only the 5 tokens refilled in 31 s, not a fresh bucket of 10.
  EXPECT_EQ(allowedOf(limiter, ip("10.0.1.1"), 20), 5);
  // A forgotten client starts with a full bucket again, as if it had been kept.
  EXPECT_EQ(allowedOf(limiter, ip("10.0.0.1"), 20), 10);
}

TEST(RateLimiter, AtMostMaxClientsAreTrackedAndNewOnesThenShareOneBucket) {
  FakeClock clock;
  RateLimiter limiter({2, 60, 100}, clock);  // window: 2 s
  for (int i = 0; i < 100; ++i) limiter.take(ip("10.0.0." + std::to_string(i)));
  EXPECT_EQ(limiter.trackedClients(), 100U);
  // Full and nothing expired: new clients share the overflow bucket (burst 2 between them).
  EXPECT_TRUE(limiter.take(ip("10.0.1.1")).allowed);
  EXPECT_TRUE(limiter.take(ip("10.0.1.2")).allowed);
  const auto refused = limiter.take(ip("10.0.1.3"));
  EXPECT_FALSE(refused.allowed);
  EXPECT_EQ(refused.retryAfter, seconds(1));
  EXPECT_EQ(limiter.trackedClients(), 100U);
  // Known clients keep their own buckets meanwhile.
  EXPECT_TRUE(limiter.take(ip("10.0.0.5")).allowed);
  // Once entries expire, new clients are tracked on their own again.
  clock.advance(seconds(3));
  EXPECT_EQ(allowedOf(limiter, ip("10.0.1.3"), 5), 2);
  EXPECT_EQ(limiter.trackedClients(), 1U);
}

TEST(RateLimiter, RefusesAnImpossibleLimit) {
  FakeClock clock;
  EXPECT_THROW(RateLimiter({0, 10, 10}, clock), std::invalid_argument);
  EXPECT_THROW(RateLimiter({10, 0, 10}, clock), std::invalid_argument);
  EXPECT_THROW(RateLimiter({10, 10, 0}, clock), std::invalid_argument);
}

// --- Addresses and networks -------------------------------------------------------------------

TEST(IpNetwork, ReadsIpv4AndIpv6AddressesAndTreatsMappedIpv4AsIpv4) {
  EXPECT_EQ(toString(ip("192.0.2.7")), "192.0.2.7");
  EXPECT_TRUE(ip("192.0.2.7").isV4());
  EXPECT_EQ(ip("::ffff:192.0.2.7"), ip("192.0.2.7"));
  EXPECT_EQ(toString(ip("2001:DB8:0:0::1")), "2001:db8::1");
  EXPECT_FALSE(ip("2001:db8::1").isV4());
  EXPECT_EQ(ip("fe80::1%eth0"), ip("fe80::1"));
  for (const char* bad : {"", "192.0.2", "192.0.2.256", "1.2.3.4.5", "example.org", "2001:db8:::1", "::g"}) {
    EXPECT_FALSE(parseIpAddress(bad).has_value()) << bad;
  }
}

TEST(IpNetwork, Ipv4CidrContainsExactlyItsAddresses) {
  const IpNetwork net = parseIpNetwork("10.20.0.0/16");
  EXPECT_TRUE(net.contains(ip("10.20.0.0")));
  EXPECT_TRUE(net.contains(ip("10.20.255.255")));
  EXPECT_TRUE(net.contains(ip("::ffff:10.20.3.4")));
  EXPECT_FALSE(net.contains(ip("10.21.0.0")));
  EXPECT_FALSE(net.contains(ip("10.19.255.255")));
  EXPECT_FALSE(net.contains(ip("::a14:1")));  // 10.20.0.1's bits, but an IPv6 address
  const IpNetwork odd = parseIpNetwork("192.0.2.64/27");  // .64 .. .95
  EXPECT_TRUE(odd.contains(ip("192.0.2.64")));
  EXPECT_TRUE(odd.contains(ip("192.0.2.95")));
  EXPECT_FALSE(odd.contains(ip("192.0.2.96")));
  EXPECT_FALSE(odd.contains(ip("192.0.2.63")));
  const IpNetwork host = parseIpNetwork("192.0.2.7");
  EXPECT_TRUE(host.contains(ip("192.0.2.7")));
  EXPECT_FALSE(host.contains(ip("192.0.2.8")));
  const IpNetwork all = parseIpNetwork("0.0.0.0/0");
  EXPECT_TRUE(all.contains(ip("203.0.113.9")));
  EXPECT_FALSE(all.contains(ip("2001:db8::1")));
}

TEST(IpNetwork, Ipv6CidrContainsExactlyItsAddresses) {
  const IpNetwork net = parseIpNetwork("2001:db8:ab00::/40");
  EXPECT_TRUE(net.contains(ip("2001:db8:ab00::1")));
  EXPECT_TRUE(net.contains(ip("2001:db8:abff:ffff:ffff:ffff:ffff:ffff")));
  EXPECT_FALSE(net.contains(ip("2001:db8:ac00::")));
  EXPECT_FALSE(net.contains(ip("2001:db8:aa00::")));
  EXPECT_FALSE(net.contains(ip("10.0.0.1")));
  EXPECT_TRUE(parseIpNetwork("::1").contains(ip("::1")));
  EXPECT_FALSE(parseIpNetwork("::1").contains(ip("::2")));
  EXPECT_TRUE(parseIpNetwork("::/0").contains(ip("10.0.0.1")));  // everything, mapped IPv4 included
}

TEST(IpNetwork, BadNetworksAreRefusedSayingWhy) {
  const auto messageOf = [](const std::string& text) {
    try {
      parseIpNetwork(text);
    } catch (const std::invalid_argument& e) {
      return std::string(e.what());
    }
    return std::string("accepted");
  };
  EXPECT_NE(messageOf("10.0.0.0/33").find("0..32"), std::string::npos);
  EXPECT_NE(messageOf("2001:db8::/129").find("0..128"), std::string::npos);
  EXPECT_NE(messageOf("10.0.0.0/").find("prefix"), std::string::npos);
  EXPECT_NE(messageOf("10.0.0.0/8x").find("prefix"), std::string::npos);
  EXPECT_NE(messageOf("10.1.0.0/8").find("after the prefix"), std::string::npos);
  EXPECT_NE(messageOf("2001:db8::1/64").find("after the prefix"), std::string::npos);
  EXPECT_NE(messageOf("kiosks").find("not an IP address"), std::string::npos);
}

TEST(IpNetwork, ListsAreSeparatedByCommasOrSpacesAndErrorsNameTheSetting) {
  const auto nets = parseIpNetworks("limits.kioskNetworks", " 10.0.0.0/8, 192.0.2.7  2001:db8::/32,");
  ASSERT_EQ(nets.size(), 3U);
  EXPECT_TRUE(anyContains(nets, ip("10.9.9.9")));
  EXPECT_TRUE(anyContains(nets, ip("192.0.2.7")));
  EXPECT_TRUE(anyContains(nets, ip("2001:db8:1::5")));
  EXPECT_FALSE(anyContains(nets, ip("192.0.2.8")));
  EXPECT_TRUE(parseIpNetworks("x", "").empty());
  try {
    parseIpNetworks("COURTVOICE_LIMITS_KIOSK_NETWORKS", "10.0.0.0/8,10.0.0.0/99");
    FAIL() << "accepted a bad network";
  } catch (const std::invalid_argument& e) {
    EXPECT_NE(std::string(e.what()).find("COURTVOICE_LIMITS_KIOSK_NETWORKS"), std::string::npos) << e.what();
    EXPECT_NE(std::string(e.what()).find("10.0.0.0/99"), std::string::npos) << e.what();
  }
}

TEST(IpNetwork, Ipv6ClientsAreCountedByTheirSlash64) {
  EXPECT_EQ(rateLimitKey(ip("2001:db8:1:2:aaaa::1")), rateLimitKey(ip("2001:db8:1:2:bbbb::9")));
  EXPECT_NE(rateLimitKey(ip("2001:db8:1:2::1")), rateLimitKey(ip("2001:db8:1:3::1")));
  EXPECT_EQ(rateLimitKey(ip("192.0.2.7")), ip("192.0.2.7"));
  EXPECT_NE(rateLimitKey(ip("192.0.2.7")), rateLimitKey(ip("192.0.2.8")));
}

// --- The client behind a proxy ------------------------------------------------------------------

TEST(ClientAddress, ForwardedForCountsOnlyFromATrustedProxyAndOnlyItsLastHop) {
  const auto proxies = parseIpNetworks("server.trustedProxies", "10.0.0.5, fd00::/8");
  const IpAddress proxy = ip("10.0.0.5");
  EXPECT_EQ(clientAddress(proxy, {"198.51.100.1, 203.0.113.9"}, proxies), ip("203.0.113.9"));
  EXPECT_EQ(clientAddress(ip("fd00::7"), {"2001:db8::42"}, proxies), ip("2001:db8::42"));
  // Several header lines: the last line's last entry.
  EXPECT_EQ(clientAddress(proxy, {"198.51.100.1", "203.0.113.9"}, proxies), ip("203.0.113.9"));
  // With a port, or IPv6 in brackets.
  EXPECT_EQ(clientAddress(proxy, {"203.0.113.9:4711"}, proxies), ip("203.0.113.9"));
  EXPECT_EQ(clientAddress(proxy, {"[2001:db8::42]:443"}, proxies), ip("2001:db8::42"));
  // Anyone else's header is ignored: it is whatever the client wrote.
  EXPECT_EQ(clientAddress(ip("198.51.100.7"), {"203.0.113.9"}, proxies), ip("198.51.100.7"));
  EXPECT_EQ(clientAddress(proxy, {"203.0.113.9"}, {}), proxy);
  // A trusted proxy that sends nothing readable: the proxy itself.
  EXPECT_EQ(clientAddress(proxy, {}, proxies), proxy);
  EXPECT_EQ(clientAddress(proxy, {"203.0.113.9, unknown"}, proxies), proxy);
  EXPECT_EQ(clientAddress(proxy, {"203.0.113.9,"}, proxies), proxy);
}

// --- Kiosks ---------------------------------------------------------------------------------------

TEST(KioskExemption, TheConfiguredTokenOrAKioskNetworkExempts) {
  PublicLimits limits;
  limits.kioskToken = "kiosk-token-0123456789abcdef";
  limits.kioskNetworks = parseIpNetworks("limits.kioskNetworks", "10.77.0.0/16, 2001:db8:77::/48");
  const IpAddress outside = ip("203.0.113.9");
  EXPECT_TRUE(isKioskRequest(limits, outside, std::string("kiosk-token-0123456789abcdef")));
  EXPECT_FALSE(isKioskRequest(limits, outside, std::string("kiosk-token-0123456789abcdeF")));
  EXPECT_FALSE(isKioskRequest(limits, outside, std::string("kiosk-token-0123456789abcde")));
  EXPECT_FALSE(isKioskRequest(limits, outside, std::string("")));
  EXPECT_FALSE(isKioskRequest(limits, outside, std::nullopt));
  EXPECT_TRUE(isKioskRequest(limits, ip("10.77.3.4"), std::nullopt));
  EXPECT_TRUE(isKioskRequest(limits, ip("2001:db8:77:1::5"), std::nullopt));
  EXPECT_FALSE(isKioskRequest(limits, ip("10.78.0.1"), std::nullopt));

  PublicLimits noToken;  // none configured: an empty header is not a match
  EXPECT_FALSE(isKioskRequest(noToken, outside, std::string("")));
  EXPECT_FALSE(isKioskRequest(noToken, outside, std::string("anything")));
}

}  // namespace
}  // namespace courtvoice::server
