#pragma once
// Records who did what in the audit trail (docs/api.md "Audit"): every administrative request
// (wrapped by AuditedHandler) and, through record(), logins, logouts and failed logins. If an
// entry cannot be stored the request is answered 503 audit_unavailable instead of being served.
#include <string>

#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/request_context.hpp"
#include "courtvoice/server/router.hpp"
#include "courtvoice/server/utc_clock.hpp"
#include "courtvoice/surveys/audit_log.hpp"

namespace courtvoice::server {

/// Query parameters whose values are never recorded (names containing any of these, any case).
inline constexpr const char* kAuditRedactedNames[] = {"token", "password", "secret", "csrf", "session", "authorization"};
inline constexpr const char* kAuditRedacted = "[redacted]";

/// The "parameters" of an entry: {"path":{name:value...},"query":[[name,value]...]} with secret
/// values redacted, values cut to 200 bytes, at most 50 query pairs (then ["...", "N more"]).
std::string auditParameters(const PathParams& path, const QueryParams& query);

/// The "scope" of an entry: "country", or "regions=a,b;courts=X,Y".
std::string auditScope(const AccessScope& scope);

/// One event to record, besides a request (a login, a logout, a failed login).
struct AuditEvent {
  Principal principal;     ///< who (for a failed login: the account name tried, no role)
  std::string action;      ///< e.g. "POST /api/v1/login"
  std::string parameters;  ///< JSON object; never a password
  int status = 200;
  std::string errorCode;
};

class AuditTrail {
 public:
  AuditTrail(surveys::AuditStore& store, const UtcClock& clock) : store_(store), clock_(clock) {}

  /// Records `event`. Throws HttpError(503, "audit_unavailable") when it cannot be stored.
  void record(const AuditEvent& event);

  /// Records the request being handled on this thread: currentRequest()'s principal and route.
  void recordRequest(const std::string& method, const PathParams& path, const QueryParams& query, int status,
                     const std::string& errorCode);

  surveys::AuditStore& store() { return store_; }

 private:
  surveys::AuditStore& store_;
  const UtcClock& clock_;
};

/// Decorator over every administrative route: runs the handler, then records the outcome (status
/// and error code) before the reply goes out (through the reply gate) or, on a failure, before the
/// error is answered. Wraps RoleGate, so that refused requests (401, 403) are recorded too.
class AuditedHandler final : public Handler {
 public:
  AuditedHandler(AuditTrail& trail, std::shared_ptr<Handler> inner) : trail_(trail), inner_(std::move(inner)) {}
  void handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
              const PathParams& params) override;

 private:
  AuditTrail& trail_;
  std::shared_ptr<Handler> inner_;
};

}  // namespace courtvoice::server
