#include "courtvoice/server/ip_network.hpp"

#include <arpa/inet.h>

#include <algorithm>
#include <charconv>
#include <cstring>
#include <stdexcept>

namespace courtvoice::server {

namespace {

constexpr std::array<std::uint8_t, 12> kV4MappedPrefix = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t");
  if (first == std::string_view::npos) return {};
  return text.substr(first, text.find_last_not_of(" \t") - first + 1);
}

// Keeps the first `bits` bits, zeroes the rest.
IpAddress masked(const IpAddress& address, int bits) {
  IpAddress out = address;
  for (int i = 0; i < 16; ++i) {
    const int keep = std::clamp(bits - 8 * i, 0, 8);
    out.bytes[static_cast<std::size_t>(i)] &= static_cast<std::uint8_t>(keep == 0 ? 0 : 0xff << (8 - keep));
  }
  return out;
}

// An address as X-Forwarded-For may carry it: "192.0.2.7", "192.0.2.7:4711", "2001:db8::1",
// "[2001:db8::1]", "[2001:db8::1]:4711".
std::optional<IpAddress> parseForwarded(std::string_view text) {
  text = trim(text);
  if (!text.empty() && text.front() == '[') {
    const auto close = text.find(']');
    if (close == std::string_view::npos) return std::nullopt;
    return parseIpAddress(text.substr(1, close - 1));
  }
  if (std::count(text.begin(), text.end(), ':') == 1) text = text.substr(0, text.find(':'));
  return parseIpAddress(text);
}

}  // namespace

bool IpAddress::isV4() const { return std::equal(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), bytes.begin()); }

std::optional<IpAddress> parseIpAddress(std::string_view text) {
  text = text.substr(0, text.find('%'));  // a zone index names the interface, not the host
  if (text.empty() || text.size() > 45) return std::nullopt;
  const std::string copy(text);
  IpAddress address;
  if (copy.find(':') == std::string::npos) {
    std::array<std::uint8_t, 4> v4{};
    if (inet_pton(AF_INET, copy.c_str(), v4.data()) != 1) return std::nullopt;
    std::copy(kV4MappedPrefix.begin(), kV4MappedPrefix.end(), address.bytes.begin());
    std::copy(v4.begin(), v4.end(), address.bytes.begin() + 12);
    return address;
  }
  if (inet_pton(AF_INET6, copy.c_str(), address.bytes.data()) != 1) return std::nullopt;
  return address;
}

std::string toString(const IpAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  if (address.isV4()) {
    inet_ntop(AF_INET, address.bytes.data() + 12, text, sizeof text);
  } else {
    inet_ntop(AF_INET6, address.bytes.data(), text, sizeof text);
  }
  return text;
}

IpAddress rateLimitKey(const IpAddress& address) { return address.isV4() ? address : masked(address, 64); }

bool IpNetwork::contains(const IpAddress& address) const { return masked(address, prefixBits) == base; }

IpNetwork parseIpNetwork(std::string_view text) {
  const std::string shown(text);
  const auto slash = text.find('/');
  const auto address = parseIpAddress(text.substr(0, slash));
  if (!address) throw std::invalid_argument("\"" + shown + "\" is not an IP address or network");
  const bool v4 = address->isV4() && text.substr(0, slash).find(':') == std::string_view::npos;
  const int maxBits = v4 ? 32 : 128;
  int bits = maxBits;
  if (slash != std::string_view::npos) {
    const std::string_view digits = text.substr(slash + 1);
    const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), bits);
    if (digits.empty() || ec != std::errc() || end != digits.data() + digits.size() || bits < 0 || bits > maxBits) {
      throw std::invalid_argument("\"" + shown + "\": the prefix length must be 0.." + std::to_string(maxBits));
    }
  }
  IpNetwork network{*address, v4 ? bits + 96 : bits};
  // A typo such as 10.1.0.0/8 (meant /16?) is refused rather than silently widened.
  if (!(masked(*address, network.prefixBits) == *address)) {
    throw std::invalid_argument("\"" + shown + "\" has address bits set after the prefix (write the network's first address)");
  }
  return network;
}

std::vector<IpNetwork> parseIpNetworks(const std::string& setting, std::string_view text) {
  std::vector<IpNetwork> networks;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = std::min(text.find_first_of(", \t", start), text.size());
    if (end > start) {
      try {
        networks.push_back(parseIpNetwork(text.substr(start, end - start)));
      } catch (const std::invalid_argument& e) {
        throw std::invalid_argument(setting + ": " + e.what());
      }
    }
    start = end + 1;
  }
  return networks;
}

bool anyContains(const std::vector<IpNetwork>& networks, const IpAddress& address) {
  return std::any_of(networks.begin(), networks.end(), [&](const IpNetwork& n) { return n.contains(address); });
}

IpAddress clientAddress(const IpAddress& peer, const std::vector<std::string>& forwardedFor,
                        const std::vector<IpNetwork>& trustedProxies) {
  if (forwardedFor.empty() || !anyContains(trustedProxies, peer)) return peer;
  // Only the last hop: earlier entries were written by whoever sent the request and prove nothing.
  const std::string& last = forwardedFor.back();
  const auto comma = last.rfind(',');
  const auto hop = parseForwarded(comma == std::string::npos ? std::string_view(last) : std::string_view(last).substr(comma + 1));
  return hop ? *hop : peer;
}

}  // namespace courtvoice::server
