#include "courtvoice/server/poster_handlers.hpp"

#include "courtvoice/server/forwarded_origin.hpp"
#include "courtvoice/server/http_util.hpp"

namespace courtvoice::server {

namespace {

void sendDocument(Poco::Net::HTTPServerResponse& response, const std::string& type, const std::string& body) {
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType(type);
  // Posters follow the registry and the published survey: never serve a stale one from a cache.
  response.set("Cache-Control", "no-cache");
  applySecurityHeaders(response);
  sendBody(response, body);
}

}  // namespace

void PosterHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                           const PathParams& params) {
  if (format_ == Format::List) {
    const std::string lang = languageParam(queryParams(request)).value_or("ru");
    const auto link = [](const std::string& survey, const std::string& court, const std::string& kind) {
      return "/posters/" + survey + "/" + court + (kind == "svg" ? "/svg" : "");
    };
    sendDocument(response, "text/html; charset=utf-8",
                 posterIndexHtml(posters_.citizenSurveys(), posters_.courts(lang), lang, link, servedPosterHead()));
    return;
  }
  const Poster poster =
      posters_.poster(params.at("survey"), params.at("court"), linkBaseFor(request, trustedProxies_, posters_.publicBaseUrl()));
  switch (format_) {
    case Format::Html: sendDocument(response, "text/html; charset=utf-8", posterHtml(poster, servedPosterHead())); break;
    case Format::Svg: sendDocument(response, "image/svg+xml; charset=utf-8", posterSvg(poster)); break;
    case Format::QrPng: sendDocument(response, "image/png", qrPng(poster.qr)); break;
    case Format::List: break;
  }
}

}  // namespace courtvoice::server
