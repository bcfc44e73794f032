#include "courtvoice/server/results_handlers.hpp"

#include "courtvoice/server/http_util.hpp"

namespace courtvoice::server {

void ResultsStatusHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                                  const PathParams&) {
  sendJson(response, 200, service_.resultsStatusJson());
}

void RebuildResultsHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                                   const PathParams&) {
  sendJson(response, 200, service_.rebuildResultsJson());
}

}  // namespace courtvoice::server
