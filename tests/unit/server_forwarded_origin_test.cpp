// Links behind a reverse proxy: only a trusted proxy's X-Forwarded-Host/-Proto change where
// posters and invitation links point; anything that is not a plain host leaves them alone.
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "courtvoice/server/forwarded_origin.hpp"

namespace courtvoice::server {
namespace {

const std::string kConfigured = "http://127.0.0.1:8080";

TEST(LinkBase, ATrustedProxysHostAndSchemeStartTheLinks) {
  EXPECT_EQ(linkBase(true, {"https"}, {"sot.example.kz"}, kConfigured), "https://sot.example.kz");
  EXPECT_EQ(linkBase(true, {"HTTPS"}, {"sot.example.kz:8443"}, kConfigured), "https://sot.example.kz:8443");
  EXPECT_EQ(linkBase(true, {"http"}, {"[2001:db8::1]:80"}, kConfigured), "http://[2001:db8::1]:80");
}

TEST(LinkBase, HeadersFromAnUntrustedPeerAreIgnored) {
  EXPECT_EQ(linkBase(false, {"https"}, {"evil.example"}, kConfigured), kConfigured);
}

TEST(LinkBase, WithoutAForwardedHostTheConfiguredBaseStays) {
  EXPECT_EQ(linkBase(true, {"https"}, {}, kConfigured), kConfigured);
  EXPECT_EQ(linkBase(true, {}, {""}, kConfigured), kConfigured);
}

TEST(LinkBase, AnUnknownSchemeFallsBackToTheConfiguredOne) {
  EXPECT_EQ(linkBase(true, {"ftp"}, {"sot.example.kz"}, kConfigured), "http://sot.example.kz");
  EXPECT_EQ(linkBase(true, {}, {"sot.example.kz"}, "https://sud.kz"), "https://sot.example.kz");
}

TEST(LinkBase, TheNearestProxysEntryCountsNotWhatTheClientSent) {
  // The client sent "evil.example"; the proxy appended the host it was asked for.
  EXPECT_EQ(linkBase(true, {"http, https"}, {"evil.example, sot.example.kz"}, kConfigured), "https://sot.example.kz");
  EXPECT_EQ(linkBase(true, {"https"}, {"evil.example", "sot.example.kz"}, kConfigured), "https://sot.example.kz");
}

TEST(LinkBase, SomethingThatIsNotAHostIsRefused) {
  const std::vector<std::string> notHosts{"sot.example.kz/path", "user@sot.example.kz", "sot example", "sot.example.kz:99999x",
                                         "-sot.kz", "[zz::1]", "\"><script>", std::string(256, 'a')};
  for (const std::string& host : notHosts) {
    EXPECT_EQ(linkBase(true, {"https"}, {host}, kConfigured), kConfigured) << host;
  }
}

TEST(LinkHost, PlainNamesAddressesAndPortsAreHosts) {
  for (const std::string host : {"sot.example.kz", "localhost:8080", "192.0.2.7", "[::1]", "[2001:db8::1]:443"}) {
    EXPECT_TRUE(isLinkHost(host)) << host;
  }
  for (const std::string host : {"", ":80", "a:", "[::1", "a:123456", "a b"}) EXPECT_FALSE(isLinkHost(host)) << host;
}

}  // namespace
}  // namespace courtvoice::server
