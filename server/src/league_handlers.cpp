#include "courtvoice/server/league_handlers.hpp"

#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

void LeagueHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                           const PathParams& params) {
  const QueryParams query = queryParams(request);
  ReportFilters filters = makeReportFilters(queryList(query, "court"), queryList(query, "region"),
                                            queryValue(query, "from"), queryValue(query, "to"), queryValue(query, "lang"));
  addScopeFilters(filters, queryList(query, "level"), queryList(query, "version"));
  const LeagueRequest league = makeLeagueRequest(std::move(filters), queryValue(query, "period"), queryValue(query, "sort"));
  const std::string format = queryValue(query, "format").value_or("json");
  if (format == "json") {
    sendJson(response, 200, service_.leagueJson(params.at("id"), league));
    return;
  }
  if (format != "csv") {
    throw surveys::DomainError(surveys::ErrorKind::Invalid, "invalid_format", "format must be json or csv", "format");
  }
  CsvStyle style = csvStyleFor(queryValue(query, "sep"), league.lang);
  style.lineEnd = "\r\n";  // RFC 4180, as spreadsheets expect
  const std::string body = service_.leagueCsv(params.at("id"), league, style);
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("text/csv; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.set("Content-Disposition", "attachment; filename=\"league-" + params.at("id") + ".csv\"");
  response.setContentLength(static_cast<std::streamsize>(body.size()));
  response.send() << body;
}

}  // namespace courtvoice::server
