#include "courtvoice/server/admin_handlers.hpp"

#include <charconv>

#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/csv_reply.hpp"
#include "courtvoice/server/export_handlers.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/server/trend_csv.hpp"
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

int versionParam(const PathParams& params) {
  const std::string& text = params.at("v");
  int version = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), version);
  if (ec != std::errc() || end != text.data() + text.size() || version < 1) {
    // Not a version number, so no such version: the same answer as for an unknown one.
    throw DomainError(ErrorKind::NotFound, "version_not_found", "no version " + text, "");
  }
  return version;
}

std::string lifecycleReply(const std::string& surveyId, const std::optional<int>& version, const std::string& status) {
  auto reply = makeObject();
  reply->set("survey_id", surveyId);
  if (version) reply->set("version", *version);
  reply->set("status", status);
  return toJson(reply);
}

// A report's request from the query: the filters every report takes and its own arrangement
// parameter ("group" for the summary, "period" for the trend), checked by `make`.
template <typename Make>
auto reportRequest(const Poco::Net::HTTPServerRequest& request, const std::string& arrangement, Make make) {
  const QueryParams query = queryParams(request);
  auto built = make(queryList(query, "court"), queryList(query, "region"), queryValue(query, "from"),
                    queryValue(query, "to"), queryValue(query, arrangement), queryValue(query, "lang"));
  addScopeFilters(built, queryList(query, "level"), queryList(query, "version"));
  return built;
}

}  // namespace

void ListSurveysHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                                const PathParams&) {
  auto list = makeArray();
  for (const auto& info : service_.list()) {
    auto object = makeObject();
    object->set("survey_id", info.surveyId);
    object->set("version", info.version);
    object->set("status", toString(info.status));
    object->set("audience", toString(info.audience));
    object->set("report_by_court", info.reportByCourt);
    auto title = makeObject();
    for (const auto& [lang, text] : info.title) title->set(lang, text);
    object->set("title", title);
    list->add(object);
  }
  auto reply = makeObject();
  reply->set("surveys", list);
  sendJson(response, 200, toJson(reply));
}

void CreateSurveyHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                 const PathParams&) {
  const std::string body = readJsonBody(request, maxBodyBytes_);
  const CreatedVersion created = service_.createVersion(body);
  sendJson(response, 201, lifecycleReply(created.surveyId, created.version, "draft"));
}

void GetVersionHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                               const PathParams& params) {
  const auto def = service_.getVersion(params.at("id"), versionParam(params));
  sendJson(response, 200, surveys::definitionToJson(def));
}

void PublishHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                            const PathParams& params) {
  const int version = versionParam(params);
  service_.publish(params.at("id"), version);
  sendJson(response, 200, lifecycleReply(params.at("id"), version, "published"));
}

void UpdateDraftHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                const PathParams& params) {
  const int version = versionParam(params);
  const std::string body = readJsonBody(request, maxBodyBytes_);
  const CreatedVersion updated = service_.updateDraft(params.at("id"), version, body);
  sendJson(response, 200, lifecycleReply(updated.surveyId, updated.version, "draft"));
}

void ArchiveHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                            const PathParams& params) {
  const int version = versionParam(params);
  service_.archive(params.at("id"), version);
  sendJson(response, 200, lifecycleReply(params.at("id"), version, "archived"));
}

void VersionDiffHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                                const PathParams& params) {
  const VersionChanges changes = service_.diffWithPrevious(params.at("id"), versionParam(params));
  auto reply = makeObject();
  reply->set("survey_id", changes.surveyId);
  reply->set("version", changes.version);
  reply->set("previous_version", changes.previousVersion ? Poco::Dynamic::Var(*changes.previousVersion) : Poco::Dynamic::Var());
  reply->set("added", stringList(changes.diff.added));
  reply->set("removed", stringList(changes.diff.removed));
  reply->set("kept", stringList(changes.diff.kept));
  reply->set("broken", stringList(changes.diff.broken));
  sendJson(response, 200, toJson(reply));
}

void CloseHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                          const PathParams& params) {
  service_.close(params.at("id"));
  sendJson(response, 200, lifecycleReply(params.at("id"), std::nullopt, "closed"));
}

void UpsertCourtsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                 const PathParams&) {
  const std::string body = readJsonBody(request, maxBodyBytes_);
  const std::size_t count = service_.upsertCourts(parseCourtsJson(body));
  auto reply = makeObject();
  reply->set("upserted", count);
  sendJson(response, 200, toJson(reply));
}

void ImportResponsesHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                    const PathParams& params) {
  const std::string body = readJsonBody(request, maxBodyBytes_);
  const ImportResult result = service_.importResponses(params.at("id"), body);
  auto reply = makeObject();
  reply->set("created", result.created);
  reply->set("duplicates", result.duplicates);
  sendJson(response, 200, toJson(reply));
}

void SummaryHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                            const PathParams& params) {
  SummaryRequest summary = reportRequest(request, "group", makeSummaryRequest);
  const QueryParams query = queryParams(request);
  summary.weights = parseWeightsParam(queryValue(query, "weights"));
  // format=csv: the same summary as a table for spreadsheets (docs/api.md, "Exports").
  if (parseExportFormat(queryValue(query, "format"), ExportFormat::Json) == ExportFormat::Csv) {
    const CsvStyle style = csvStyleFor(queryValue(query, "sep"), summary.lang);
    const std::string& id = params.at("id");
    sendCsv(response, exportFilename(id, "summary-" + analytics::toString(summary.groupBy), ".csv"),
            summaryCsv(service_, id, summary, style));
    return;
  }
  sendJson(response, 200, service_.summaryJson(params.at("id"), summary));
}

void TrendHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                          const PathParams& params) {
  TrendRequest trendRequest = reportRequest(request, "period", makeTrendRequest);
  const QueryParams query = queryParams(request);
  const auto baseline = queryValue(query, "baseline");
  if (baseline && !baseline->empty()) trendRequest.baseline = *baseline;  // checked against the period by the trend
  trendRequest.today = surveys::SystemClock().today();
  const std::optional<CsvStyle> style = csvFormatParam(query, trendRequest.lang);
  if (!style) {
    sendJson(response, 200, service_.trendJson(params.at("id"), trendRequest));
    return;
  }
  sendCsv(response, trendCsvFileName(params.at("id"), trendRequest.period),
          service_.trendCsv(params.at("id"), trendRequest, *style));
}

}  // namespace courtvoice::server
