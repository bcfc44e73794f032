#include "courtvoice/server/league_handlers.hpp"

#include "courtvoice/server/csv_reply.hpp"
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
  const std::optional<CsvStyle> style = csvFormatParam(query, league.lang);
  if (!style) {
    sendJson(response, 200, service_.leagueJson(params.at("id"), league));
    return;
  }
  sendCsv(response, "league-" + params.at("id") + ".csv", service_.leagueCsv(params.at("id"), league, *style));
}

}  // namespace courtvoice::server
