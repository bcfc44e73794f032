#include "courtvoice/server/weights_handlers.hpp"

#include <algorithm>
#include <cctype>

#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/server/request_body.hpp"
#include "courtvoice/server/request_context.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

namespace {

// "text/csv" with optional parameters ("; charset=utf-8"), case-insensitive.
bool isCsvContentType(std::string type) {
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  std::string media = type.substr(0, type.find(';'));
  media.erase(0, media.find_first_not_of(' '));
  media.erase(media.find_last_not_of(' ') + 1);
  return media == "text/csv";
}

// Who loads the counts: the X-CourtVoice-User header, else the authenticated account.
std::string loader(const Poco::Net::HTTPServerRequest& request) {
  const std::string header = request.get("X-CourtVoice-User", "");
  return header.empty() ? currentRequest().principal.account : header;
}

}  // namespace

void WeightsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                            const PathParams& params) {
  const std::string& id = params.at("id");
  switch (action_) {
    case Action::Load: {
      if (!isCsvContentType(request.getContentType())) {
        throw HttpError(415, "unsupported_media_type", "the body must be sent as Content-Type: text/csv", "");
      }
      std::optional<std::int64_t> declared;
      if (request.hasContentLength()) declared = request.getContentLength64();
      const std::string body = readLimitedBody(request.stream(), declared, maxBodyBytes_);
      if (!isValidUtf8(body)) {
        throw surveys::DomainError(surveys::ErrorKind::Invalid, "invalid_utf8", "the file is not valid UTF-8", "");
      }
      sendJson(response, 200, populationSetJson(service_.load(id, body, loader(request))));
      return;
    }
    case Action::Show:
      sendJson(response, 200, populationSetJson(service_.show(id)));
      return;
    case Action::Clear: {
      const bool cleared = service_.clear(id);
      JsonWriter out;
      out.beginObject().key("survey_id").value(id).key("cleared").value(cleared).endObject();
      sendJson(response, 200, out.take());
      return;
    }
  }
}

}  // namespace courtvoice::server
