#pragma once
// Rate limits on the public POSTs (submissions, invitation checks): a handler wrapped in
// RateLimitedHandler answers 429 "rate_limited" with Retry-After to a client over its limit,
// before the body is read. Kiosks are exempt by network or by the kiosk token.
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/server/ip_network.hpp"
#include "courtvoice/server/monotonic_clock.hpp"
#include "courtvoice/server/rate_limiter.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

/// Settings limits.* and server.trustedProxies, COURTVOICE_KIOSK_TOKEN (docs/api.md, Configuration).
struct PublicLimits {
  bool enabled = true;                       ///< false: no limit at all (load tests)
  RateLimit rate;                            ///< per client and per endpoint
  std::vector<IpNetwork> kioskNetworks;      ///< clients here are not limited
  std::string kioskToken;                    ///< a request with X-Kiosk-Token equal to it is not limited; empty: none
  std::vector<IpNetwork> trustedProxies;     ///< peers whose X-Forwarded-For last hop names the client
};

/// The request's client (ip_network.hpp clientAddress over the peer and X-Forwarded-For).
IpAddress requestClient(const Poco::Net::HTTPServerRequest& request, const std::vector<IpNetwork>& trustedProxies);

/// Whether a request is exempt: a client in a kiosk network, or the configured kiosk token sent
/// (compared in constant time). `sentToken` is the X-Kiosk-Token header, if any.
bool isKioskRequest(const PublicLimits& limits, const IpAddress& client, const std::optional<std::string>& sentToken);

/// Counts each client (ip_network.hpp: clientAddress, rateLimitKey) in a RateLimiter of its own
/// (one per wrapped endpoint) and passes allowed requests to `inner`.
class RateLimitedHandler final : public Handler {
 public:
  RateLimitedHandler(const PublicLimits& limits, const MonotonicClock& clock, std::shared_ptr<Handler> inner);
  void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
              const PathParams& params) override;

 private:
  PublicLimits limits_;
  RateLimiter limiter_;
  std::shared_ptr<Handler> inner_;
};

}  // namespace courtvoice::server
