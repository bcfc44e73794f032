#include "courtvoice/server/http_util.hpp"

#include <algorithm>

#include <sstream>

#include <Poco/DeflatingStream.h>
#include <Poco/DigestEngine.h>
#include <Poco/SHA1Engine.h>
#include <Poco/String.h>
#include <Poco/StringTokenizer.h>
#include <Poco/URI.h>

#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/reply_gate.hpp"
#include "courtvoice/server/request_context.hpp"
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
  sendBody(response, json);
}

void sendBody(Poco::Net::HTTPServerResponse& response, const std::string& body) {
  if (!currentRequest().acceptsGzip || body.size() < kGzipFromBytes) {
    response.setContentLength(static_cast<std::streamsize>(body.size()));
    response.send() << body;
    return;
  }
  std::ostringstream compressed;
  {
    Poco::DeflatingOutputStream gzip(compressed, Poco::DeflatingStreamBuf::STREAM_GZIP);
    gzip << body;
    gzip.close();
  }
  const std::string bytes = compressed.str();
  response.set("Content-Encoding", "gzip");
  response.set("Vary", "Accept-Encoding");
  response.setContentLength(static_cast<std::streamsize>(bytes.size()));
  response.send() << bytes;
}

bool acceptsGzip(const std::string& acceptEncoding) {
  const Poco::StringTokenizer codings(acceptEncoding, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& coding : codings) {
    const auto semicolon = coding.find(';');
    std::string name = Poco::toLower(coding.substr(0, semicolon));
    while (!name.empty() && name.back() == ' ') name.pop_back();
    if (name != "gzip" && name != "x-gzip" && name != "*") continue;
    std::string params = semicolon == std::string::npos ? "" : coding.substr(semicolon + 1);
    params.erase(std::remove(params.begin(), params.end(), ' '), params.end());
    // q=0, q=0.0, q=0.00 ... refuse the coding.
    if (params.rfind("q=0", 0) == 0 && params.find_first_not_of("0.", 2) == std::string::npos) continue;
    return true;
  }
  return false;
}

std::string entityTag(const std::string& body) {
  Poco::SHA1Engine sha1;
  sha1.update(body);
  return "\"" + Poco::DigestEngine::digestToHex(sha1.digest()).substr(0, 16) + "\"";
}

bool answeredNotModified(const Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                         const std::string& body) {
  const std::string tag = entityTag(body);
  response.set("ETag", tag);
  const std::string wanted = request.get("If-None-Match", "");
  if (wanted.empty()) return false;
  bool match = false;
  const Poco::StringTokenizer tags(wanted, ",", Poco::StringTokenizer::TOK_TRIM | Poco::StringTokenizer::TOK_IGNORE_EMPTY);
  for (const auto& candidate : tags) {
    // A weak tag (W/"...") names the same content for If-None-Match (RFC 9110, weak comparison).
    const std::string plain = candidate.rfind("W/", 0) == 0 ? candidate.substr(2) : candidate;
    if (plain == "*" || plain == tag) match = true;
  }
  if (!match) return false;
  passReplyGate(304);
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_NOT_MODIFIED);
  response.send();
  return true;
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
