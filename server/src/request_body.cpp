#include "courtvoice/server/request_body.hpp"

#include <algorithm>
#include <array>
#include <cctype>

#include "courtvoice/server/http_error.hpp"

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
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    // Counted while reading too: a chunked body declares no length, and a client may lie.
    if (body.size() + got > limit) throwTooLarge(limit);
    body.append(buffer.data(), got);
  }
  return body;
}

bool discardBody(std::istream& in, std::size_t cap) {
  std::array<char, 8192> buffer{};
  std::size_t total = 0;
  while (in && total <= cap) {
    in.read(buffer.data(), static_cast<std::streamsize>(buffer.size()));
    const auto got = static_cast<std::size_t>(in.gcount());
    if (got == 0) break;
    total += got;
  }
  return total <= cap;
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
