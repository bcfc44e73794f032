#pragma once
// Helpers shared by the handlers: headers every response carries, JSON replies, query values.
#include <optional>
#include <cstddef>
#include <string>
#include <vector>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>

namespace courtvoice::server {

/// X-Content-Type-Options, Content-Security-Policy ('self' only), Referrer-Policy no-referrer.
void applySecurityHeaders(Poco::Net::HTTPServerResponse& response);

/// Sends a JSON body with the status; API replies are never cached.
void sendJson(Poco::Net::HTTPServerResponse& response, int status, const std::string& json);

/// Bodies from this size on are sent gzip-compressed to a client that accepts it.
inline constexpr std::size_t kGzipFromBytes = 1024;

/// Sends `body` with its Content-Length, after the status and headers the caller set: gzip-
/// compressed (Content-Encoding: gzip, Vary: Accept-Encoding) when the request accepts gzip and
/// the body is at least kGzipFromBytes.
void sendBody(Poco::Net::HTTPServerResponse& response, const std::string& body);

/// Whether an Accept-Encoding header allows gzip (listed, or `*`, without q=0).
bool acceptsGzip(const std::string& acceptEncoding);

/// A strong entity tag of `body`: the first 16 hex digits of its SHA-1, quoted.
std::string entityTag(const std::string& body);

/// Sets `ETag` for `body`; when the request's If-None-Match lists it (or is `*`), answers 304 Not
/// Modified without a body and returns true, so the caller sends nothing more. Headers set before
/// (Cache-Control, Content-Type) go out with the 304.
bool answeredNotModified(const Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                         const std::string& body);

/// Decoded query parameters of the request URI, in order; names may repeat.
using QueryParams = std::vector<std::pair<std::string, std::string>>;
QueryParams queryParams(const Poco::Net::HTTPServerRequest& request);

/// The last value of `name`, if present.
std::optional<std::string> queryValue(const QueryParams& query, const std::string& name);

/// Distinct values a list parameter (court=, region=, level=, version=, ...) may hold.
inline constexpr std::size_t kMaxListValues = 100;

/// All values of `name`, repeated and/or comma-separated, empty pieces and repeats dropped (first
/// occurrence kept, in order). More than kMaxListValues distinct values: DomainError Invalid
/// "too_many_values" with field `name`, before a value is looked at (a list's length must not
/// decide how much memory a request takes, nor how many statements the database prepares).
std::vector<std::string> queryList(const QueryParams& query, const std::string& name);

/// Reads a JSON request body: checks the content type (415), then the size (413), then
/// requireStrictJson (400) before any parser reads it.
std::string readJsonBody(Poco::Net::HTTPServerRequest& request, std::size_t limit);

/// The optional "lang" query value; throws DomainError(Invalid, "invalid_language", ..., "lang")
/// when it is not one of kk, ru, en.
std::optional<std::string> languageParam(const QueryParams& query);

}  // namespace courtvoice::server
