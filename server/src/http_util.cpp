#include "courtvoice/server/http_util.hpp"

#include <algorithm>

#include <Poco/URI.h>

#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/reply_gate.hpp"
#include "courtvoice/server/request_body.hpp"
#include "courtvoice/server/request_deadline.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::server {

void applySecurityHeaders(Poco::Net::HTTPServerResponse& response) {
  response.set("X-Content-Type-Options", "nosniff");
  // Pages load scripts, styles, images and data from this origin only; no inline script.
  response.set("Content-Security-Policy",
               "default-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  response.set("Referrer-Policy", "no-referrer");
}

void sendJson(Poco::Net::HTTPServerResponse& response, int status, const std::string& json) {
  passReplyGate(status);
  response.setStatusAndReason(static_cast<Poco::Net::HTTPResponse::HTTPStatus>(status));
  response.setContentType("application/json; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.setContentLength(static_cast<std::streamsize>(json.size()));
  response.send() << json;
}

QueryParams queryParams(const Poco::Net::HTTPServerRequest& request) {
  try {
    return Poco::URI(request.getURI()).getQueryParameters();
  } catch (const Poco::Exception&) {
    throw surveys::DomainError(surveys::ErrorKind::Invalid, "bad_request", "the query string is malformed", "");
  }
}

std::optional<std::string> queryValue(const QueryParams& query, const std::string& name) {
  std::optional<std::string> value;
  for (const auto& [key, v] : query) {
    if (key == name) value = v;
  }
  return value;
}

std::vector<std::string> queryList(const QueryParams& query, const std::string& name) {
  std::vector<std::string> values;
  for (const auto& [key, v] : query) {
    if (key != name) continue;
    std::size_t start = 0;
    while (start <= v.size()) {
      const auto comma = v.find(',', start);
      const std::string piece = v.substr(start, comma == std::string::npos ? std::string::npos : comma - start);
      if (!piece.empty() && std::find(values.begin(), values.end(), piece) == values.end()) {
        if (values.size() == kMaxListValues) {
          throw surveys::DomainError(surveys::ErrorKind::Invalid, "too_many_values",
                                     "at most " + std::to_string(kMaxListValues) + " different values of " + name,
                                     name);
        }
        values.push_back(piece);
      }
      if (comma == std::string::npos) break;
      start = comma + 1;
    }
  }
  return values;
}

std::string readJsonBody(Poco::Net::HTTPServerRequest& request, std::size_t limit) {
  requireJsonContentType(request.getContentType());
  // Chunks win over a length (as Poco reads them); neither: an empty body (RFC 9112 6.3), never
  // "read until the client closes".
  const bool chunked = request.getChunkedTransferEncoding();
  std::optional<std::int64_t> declared;
  if (request.hasContentLength() && !chunked) declared = request.getContentLength64();
  std::string body;
  std::istream* chunkedBody = currentRequestGuard().chunkedBody;
  if (chunked || (declared && *declared > 0)) {
    body = readLimitedBody(chunked && chunkedBody != nullptr ? *chunkedBody : request.stream(), declared, limit);
  }
  // One strict check for every JSON body, before any parser recurses into it.
  requireStrictJson(body);
  return body;
}

std::optional<std::string> languageParam(const QueryParams& query) {
  const auto lang = queryValue(query, "lang");
  if (!lang || lang->empty()) return std::nullopt;
  const auto& supported = surveys::kSupportedLanguages;
  if (std::find(supported.begin(), supported.end(), *lang) == supported.end()) {
    throw surveys::DomainError(surveys::ErrorKind::Invalid, "invalid_language", "lang must be kk, ru or en", "lang");
  }
  return lang;
}

}  // namespace courtvoice::server
