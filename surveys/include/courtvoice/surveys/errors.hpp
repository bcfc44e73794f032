#pragma once
// Expected problems carry a machine code, a human message and the field they concern, so that
// one place in the server can map them to an HTTP status and {"error": {code, message, field}}.
#include <stdexcept>
#include <string>
#include <vector>

namespace courtvoice::surveys {

/// One problem found while validating input. `field` names the item or JSON path
/// (e.g. "answers.access_find", "items[3].id"), empty when it concerns the whole document.
struct ValidationError {
  std::string code;     ///< stable, machine-readable: "out_of_range", "required", ...
  std::string message;  ///< for a person, in English
  std::string field;
  bool operator==(const ValidationError&) const = default;
};

/// Kinds of expected failure; the server maps each to one HTTP status.
enum class ErrorKind {
  Invalid,      ///< 400: malformed or invalid input
  Forbidden,    ///< 403: e.g. an invitation code that does not open this survey
  NotFound,     ///< 404: unknown survey, version, court
  Conflict,     ///< 409: e.g. survey not accepting responses, version already published
  TooLarge,     ///< 413: body or list over its limit
  TooManyRequests,  ///< 429: a client over its rate limit
  Unavailable,  ///< 503: database unreachable
};

/// A typed, expected failure. Unexpected failures are any other exception.
class DomainError : public std::runtime_error {
 public:
  DomainError(ErrorKind kind, std::string code, const std::string& message, std::string field = {})
      : std::runtime_error(message), kind_(kind), code_(std::move(code)), field_(std::move(field)) {}
  /// Invalid input with all problems found; what() and field() describe the first.
  explicit DomainError(std::vector<ValidationError> errors)
      : std::runtime_error(errors.empty() ? "invalid" : errors.front().message),
        kind_(ErrorKind::Invalid),
        code_(errors.empty() ? "invalid" : errors.front().code),
        field_(errors.empty() ? "" : errors.front().field),
        errors_(std::move(errors)) {}

  ErrorKind kind() const { return kind_; }
  const std::string& code() const { return code_; }
  const std::string& field() const { return field_; }
  const std::vector<ValidationError>& errors() const { return errors_; }

 private:
  ErrorKind kind_;
  std::string code_;
  std::string field_;
  std::vector<ValidationError> errors_;
};

}  // namespace courtvoice::surveys
