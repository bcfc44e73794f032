#pragma once
// A whole-request deadline (headers and body). A socket receive timeout counts from the last byte
// received, so a client sending one byte every 9 s would hold a request thread for ever under a
// 10 s timeout. A watchdog thread instead shuts down the reading side of every connection whose
// request is not in by its deadline: the blocked read returns at once, the server answers 408 and
// the thread is free again.
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <istream>
#include <map>
#include <mutex>
#include <optional>
#include <thread>

#include <Poco/Net/StreamSocket.h>

namespace courtvoice::server {

class RequestWatchdog {
 public:
  explicit RequestWatchdog(std::chrono::milliseconds timeout);
  ~RequestWatchdog();
  RequestWatchdog(const RequestWatchdog&) = delete;
  RequestWatchdog& operator=(const RequestWatchdog&) = delete;

  std::chrono::milliseconds timeout() const { return timeout_; }

  /// One connection under watch, from its creation until its destructor (which runs before the
  /// socket is closed, so the watchdog never touches a closed, possibly reused, descriptor).
  class Watch {
   public:
    Watch(RequestWatchdog& watchdog, const Poco::Net::StreamSocket& socket);
    ~Watch();
    Watch(const Watch&) = delete;
    Watch& operator=(const Watch&) = delete;
    /// A request starts now: it must be in (headers and body) within the timeout.
    void arm();
    /// The request is in (its body read, or it has none); what follows is the server's time.
    void disarm();
    /// True once the watchdog has shut the reading side down.
    bool expired() const;

   private:
    RequestWatchdog& watchdog_;
    std::uint64_t id_;
  };

 private:
  struct Entry {
    Poco::Net::StreamSocket socket;
    std::optional<std::chrono::steady_clock::time_point> deadline;
    bool expired = false;
  };
  void run();

  const std::chrono::milliseconds timeout_;
  mutable std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::uint64_t nextId_ = 0;
  std::map<std::uint64_t, Entry> entries_;
  std::thread thread_;
};

/// How the body of the request on this thread is framed and how far it was read. A request with
/// neither Content-Length nor chunked encoding has an empty body, whatever its method (RFC 9112
/// 6.3): it is never read "until the client closes".
enum class BodyState {
  None,      ///< no body (no length, a zero length)
  Unread,    ///< a body follows and has not been read completely
  Complete,  ///< read to its end
  Failed,    ///< reading failed (malformed chunk, short body, deadline): the connection must close
};

/// The request handled on this thread, set by the connection (guarded_http_connection.cpp).
struct RequestGuard {
  RequestWatchdog::Watch* watch = nullptr;  ///< nullptr outside a guarded connection (unit tests)
  BodyState body = BodyState::None;
  /// A chunked body, decoded strictly (chunked_request_body.hpp): read this, never the request's stream.
  std::istream* chunkedBody = nullptr;
};

/// The guard of the request on this thread.
RequestGuard& currentRequestGuard();

/// Records that the body was read to its end (complete) or that reading it failed; either way the
/// deadline no longer applies.
void finishRequestBody(bool complete);

/// True when the watchdog cut the request on this thread short.
bool requestDeadlinePassed();

}  // namespace courtvoice::server
