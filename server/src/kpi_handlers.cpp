#include "courtvoice/server/kpi_handlers.hpp"

#include "courtvoice/server/csv_reply.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/kpi_json.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

/// Who makes a change when the body does not say: the X-CourtVoice-User header (accounts come later).
std::string headerUser(const Poco::Net::HTTPServerRequest& request) {
  return request.get("X-CourtVoice-User", "");
}

bool flag(const QueryParams& query, const std::string& name) {
  const auto value = queryValue(query, name);
  if (!value || value->empty() || *value == "false" || *value == "0") return false;
  if (*value == "true" || *value == "1") return true;
  throw DomainError(ErrorKind::Invalid, "invalid_value", name + " must be true or false", name);
}

}  // namespace

void KpiHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                        const PathParams& params) {
  switch (action_) {
    case Action::List:
      sendJson(response, 200, kpiListJson(service_.list(flag(queryParams(request), "archived"))));
      return;
    case Action::Create:
      sendJson(response, 201, kpiRecordJson(service_.create(readJsonBody(request, maxBodyBytes_), headerUser(request))));
      return;
    case Action::Get:
      sendJson(response, 200, kpiRecordJson(service_.get(params.at("id"))));
      return;
    case Action::Update:
      sendJson(response, 200,
               kpiRecordJson(service_.update(params.at("id"), readJsonBody(request, maxBodyBytes_), headerUser(request))));
      return;
    case Action::Archive: {
      const auto query = queryParams(request);
      const std::string header = headerUser(request);
      const std::string user = header.empty() ? queryValue(query, "changed_by").value_or("") : header;
      sendJson(response, 200, kpiRecordJson(service_.archive(params.at("id"), user, queryValue(query, "note").value_or(""))));
      return;
    }
    case Action::History:
      sendJson(response, 200, kpiHistoryJson(params.at("id"), service_.history(params.at("id"))));
      return;
    case Action::Values:
      values(request, response);
      return;
  }
}

void KpiHandler::values(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response) {
  const auto query = queryParams(request);
  const std::string lang = languageParam(query).value_or("ru");
  const std::optional<CsvStyle> style = csvFormatParam(query, lang);  // checked before the work
  const auto evaluations = service_.evaluateAll();
  const auto courts = service_.courts();
  if (!style) {
    sendJson(response, 200, kpiValuesJson(evaluations, courts, lang, service_.today()));
    return;
  }
  sendCsv(response, "kpis-" + service_.today().toString() + ".csv", kpiValuesCsv(evaluations, courts, lang, *style));
}

}  // namespace courtvoice::server
