#include "courtvoice/server/client_connection_cap.hpp"

#include <utility>

namespace courtvoice::server {

ClientConnectionCap::ClientConnectionCap(int maxPerClient, std::vector<IpNetwork> exempt)
    : maxPerClient_(maxPerClient), exempt_(std::move(exempt)) {}

ClientConnectionCap::Slot::~Slot() {
  if (cap_ != nullptr) cap_->release(key_);
}

ClientConnectionCap::Slot::Slot(Slot&& other) noexcept : cap_(std::exchange(other.cap_, nullptr)), key_(other.key_) {}

std::optional<ClientConnectionCap::Slot> ClientConnectionCap::tryAcquire(const IpAddress& peer) {
  std::optional<Slot> slot;
  if (maxPerClient_ <= 0 || anyContains(exempt_, peer)) {
    slot.emplace();
    return slot;
  }
  // Counted like the rate limits: an IPv6 client by its /64, which it easily owns whole.
  const IpAddress key = rateLimitKey(peer);
  {
    std::lock_guard lock(mutex_);
    int& open = open_[key.bytes];
    if (open >= maxPerClient_) {
      if (open == 0) open_.erase(key.bytes);
      return slot;
    }
    ++open;
  }
  slot.emplace(this, key);
  return slot;
}

void ClientConnectionCap::release(const IpAddress& key) {
  std::lock_guard lock(mutex_);
  const auto found = open_.find(key.bytes);
  if (found == open_.end()) return;
  if (--found->second <= 0) open_.erase(found);  // forgotten with its last connection
}

std::size_t ClientConnectionCap::clientsTracked() const {
  std::lock_guard lock(mutex_);
  return open_.size();
}

}  // namespace courtvoice::server
