#include "courtvoice/server/guarded_http_connection.hpp"

#include <array>
#include <chrono>
#include <memory>
#include <optional>
#include <utility>

#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/Net/HTTPServerRequestImpl.h>
#include <Poco/Net/HTTPServerResponseImpl.h>
#include <Poco/Net/HTTPServerSession.h>
#include <Poco/Net/NetException.h>
#include <Poco/Net/TCPServerConnection.h>
#include <Poco/Timestamp.h>

#include "courtvoice/server/chunked_request_body.hpp"
#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/http_util.hpp"

namespace courtvoice::server {

namespace {

// After an answer sent while the client may still be sending its body, the server stops writing
// and reads (and drops) what still comes for at most this long / this much before it closes: a
// close with unread bytes would reset the connection, and the client would lose the answer.
constexpr std::chrono::milliseconds kLingerTime{2000};
constexpr std::size_t kLingerBytes = 4 * 1024 * 1024;

constexpr const char* kStrictTransportSecurity = "max-age=31536000";

BodyState framing(const Poco::Net::HTTPServerRequest& request) {
  if (request.getChunkedTransferEncoding()) return BodyState::Unread;
  if (request.hasContentLength() && request.getContentLength64() > 0) return BodyState::Unread;
  return BodyState::None;
}

// A refused connection lingers briefly: long enough to take in what the client has already sent.
constexpr std::chrono::milliseconds kRefusalLingerTime{200};

void lingeringClose(Poco::Net::StreamSocket& socket, std::chrono::milliseconds time) {
  try {
    socket.shutdownSend();
    const auto until = std::chrono::steady_clock::now() + time;
    std::array<char, 16384> buffer{};
    std::size_t dropped = 0;
    while (dropped < kLingerBytes) {
      const auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - std::chrono::steady_clock::now());
      if (left.count() <= 0) break;
      if (!socket.poll(Poco::Timespan(left.count()), Poco::Net::Socket::SELECT_READ)) break;
      const int got = socket.receiveBytes(buffer.data(), static_cast<int>(buffer.size()));
      if (got <= 0) break;
      dropped += static_cast<std::size_t>(got);
    }
  } catch (const Poco::Exception&) {
    // the client went away: nothing more to wait for
  }
}

/// The session, with the raw reads that Poco keeps for its own body streams: a chunked body is
/// decoded here (chunked_request_body.hpp).
class GuardedSession final : public Poco::Net::HTTPServerSession {
 public:
  using Poco::Net::HTTPServerSession::HTTPServerSession;
  using Poco::Net::HTTPSession::get;
  using Poco::Net::HTTPSession::read;
};

/// An error answer after which the connection closes.
void sendClosingError(Poco::Net::HTTPServerResponse& response, bool tls, const HttpError& error,
                      const std::string& retryAfter = "") {
  response.setKeepAlive(false);
  applySecurityHeaders(response);
  if (tls) response.set("Strict-Transport-Security", kStrictTransportSecurity);
  if (!retryAfter.empty()) response.set("Retry-After", retryAfter);
  sendJson(response, error.status(), errorResponseFor(error).body);
}

/// The same before (or instead of) a request: too many connections, a request head that is
/// malformed or came too late.
void sendBareError(Poco::Net::HTTPServerSession& session, bool tls, const HttpError& error,
                   const std::string& retryAfter = "") {
  Poco::Net::HTTPServerResponseImpl response(session);
  response.setVersion(Poco::Net::HTTPMessage::HTTP_1_1);
  sendClosingError(response, tls, error, retryAfter);
}

/// Transfer-Encoding other than exactly "chunked", or with a Content-Length as well: two
/// framings that a proxy in front and this server might read differently (RFC 9112 6.1).
bool ambiguousFraming(const Poco::Net::HTTPServerRequest& request) {
  if (!request.has("Transfer-Encoding")) return false;
  return !request.getChunkedTransferEncoding() || request.has("Content-Length");
}

HttpError timeoutError(std::chrono::milliseconds timeout) {
  return HttpError(408, "request_timeout",
                   "the request (headers and body) did not arrive within " +
                       std::to_string(timeout.count() / 1000) + " s",
                   "");
}

}  // namespace

class GuardedConnection final : public Poco::Net::TCPServerConnection {
 public:
  GuardedConnection(const Poco::Net::StreamSocket& socket, GuardedConnectionFactory& factory)
      : TCPServerConnection(socket), factory_(factory) {}

  void run() override {
    try {
      serve();
    } catch (const Poco::Exception&) {
      // a network failure: the client is gone, and so is this connection
    } catch (const std::exception& e) {
      Poco::Logger::get("courtvoice.server").error(std::string("connection failed: ") + e.what());
    }
    currentRequestGuard() = RequestGuard{};
  }

 private:
  // An error the guard answers itself, after telling the access log and /metrics.
  const HttpError& told(const HttpError& error) const {
    if (factory_.settings_.onOwnReply) factory_.settings_.onOwnReply(error);
    return error;
  }

  void serve() {
    Poco::Net::StreamSocket& sock = socket();
    const bool tls = factory_.settings_.tls;
    GuardedSession session(sock, factory_.params_);
    const auto peer = parseIpAddress(sock.peerAddress().host().toString());
    if (!peer) return;
    const auto slot = factory_.cap_.tryAcquire(*peer);
    if (!slot) {
      sendBareError(session, tls,
                    told(HttpError(503, "too_many_connections",
                                   "this client already has " + std::to_string(factory_.cap_.maxPerClient()) +
                                       " connections open; close one or try again later",
                                   "")),
                    "1");
      lingeringClose(sock, kRefusalLingerTime);
      return;
    }
    RequestWatchdog::Watch watch(factory_.watchdog_, sock);
    RequestGuard& guard = currentRequestGuard();
    watch.arm();  // the first request's deadline runs from the connection's opening
    bool first = true;
    while (!factory_.stopping_ && session.hasMoreRequests()) {
      if (!first) watch.arm();
      first = false;
      guard = RequestGuard{};
      guard.watch = &watch;
      bool bodyLeft = false;
      try {
        Poco::Net::HTTPServerResponseImpl response(session);
        Poco::Net::HTTPServerRequestImpl request(response, session, factory_.params_);
        response.setDate(Poco::Timestamp());
        response.setVersion(request.getVersion());
        if (watch.expired()) {
          // Poco takes the end of input for the end of the headers: the head came too late.
          sendClosingError(response, tls, told(timeoutError(factory_.watchdog_.timeout())));
          break;
        }
        if (ambiguousFraming(request)) {
          // Closed with a lingering close below, once the answer is flushed (when `response` goes).
          sendClosingError(response, tls,
                           told(HttpError(400, "bad_request",
                                          "Transfer-Encoding must be chunked alone, without Content-Length", "")));
          bodyLeft = true;
        } else {
          bodyLeft = handle(session, request, response, guard, watch, tls);
        }
      } catch (const Poco::Net::NoMessageException&) {
        // the client closed (or sent nothing before the deadline)
        if (watch.expired()) sendBareError(session, tls, told(timeoutError(factory_.watchdog_.timeout())));
        break;
      } catch (const Poco::Net::MessageException&) {
        // a malformed or incomplete request head
        sendBareError(session, tls,
                      told(watch.expired() ? timeoutError(factory_.watchdog_.timeout())
                                           : HttpError(400, "bad_request", "the request line or headers are malformed", "")));
        break;
      }
      watch.disarm();
      if (bodyLeft) {
        lingeringClose(sock, kLingerTime);
        break;
      }
    }
  }

  /// Runs the handler of one request; true when its body was left unread (the connection closes).
  bool handle(GuardedSession& session, Poco::Net::HTTPServerRequestImpl& request,
              Poco::Net::HTTPServerResponseImpl& response, RequestGuard& guard, RequestWatchdog::Watch& watch,
              bool tls) {
    guard.body = framing(request);
    if (guard.body == BodyState::None) watch.disarm();
    std::optional<ChunkedRequestStream> chunked;
    if (request.getChunkedTransferEncoding()) {
      chunked.emplace([&session] { return session.get(); },
                      [&session](char* buffer, std::streamsize length) { return session.read(buffer, length); });
      guard.chunkedBody = &*chunked;
    }
    response.setKeepAlive(factory_.params_->getKeepAlive() && request.getKeepAlive() && session.canKeepAlive() &&
                          !factory_.stopping_);
    if (tls) response.set("Strict-Transport-Security", kStrictTransportSecurity);
    std::unique_ptr<Poco::Net::HTTPRequestHandler> handler(factory_.handlers_->createRequestHandler(request));
    if (request.getExpectContinue() && response.getStatus() == Poco::Net::HTTPResponse::HTTP_OK) {
      response.sendContinue();
    }
    handler->handleRequest(request, response);
    guard.chunkedBody = nullptr;
    // A body not read to its end would be taken for the next request: close instead.
    const bool bodyLeft = guard.body == BodyState::Unread || guard.body == BodyState::Failed;
    session.setKeepAlive(factory_.params_->getKeepAlive() && response.getKeepAlive() && session.canKeepAlive() &&
                         !bodyLeft && !factory_.stopping_);
    return bodyLeft;
  }

  GuardedConnectionFactory& factory_;
};

GuardedConnectionFactory::GuardedConnectionFactory(Poco::Net::HTTPServerParams::Ptr params,
                                                   Poco::Net::HTTPRequestHandlerFactory::Ptr handlers,
                                                   RequestWatchdog& watchdog, ClientConnectionCap& cap,
                                                   ConnectionSettings settings)
    : params_(std::move(params)), handlers_(std::move(handlers)), watchdog_(watchdog), cap_(cap), settings_(settings) {}

Poco::Net::TCPServerConnection* GuardedConnectionFactory::createConnection(const Poco::Net::StreamSocket& socket) {
  return new GuardedConnection(socket, *this);
}

}  // namespace courtvoice::server
