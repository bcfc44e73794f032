#include "courtvoice/server/reply_gate.hpp"

#include <utility>

namespace courtvoice::server {

namespace {
thread_local std::function<void(int)> gate;
}

void setReplyGate(std::function<void(int status)> check) { gate = std::move(check); }

void passReplyGate(int status) {
  if (!gate) return;
  // Cleared before it runs: a reply sent while handling its failure does not run it again.
  const std::function<void(int)> check = std::move(gate);
  gate = nullptr;
  check(status);
}

}  // namespace courtvoice::server
