#include "courtvoice/server/router.hpp"

#include <chrono>

#include <Poco/Exception.h>
#include <Poco/Logger.h>
#include <Poco/Net/HTTPRequestHandler.h>
#include <Poco/URI.h>

#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/metrics.hpp"
#include "courtvoice/server/request_context.hpp"
#include "courtvoice/server/request_deadline.hpp"
#include "courtvoice/server/request_log.hpp"

namespace courtvoice::server {

namespace {

std::vector<std::string> splitPath(const std::string& path) {
  // "/a/b" -> {"a", "b"}; "/" -> {}; empty segments are kept so that "/a//b" and "/a/" do not match.
  std::vector<std::string> segments;
  if (path.empty() || path == "/") return segments;
  std::size_t start = path.front() == '/' ? 1 : 0;
  while (true) {
    const auto slash = path.find('/', start);
    segments.push_back(path.substr(start, slash == std::string::npos ? std::string::npos : slash - start));
    if (slash == std::string::npos) break;
    start = slash + 1;
  }
  return segments;
}

bool isParameter(const std::string& segment) {
  return segment.size() > 2 && segment.front() == '{' && segment.back() == '}';
}

// A body left unread (or unreadable) by a failed request would be taken for the next request on
// a kept-alive connection: the answer says Connection: close, and the connection closes after it
// with a lingering close (guarded_http_connection.cpp), so the client reads the answer at once
// instead of waiting for the server to drain its body.
void sendError(Poco::Net::HTTPServerResponse& response, const ErrorResponse& error) {
  if (response.sent()) return;  // too late for a status: the connection is simply closed
  const BodyState body = currentRequestGuard().body;
  if (body == BodyState::Unread || body == BodyState::Failed) response.setKeepAlive(false);
  sendJson(response, error.status, error.body);
}

/// Per request: finds the route, applies the headers, runs the handler, maps failures.
class DispatchHandler final : public Poco::Net::HTTPRequestHandler {
 public:
  DispatchHandler(const Router& router, bool logRequests, RequestMetrics* metrics)
      : router_(router), logRequests_(logRequests), metrics_(metrics) {}

  void handleRequest(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) override {
    const auto started = std::chrono::steady_clock::now();
    resetCurrentRequest();
    currentRequest().requestId = requestIdFor(request.get("X-Request-Id", ""));
    currentRequest().acceptsGzip = acceptsGzip(request.get("Accept-Encoding", ""));
    response.set("X-Request-Id", currentRequest().requestId);
    applySecurityHeaders(response);
    dispatch(request, response);
    const std::chrono::duration<double> took = std::chrono::steady_clock::now() - started;
    const RequestContext& done = currentRequest();
    const int status = static_cast<int>(response.getStatus());
    if (metrics_ != nullptr) metrics_->record(request.getMethod(), done.route, status, took.count(), done.errorCode);
    if (logRequests_) {
      Poco::Logger::get("courtvoice.access")
          .information(accessLogLine(request.getMethod(), done.route, status, took.count() * 1000.0, done.requestId));
    }
  }

 private:
  void dispatch(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
    std::string path;
    try {
      try {
        path = Poco::URI(request.getURI()).getPath();
      } catch (const Poco::SyntaxException&) {
        throw HttpError(400, "bad_request", "the request URI is malformed", "");
      }
      const Router::Match match = router_.match(request.getMethod(), path);
      if (match.outcome == Router::Outcome::NotFound) {
        throw HttpError(404, "not_found", "no such resource", "");
      }
      if (match.outcome == Router::Outcome::MethodNotAllowed) {
        std::string allow;
        for (const auto& method : match.allowed) allow += (allow.empty() ? "" : ", ") + method;
        response.set("Allow", allow);
        throw HttpError(405, "method_not_allowed", "method " + request.getMethod() + " is not allowed here", "");
      }
      currentRequest().route = match.pattern;
      match.handler->handle(request, response, match.params);
    } catch (const std::exception& e) {
      const ErrorResponse error = errorResponseFor(e);
      currentRequest().errorCode = error.code;
      if (error.unexpected) {
        // Context for whoever reads the log; never the client's address.
        Poco::Logger::get("courtvoice.server")
            .error("unexpected failure in " + request.getMethod() + " " + path + ": " + e.what() + " (id=" +
                   currentRequest().requestId + ")");
      } else if (!error.logDetail.empty()) {
        // What the client was not told (database host, MySQL text), for whoever runs the server.
        Poco::Logger::get("courtvoice.server")
            .warning(request.getMethod() + " " + path + ": " + e.what() + " (" + error.logDetail + "; id=" +
                     currentRequest().requestId + ")");
      }
      sendError(response, error);
    } catch (...) {
      Poco::Logger::get("courtvoice.server").error("unexpected non-standard failure in " + request.getMethod() + " " + path);
      currentRequest().errorCode = "internal";
      sendError(response, internalErrorResponse());
    }
  }

  const Router& router_;
  const bool logRequests_;
  RequestMetrics* const metrics_;
};

}  // namespace

void Router::add(const std::string& method, const std::string& pattern, std::shared_ptr<Handler> handler) {
  routes_.push_back(Route{method, pattern, splitPath(pattern), std::move(handler)});
}

void Router::wrap(const std::string& method, const std::string& patternPrefix,
                  const std::function<std::shared_ptr<Handler>(std::shared_ptr<Handler>)>& wrap) {
  for (Route& route : routes_) {
    if (route.method == method && route.pattern.rfind(patternPrefix, 0) == 0) route.handler = wrap(route.handler);
  }
}

std::vector<std::pair<std::string, std::string>> Router::routes() const {
  std::vector<std::pair<std::string, std::string>> list;
  for (const Route& route : routes_) list.emplace_back(route.method, route.pattern);
  return list;
}

Router::Match Router::match(const std::string& method, const std::string& path) const {
  // HEAD is GET without the body (Poco's response sends headers only for a HEAD request).
  const std::string wanted = method == "HEAD" ? "GET" : method;
  const std::vector<std::string> segments = splitPath(path);
  Match result;
  for (const Route& route : routes_) {
    if (route.segments.size() != segments.size()) continue;
    PathParams params;
    bool matches = true;
    for (std::size_t i = 0; i < segments.size() && matches; ++i) {
      if (isParameter(route.segments[i])) {
        if (segments[i].empty()) matches = false;
        else params[route.segments[i].substr(1, route.segments[i].size() - 2)] = segments[i];
      } else {
        matches = route.segments[i] == segments[i];
      }
    }
    if (!matches) continue;
    if (route.method == wanted) {
      result.outcome = Outcome::Found;
      result.handler = route.handler;
      result.pattern = route.pattern;
      result.params = std::move(params);
      result.allowed.clear();
      return result;
    }
    result.outcome = Outcome::MethodNotAllowed;
    result.allowed.push_back(route.method);
    if (route.method == "GET") result.allowed.emplace_back("HEAD");
  }
  return result;
}

Poco::Net::HTTPRequestHandler* Router::createRequestHandler(const Poco::Net::HTTPServerRequest&) {
  return new DispatchHandler(*this, logRequests_, metrics_);
}

}  // namespace courtvoice::server
