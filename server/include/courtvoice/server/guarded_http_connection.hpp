#pragma once
// The HTTP connection loop, in place of Poco's HTTPServerConnection, so that hostile clients
// cannot hold the request threads: every request has a whole-request deadline (request_deadline.hpp),
// a client may hold only so many connections (client_connection_cap.hpp), a request without
// Content-Length or chunked encoding has an empty body, and a connection whose body was not read
// to its end (an error, a malformed chunk) is closed after the answer, with a lingering close so
// that the client reads the answer instead of a reset.
#include <atomic>
#include <functional>

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerParams.h>
#include <Poco/Net/TCPServerConnectionFactory.h>

#include "courtvoice/server/client_connection_cap.hpp"
#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/request_deadline.hpp"

namespace courtvoice::server {

struct ConnectionSettings {
  bool tls = false;  ///< adds Strict-Transport-Security to every response
  /// Told of every reply the guard gives itself, before any route (400 bad_request, 408
  /// request_timeout, 503 too_many_connections), for the access log and /metrics. May be empty.
  std::function<void(const HttpError&)> onOwnReply;
};

class GuardedConnectionFactory final : public Poco::Net::TCPServerConnectionFactory {
 public:
  GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params, Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                           RequestWatchdog& watchdog, ClientConnectionCap& cap, ConnectionSettings settings);

  Poco::Net::TCPServerConnection* createConnection(const Poco::Net::StreamSocket& socket) override;

  /// Connections end after the request in progress (graceful stop).
  void stop() { stopping_ = true; }

 private:
  friend class GuardedConnection;
  Poco::Net::HTTPServerParams::Ptr params_;
  Poco::Net::HTTPRequestHandlerFactory::Ptr handlers_;
  RequestWatchdog& watchdog_;
  ClientConnectionCap& cap_;
  ConnectionSettings settings_;
  std::atomic<bool> stopping_{false};
};

}  // namespace courtvoice::server
