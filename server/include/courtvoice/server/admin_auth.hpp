#pragma once
// Administration calls carry "Authorization: Bearer <token>".
#include <optional>
#include <string>

namespace courtvoice::server {

enum class AuthResult {
  Allowed,
  Missing,  ///< no usable Authorization header: 401
  Denied,   ///< wrong token, or no token configured: 403
};

/// Compares in time that depends only on the lengths, so that the token cannot be guessed byte
/// by byte from response times.
bool constantTimeEquals(const std::string& a, const std::string& b);

/// Checks an Authorization header value (std::nullopt when absent) against the configured token.
/// An empty configured token denies every call: administration is off.
AuthResult checkBearerToken(const std::optional<std::string>& authorizationHeader, const std::string& configuredToken);

/// Throws HttpError 401 "unauthorized" or 403 "forbidden" unless Allowed.
void requireAdmin(const std::optional<std::string>& authorizationHeader, const std::string& configuredToken);

}  // namespace courtvoice::server
