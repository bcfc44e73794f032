#include "courtvoice/server/export_handlers.hpp"

#include <Poco/DateTime.h>
#include <Poco/DateTimeFormatter.h>
#include <Poco/Net/HTTPServerRequest.h>

#include "courtvoice/server/chunked_body.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/reply_gate.hpp"

namespace courtvoice::server {

void setDownloadHeaders(Poco::Net::HTTPServerResponse& response, const std::string& contentType,
                        const std::string& filename) {
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType(contentType);
  response.set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  response.set("Cache-Control", "no-store");
}

std::string exportFilename(const std::string& surveyId, const std::string& what, const std::string& extension) {
  std::string safe;
  for (char c : surveyId) {
    const bool plain = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    safe += plain ? c : '_';
  }
  return "courtvoice-" + safe + "-" + what + "-" + Poco::DateTimeFormatter::format(Poco::DateTime(), "%Y-%m-%d") +
         extension;
}

void ExportResponsesHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                    const PathParams& params) {
  const QueryParams query = queryParams(request);
  ResponseExportOptions options;
  options.format = parseExportFormat(queryValue(query, "format"), ExportFormat::Csv);
  options.layout = parseExportLayout(queryValue(query, "layout"));
  ReportFilters filters = makeReportFilters(queryList(query, "court"), queryList(query, "region"),
                                            queryValue(query, "from"), queryValue(query, "to"), queryValue(query, "lang"));
  addScopeFilters(filters, queryList(query, "level"), queryList(query, "version"));
  options.style = csvStyleFor(queryValue(query, "sep"), filters.lang);
  options.lang = filters.lang;
  options.query.surveyId = params.at("id");
  options.query.courts = filters.courts;
  options.query.regions = filters.regions;
  options.query.from = filters.from;
  options.query.to = filters.to;
  options.levels = filters.levels;
  options.versions = filters.versions;
  const std::string what = options.layout == ExportLayout::Wide ? "responses-wide" : "responses-long";
  // Headers go out only once the request has been checked: a mistake still gets its 4xx JSON.
  // The body is written in chunks of 64 KiB as the store reads MySQL page by page.
  ChunkedBody body(request, response);
  service_.responses(options, [&]() -> std::ostream& {
    passReplyGate(200);
    setDownloadHeaders(response, exportContentType(options.format),
                       exportFilename(options.query.surveyId, what, exportExtension(options.format)));
    return body.open();
  });
  body.finish();
}

void CodebookHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                             const PathParams& params) {
  const QueryParams query = queryParams(request);
  const ExportFormat format = parseExportFormat(queryValue(query, "format"), ExportFormat::Json);
  const auto lang = languageParam(query);
  const CsvStyle style = csvStyleFor(queryValue(query, "sep"), lang.value_or("ru"));
  const std::string& surveyId = params.at("id");
  const std::string body = service_.codebook(surveyId, format, style);
  if (format == ExportFormat::Json) {
    sendJson(response, 200, body);
  } else {
    sendCsv(response, exportFilename(surveyId, "codebook", ".csv"), body);
  }
}

}  // namespace courtvoice::server
