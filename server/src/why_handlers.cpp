#include "courtvoice/server/why_handlers.hpp"

#include "courtvoice/server/csv_reply.hpp"
#include "courtvoice/server/http_util.hpp"

namespace courtvoice::server {

namespace {

// The filters every report takes (docs/api.md, "Summary"), checked.
template <typename Request>
Request reportFilters(const QueryParams& query) {
  Request request;
  static_cast<ReportFilters&>(request) = makeReportFilters(queryList(query, "court"), queryList(query, "region"),
                                                           queryValue(query, "from"), queryValue(query, "to"),
                                                           queryValue(query, "lang"));
  addScopeFilters(request, queryList(query, "level"), queryList(query, "version"));
  return request;
}

// "group" and "by" name columns of a file: only the safe characters of their keys.
std::string fileSafe(std::string text) {
  for (char& c : text) {
    const bool safe = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    if (!safe) c = '_';
  }
  return text;
}

}  // namespace

void ReliabilityHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                const PathParams& params) {
  const QueryParams query = queryParams(request);
  sendJson(response, 200, service_.reliabilityJson(params.at("id"), reportFilters<ReportFilters>(query)));
}

void DriversHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                            const PathParams& params) {
  const QueryParams query = queryParams(request);
  auto drivers = reportFilters<DriversRequest>(query);
  drivers.outcome = queryValue(query, "outcome");
  const auto csv = csvFormatParam(query, drivers.lang);
  const std::string body = service_.drivers(params.at("id"), drivers, csv);
  if (csv) {
    sendCsv(response, fileSafe(params.at("id")) + "-drivers.csv", body);
  } else {
    sendJson(response, 200, body);
  }
}

void CrossedHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                            const PathParams& params) {
  const QueryParams query = queryParams(request);
  auto crossed = reportFilters<CrossedRequest>(query);
  crossed.group = queryValue(query, "group").value_or("");
  crossed.by = queryValue(query, "by").value_or("");
  const auto csv = csvFormatParam(query, crossed.lang);
  const std::string body = service_.crossed(params.at("id"), crossed, csv);
  if (csv) {
    sendCsv(response, fileSafe(params.at("id")) + "-" + fileSafe(crossed.group) + "-by-" + fileSafe(crossed.by) + ".csv",
            body);
  } else {
    sendJson(response, 200, body);
  }
}

}  // namespace courtvoice::server
