#pragma once
// At most N open connections per client address, so that one client cannot hold every request
// thread. An address is counted only while it has a connection open: nothing about a client is
// kept after its last connection closes. Trusted proxies (server.trustedProxies) are not capped:
// every client behind them shares their address.
#include <array>
#include <cstdint>
#include <map>
#include <mutex>
#include <optional>
#include <vector>

#include "courtvoice/server/ip_network.hpp"

namespace courtvoice::server {

class ClientConnectionCap {
 public:
  /// `maxPerClient` 0: no cap.
  ClientConnectionCap(int maxPerClient, std::vector<IpNetwork> exempt);

  /// A connection counted against its client while it lives.
  class Slot {
   public:
    Slot() = default;
    Slot(ClientConnectionCap* cap, IpAddress key) : cap_(cap), key_(key) {}
    ~Slot();
    Slot(Slot&& other) noexcept;
    Slot& operator=(Slot&&) = delete;
    Slot(const Slot&) = delete;
    Slot& operator=(const Slot&) = delete;

   private:
    ClientConnectionCap* cap_ = nullptr;
    IpAddress key_;
  };

  /// Counts a new connection from `peer` (an uncounted slot when there is no cap or the peer is
  /// exempt); nullopt, and nothing counted, when the client already has the maximum open.
  std::optional<Slot> tryAcquire(const IpAddress& peer);

  int maxPerClient() const { return maxPerClient_; }
  /// Clients with a connection open now (for tests: it falls back to 0).
  std::size_t clientsTracked() const;

 private:
  void release(const IpAddress& key);

  const int maxPerClient_;
  const std::vector<IpNetwork> exempt_;
  mutable std::mutex mutex_;
  std::map<std::array<std::uint8_t, 16>, int> open_;
};

}  // namespace courtvoice::server
