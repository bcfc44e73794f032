#include "courtvoice/server/rate_limited_handler.hpp"

#include <Poco/String.h>

#include "courtvoice/server/admin_auth.hpp"
#include "courtvoice/server/forwarded_origin.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

namespace {

const std::string kKioskTokenHeader = "X-Kiosk-Token";
const std::string kForwardedForHeader = "X-Forwarded-For";

// The address Poco reports for the peer; all-zero (one shared bucket) should it not parse.
IpAddress peerAddress(const Poco::Net::HTTPServerRequest& request) {
  return parseIpAddress(request.clientAddress().host().toString()).value_or(IpAddress{});
}

}  // namespace

IpAddress requestClient(const Poco::Net::HTTPServerRequest& request, const std::vector<IpNetwork>& trustedProxies) {
  return clientAddress(peerAddress(request), headerValues(request, kForwardedForHeader), trustedProxies);
}

bool isKioskRequest(const PublicLimits& limits, const IpAddress& client, const std::optional<std::string>& sentToken) {
  if (sentToken && !limits.kioskToken.empty() && constantTimeEquals(*sentToken, limits.kioskToken)) return true;
  return anyContains(limits.kioskNetworks, client);
}

RateLimitedHandler::RateLimitedHandler(const PublicLimits& limits, const MonotonicClock& clock,
                                       std::shared_ptr<Handler> inner)
    : limits_(limits), limiter_(limits.rate, clock), inner_(std::move(inner)) {}

void RateLimitedHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                const PathParams& params) {
  const IpAddress client = requestClient(request, limits_.trustedProxies);
  std::optional<std::string> token;
  if (request.has(kKioskTokenHeader)) token = request.get(kKioskTokenHeader);
  if (!isKioskRequest(limits_, client, token)) {
    const RateLimiter::Decision decision = limiter_.take(rateLimitKey(client));
    if (!decision.allowed) {
      const std::string seconds = std::to_string(decision.retryAfter.count());
      response.set("Retry-After", seconds);
      throw surveys::DomainError(surveys::ErrorKind::TooManyRequests, "rate_limited",
                                 "too many requests from this address; try again in " + seconds + " seconds");
    }
  }
  inner_->handle(request, response, params);
}

}  // namespace courtvoice::server
