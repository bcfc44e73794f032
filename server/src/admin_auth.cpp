#include "courtvoice/server/admin_auth.hpp"

#include <algorithm>
#include <cctype>

#include "courtvoice/server/http_error.hpp"

namespace courtvoice::server {

bool constantTimeEquals(const std::string& a, const std::string& b) {
  // Every byte of the longer string is visited whatever the content, so timing shows at most
  // the lengths.
  const std::size_t length = std::max(a.size(), b.size());
  unsigned diff = a.size() == b.size() ? 0U : 1U;
  for (std::size_t i = 0; i < length; ++i) {
    const auto x = static_cast<unsigned char>(i < a.size() ? a[i] : 0);
    const auto y = static_cast<unsigned char>(i < b.size() ? b[i] : 0);
    diff |= static_cast<unsigned>(x ^ y);
  }
  return diff == 0;
}

AuthResult checkBearerToken(const std::optional<std::string>& authorizationHeader, const std::string& configuredToken) {
  static const std::string kScheme = "Bearer ";
  if (!authorizationHeader || authorizationHeader->size() <= kScheme.size()) return AuthResult::Missing;
  // The scheme name is case-insensitive (RFC 7235).
  for (std::size_t i = 0; i < kScheme.size(); ++i) {
    if (std::tolower(static_cast<unsigned char>((*authorizationHeader)[i])) !=
        std::tolower(static_cast<unsigned char>(kScheme[i]))) {
      return AuthResult::Missing;
    }
  }
  const std::string token = authorizationHeader->substr(kScheme.size());
  if (configuredToken.empty()) return AuthResult::Denied;
  return constantTimeEquals(token, configuredToken) ? AuthResult::Allowed : AuthResult::Denied;
}

void requireAdmin(const std::optional<std::string>& authorizationHeader, const std::string& configuredToken) {
  switch (checkBearerToken(authorizationHeader, configuredToken)) {
    case AuthResult::Allowed: return;
    case AuthResult::Missing:
      throw HttpError(401, "unauthorized", "this call needs Authorization: Bearer <admin token>", "");
    case AuthResult::Denied: throw HttpError(403, "forbidden", "the admin token is not valid", "");
  }
}

}  // namespace courtvoice::server
