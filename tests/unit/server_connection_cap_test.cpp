// The cap on open connections per client address, and that nothing about a client is kept once
// its last connection is closed.
#include <gtest/gtest.h>

#include <optional>
#include <vector>

#include "courtvoice/server/client_connection_cap.hpp"

namespace courtvoice::server {
namespace {

IpAddress address(const char* text) { return *parseIpAddress(text); }

TEST(ClientConnectionCap, AClientGetsItsMaximumThenIsRefusedUntilOneCloses) {
  ClientConnectionCap cap(2, {});
  auto first = cap.tryAcquire(address("192.0.2.7"));
  auto second = cap.tryAcquire(address("192.0.2.7"));
  ASSERT_TRUE(first && second);
  EXPECT_FALSE(cap.tryAcquire(address("192.0.2.7")));
  // Another client is not affected.
  auto other = cap.tryAcquire(address("192.0.2.8"));
  EXPECT_TRUE(other);
  EXPECT_EQ(cap.clientsTracked(), 2U);

  first.reset();
  EXPECT_TRUE(cap.tryAcquire(address("192.0.2.7")));  // acquired and released at once
  EXPECT_TRUE(cap.tryAcquire(address("192.0.2.7")));
}

TEST(ClientConnectionCap, NothingIsKeptAfterTheLastConnectionCloses) {
  ClientConnectionCap cap(8, {});
  {
    auto a = cap.tryAcquire(address("192.0.2.7"));
    auto b = cap.tryAcquire(address("2001:db8::1"));
    EXPECT_EQ(cap.clientsTracked(), 2U);
  }
  EXPECT_EQ(cap.clientsTracked(), 0U);
}

TEST(ClientConnectionCap, AnIpv6ClientCountsByItsSlash64) {
  ClientConnectionCap cap(1, {});
  auto first = cap.tryAcquire(address("2001:db8:1:2::1"));
  ASSERT_TRUE(first);
  EXPECT_FALSE(cap.tryAcquire(address("2001:db8:1:2::ffff")));
  EXPECT_TRUE(cap.tryAcquire(address("2001:db8:1:3::1")));
}

TEST(ClientConnectionCap, TrustedProxiesAndAZeroCapAreNotCapped) {
  ClientConnectionCap cap(1, {parseIpNetwork("10.0.0.0/8")});
  std::vector<std::optional<ClientConnectionCap::Slot>> proxy;
  for (int i = 0; i < 50; ++i) {
    proxy.push_back(cap.tryAcquire(address("10.1.2.3")));
    ASSERT_TRUE(proxy.back()) << i;
  }
  EXPECT_EQ(cap.clientsTracked(), 0U);
  ClientConnectionCap none(0, {});
  std::vector<std::optional<ClientConnectionCap::Slot>> many;
  for (int i = 0; i < 50; ++i) {
    many.push_back(none.tryAcquire(address("192.0.2.7")));
    ASSERT_TRUE(many.back()) << i;
  }
}

}  // namespace
}  // namespace courtvoice::server
