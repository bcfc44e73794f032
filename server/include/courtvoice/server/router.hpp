#pragma once
// Matches method + path patterns ("/api/v1/surveys/{id}/responses") to handlers. Every response
// gets the security headers; every failure is answered through errorResponseFor, in one place.
#include <functional>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include <Poco/Net/HTTPRequestHandlerFactory.h>
#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace courtvoice::server {

class RequestMetrics;

/// Values of the {name} segments of the matched pattern.
using PathParams = std::map<std::string, std::string>;

/// One endpoint. Built once with its services (constructor injection) and shared by all
/// requests, so implementations keep no per-request state. May throw DomainError or HttpError.
class Handler {
 public:
  virtual ~Handler() = default;
  virtual void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                      const PathParams& params) = 0;
};

class Router : public Poco::Net::HTTPRequestHandlerFactory {
 public:
  enum class Outcome { Found, NotFound, MethodNotAllowed };

  struct Match {
    Outcome outcome = Outcome::NotFound;
    std::shared_ptr<Handler> handler;  ///< when Found
    std::string pattern;               ///< the route template, when Found
    PathParams params;                 ///< when Found
    std::vector<std::string> allowed;  ///< methods of the path, when MethodNotAllowed
  };

  /// `pattern` is an absolute path; a segment "{name}" matches any one non-empty segment.
  void add(const std::string& method, const std::string& pattern, std::shared_ptr<Handler> handler);

  /// Replaces the handler of every route with `method` whose pattern starts with `patternPrefix`
  /// by wrap(handler), e.g. a rate limit on every public POST, including routes added by others.
  void wrap(const std::string& method, const std::string& patternPrefix,
            const std::function<std::shared_ptr<Handler>(std::shared_ptr<Handler>)>& wrap);

  /// Method and template of every route, in the order added (the role matrix test walks them).
  std::vector<std::pair<std::string, std::string>> routes() const;

  /// Matches a decoded path (no query string).
  Match match(const std::string& method, const std::string& path) const;

  Poco::Net::HTTPRequestHandler* createRequestHandler(const Poco::Net::HTTPServerRequest& request) override;

  /// Whether each request is logged in one line (logger "courtvoice.access", request_log.hpp).
  void setRequestLog(bool on) { logRequests_ = on; }
  /// Where each request is counted (metrics.hpp); none: not counted. Must outlive the router.
  void setMetrics(RequestMetrics* metrics) { metrics_ = metrics; }

 private:
  struct Route {
    std::string method;
    std::string pattern;
    std::vector<std::string> segments;
    std::shared_ptr<Handler> handler;
  };
  std::vector<Route> routes_;
  bool logRequests_ = false;
  RequestMetrics* metrics_ = nullptr;
};

}  // namespace courtvoice::server
