#pragma once
// One line per request for whoever runs the server, and the id that ties it to the client's
// reply (X-Request-Id): method, route template, status, duration, id. Never the client's address,
// the path's values, the query, a body or a credential: the template stands for the path.
#include <string>

namespace courtvoice::server {

/// The id of a request: `incoming` (a proxy's X-Request-Id) when it is 1-64 characters of
/// A-Z a-z 0-9 . _ -, else 16 random hex digits.
std::string requestIdFor(const std::string& incoming);

/// "GET /api/v1/surveys/{id} 200 3.1 ms id=0f3a..."; a request that matched no route shows "-".
std::string accessLogLine(const std::string& method, const std::string& route, int status, double milliseconds,
                          const std::string& requestId);

}  // namespace courtvoice::server
