#pragma once
// IP addresses and networks (CIDR) for the rate limits: which networks are kiosks or trusted
// proxies, and which key a client is counted under. IPv4 is held as an IPv4-mapped IPv6 address
// (::ffff:a.b.c.d), so one type and one comparison serve both families.
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace courtvoice::server {

struct IpAddress {
  std::array<std::uint8_t, 16> bytes{};
  bool operator==(const IpAddress&) const = default;
  bool isV4() const;  ///< an IPv4 address (stored mapped)
};

/// "192.0.2.7", "2001:db8::1", "::ffff:192.0.2.7" (the same as "192.0.2.7"); a zone ("%eth0")
/// is ignored. std::nullopt when not an address.
std::optional<IpAddress> parseIpAddress(std::string_view text);

/// Text for messages and tests: dotted for IPv4, RFC 5952 for IPv6.
std::string toString(const IpAddress& address);

/// Who a rate limit counts: an IPv4 address as it is, an IPv6 address by its /64 (one home, one
/// phone: a single client easily owns the whole /64, so counting /128s would not limit it).
IpAddress rateLimitKey(const IpAddress& address);

struct IpNetwork {
  IpAddress base;
  int prefixBits = 128;  ///< in the IPv6 space: an IPv4 /8 is 104
  bool contains(const IpAddress& address) const;
};

/// "10.0.0.0/8", "2001:db8::/32", or one address ("192.0.2.7" = /32, "::1" = /128). Throws
/// std::invalid_argument saying why (not an address, prefix out of range, bits set after the prefix).
IpNetwork parseIpNetwork(std::string_view text);

/// Networks separated by commas and/or spaces; empty text gives none. Throws
/// std::invalid_argument naming `setting` and the bad entry.
std::vector<IpNetwork> parseIpNetworks(const std::string& setting, std::string_view text);

bool anyContains(const std::vector<IpNetwork>& networks, const IpAddress& address);

/// The client of a request: the peer, unless the peer is in `trustedProxies`; then the last
/// address of the X-Forwarded-For values (the one that proxy appended), when it reads as an
/// address (with or without a port); otherwise the peer. `forwardedFor` holds every
/// X-Forwarded-For header line in order.
IpAddress clientAddress(const IpAddress& peer, const std::vector<std::string>& forwardedFor,
                        const std::vector<IpNetwork>& trustedProxies);

}  // namespace courtvoice::server
