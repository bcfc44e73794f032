#pragma once
// What is known about the request being handled, beyond the request itself. A request is handled
// on one thread from routing to the reply, so this lives in a thread_local slot that the
// dispatcher resets before each request: routing records the route template, authentication
// records who is asking, and audit and scope checks read both.
#include <string>
#include <vector>

namespace courtvoice::server {

/// What an account may see: the whole country, or some regions and/or some courts (codes).
struct AccessScope {
  bool country = true;
  std::vector<std::string> regions;  ///< region codes (surveys/regions.hpp), when not country
  std::vector<std::string> courts;   ///< court codes, when not country
};

/// Who makes the request, as far as authentication got.
struct Principal {
  std::string account;  ///< "" when not (yet) authenticated
  std::string role;     ///< "administrator", "analyst", "court_manager", "viewer"; "" when none
  std::string via;      ///< how: "session", "token" or "admin-token"; "" when none
  AccessScope scope;    ///< what results this principal may read
};

struct RequestContext {
  std::string route;  ///< the matched route template, e.g. "/api/v1/admin/surveys/{id}/summary"; "" when none
  std::string requestId;  ///< X-Request-Id of the reply (request_log.hpp)
  std::string errorCode;  ///< the error code of the reply, when it is an error answered by the dispatcher
  bool acceptsGzip = false;  ///< Accept-Encoding allows gzip: sendBody compresses larger bodies
  Principal principal;
};

/// The context of the request handled on this thread.
RequestContext& currentRequest();

/// Called by the dispatcher before each request.
void resetCurrentRequest();

}  // namespace courtvoice::server
