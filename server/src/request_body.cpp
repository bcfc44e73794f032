#include "courtvoice/server/request_body.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/request_deadline.hpp"

namespace courtvoice::server {

namespace {

[[noreturn]] void throwTooLarge(std::size_t limit) {
  throw HttpError(413, "body_too_large", "the request body is larger than " + std::to_string(limit) + " bytes", "");
}

}  // namespace

std::string readLimitedBody(std::istream& in, std::optional<std::int64_t> declaredLength, std::size_t limit) {
  // The declared length is refused before a single byte is read.
  if (declaredLength && *declaredLength > 0 && static_cast<std::uint64_t>(*declaredLength) > limit) {
    throwTooLarge(limit);
  }
  std::string body;
  std::array<char, 8192> buffer{};
  while (in) {
    // Never more than one byte past the limit: a slow client over it is answered at once.
    const std::size_t wanted = std::min(buffer.size(), limit + 1 - body.size());
    in.read(buffer.data(), static_cast<std::streamsize>(wanted));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    // Counted while reading too: a chunked body declares no length, and a client may lie.
    if (body.size() + got > limit) throwTooLarge(limit);
    body.append(buffer.data(), got);
  }
  // The stream ends early when the watchdog cut the request short or the client stopped sending;
  // it goes bad when Poco cannot read the framing (a malformed chunk size). The rest of such a
  // body must never be read as the next request: the connection closes after this answer.
  const bool shortBody = declaredLength && static_cast<std::uint64_t>(*declaredLength) > body.size();
  if (in.bad() || shortBody) {
    finishRequestBody(false);
    if (requestDeadlinePassed()) {
      throw HttpError(408, "request_timeout", "the request body did not arrive in time", "");
    }
    if (in.bad()) throw HttpError(400, "malformed_body", "the body's chunked encoding is malformed", "");
    throw HttpError(400, "incomplete_body", "the body ended before its Content-Length", "");
  }
  finishRequestBody(true);
  return body;
}

bool isJsonContentType(const std::string& contentType) {
  std::string type = contentType.substr(0, contentType.find(';'));
  type.erase(std::remove_if(type.begin(), type.end(), [](unsigned char c) { return std::isspace(c) != 0; }), type.end());
  std::transform(type.begin(), type.end(), type.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return type == "application/json";
}

void requireJsonContentType(const std::string& contentType) {
  if (!isJsonContentType(contentType)) {
    throw HttpError(415, "unsupported_media_type", "the body must be sent as Content-Type: application/json", "");
  }
}

}  // namespace courtvoice::server
