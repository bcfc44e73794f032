#pragma once
// The one place that turns failures into HTTP statuses and the JSON error body of docs/api.md:
// {"error": {"code", "message", "field", "details"?}}.
#include <cstddef>
#include <stdexcept>
#include <string>
#include <vector>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

/// A failure at the HTTP level that is not a domain error: authentication, method, media type,
/// body size. Domain problems stay surveys::DomainError.
class HttpError : public std::runtime_error {
 public:
  HttpError(int status, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), status_(status), code_(std::move(code)), field_(std::move(field)) {}

  int status() const { return status_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }

 private:
  int status_;
  std::string code_;
  std::string field_;
};

/// What to send for a failure.
struct ErrorResponse {
  int status = 500;
  std::string body;         ///< JSON
  bool unexpected = false;  ///< true: not an expected failure; the caller logs it with context
  std::string logDetail;    ///< an expected failure's detail for the log (surveys::DetailedError), never sent
  std::string code = {};    ///< the body's error code (for the metrics)
};

/// At most this many entries in an error body's `details`; the rest are counted in
/// `details_truncated` (a body of 65 KB of unknown keys must not answer 570 KB).
inline constexpr std::size_t kMaxErrorDetails = 100;

/// HTTP status for a domain error kind (Invalid 400, Forbidden 403, NotFound 404, Conflict 409,
/// TooLarge 413, TooManyRequests 429, Unavailable 503).
int statusFor(surveys::ErrorKind kind);

/// The JSON error body. `details` is emitted only when not empty, with at most kMaxErrorDetails
/// entries; when more were given, `details_truncated` says how many were left out.
std::string errorBody(const std::string& code, const std::string& message, const std::string& field,
                      const std::vector<surveys::ValidationError>& details = {});

/// Maps any exception: DomainError and HttpError by their kind or status; anything else to 500
/// {"code":"internal","message":"internal error","field":""} with no internals.
ErrorResponse errorResponseFor(const std::exception& error);

/// For a catch (...) of something that is not even a std::exception.
ErrorResponse internalErrorResponse();

}  // namespace courtvoice::server
