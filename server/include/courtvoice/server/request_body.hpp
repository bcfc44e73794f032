#pragma once
// Request bodies are read with an explicit limit before any parsing: the declared length is
// checked first, and the bytes are counted while reading (chunked bodies declare nothing).
#include <cstddef>
#include <cstdint>
#include <istream>
#include <optional>
#include <string>

namespace courtvoice::server {

/// Reads the whole body. Throws HttpError 413 "body_too_large" (field "") when `declaredLength`
/// or the bytes actually sent exceed `limit`; nothing is parsed in that case.
std::string readLimitedBody(std::istream& in, std::optional<std::int64_t> declaredLength, std::size_t limit);

/// Reads and drops what is left of a body, at most `cap` bytes. True when the body was
/// consumed completely (so the connection can be kept alive).
bool discardBody(std::istream& in, std::size_t cap);

/// True for "application/json" with optional parameters ("; charset=utf-8"), case-insensitive.
bool isJsonContentType(const std::string& contentType);

/// Throws HttpError 415 "unsupported_media_type" (field "") unless isJsonContentType.
void requireJsonContentType(const std::string& contentType);

}  // namespace courtvoice::server
