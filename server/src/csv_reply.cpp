#include "courtvoice/server/csv_reply.hpp"

#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/reply_gate.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

std::optional<CsvStyle> csvFormatParam(const QueryParams& query, const std::string& lang) {
  const auto format = queryValue(query, "format");
  if (!format || format->empty() || *format == "json") return std::nullopt;
  if (*format != "csv") {
    throw surveys::DomainError(surveys::ErrorKind::Invalid, "invalid_format", "format must be json or csv", "format");
  }
  CsvStyle style = csvStyleFor(queryValue(query, "sep"), lang);
  style.lineEnd = "\r\n";
  return style;
}

void sendCsv(Poco::Net::HTTPServerResponse& response, const std::string& filename, const std::string& body) {
  passReplyGate(200);
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("text/csv; charset=utf-8");
  response.set("Content-Disposition", "attachment; filename=\"" + filename + "\"");
  response.set("Cache-Control", "no-store");
  sendBody(response, body);
}

}  // namespace courtvoice::server
