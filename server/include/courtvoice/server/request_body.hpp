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
/// or the bytes actually sent exceed `limit`; nothing is parsed in that case. A body that ends
/// before `declaredLength` is 400 "incomplete_body", a malformed chunked encoding 400
/// "malformed_body", and either cut short by the request deadline 408 "request_timeout"; the
/// connection closes after any of these (request_deadline.hpp, finishRequestBody).
std::string readLimitedBody(std::istream& in, std::optional<std::int64_t> declaredLength, std::size_t limit);

/// True for "application/json" with optional parameters ("; charset=utf-8"), case-insensitive.
bool isJsonContentType(const std::string& contentType);

/// Throws HttpError 415 "unsupported_media_type" (field "") unless isJsonContentType.
void requireJsonContentType(const std::string& contentType);

}  // namespace courtvoice::server
