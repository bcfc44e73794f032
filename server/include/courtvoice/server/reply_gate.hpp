#pragma once
// A last check just before a reply's status and headers go out. The audit trail sets one for the
// request on its thread, so that a read is recorded (or refused with 503) before any of its data
// is sent: every place that sends a reply of an administrative route calls passReplyGate first
// (sendJson, sendCsv, the streamed export, the slip sheet).
#include <functional>

namespace courtvoice::server {

/// Sets the check for the request handled on this thread (an empty function clears it).
void setReplyGate(std::function<void(int status)> gate);

/// Runs and clears this thread's check, if any, with the status about to be sent; it may throw
/// to stop the reply (nothing has been sent yet).
void passReplyGate(int status);

}  // namespace courtvoice::server
