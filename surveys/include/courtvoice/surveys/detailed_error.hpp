#pragma once
// A DomainError that also carries what an operator needs and a client must not see: the
// database's host or socket, MySQL's own text (which names columns). The message stays safe to
// send; the server logs the detail and the admin tool prints it (issue 10, leaks in error bodies).
#include <exception>
#include <string>
#include <utility>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::surveys {

class DetailedError : public DomainError {
 public:
  DetailedError(ErrorKind kind, std::string code, const std::string& message, std::string detail)
      : DomainError(kind, std::move(code), message), detail_(std::move(detail)) {}

  const std::string& detail() const { return detail_; }

 private:
  std::string detail_;
};

/// The detail of `error` for the log: DetailedError::detail(), empty for any other exception.
inline std::string errorDetail(const std::exception& error) {
  const auto* detailed = dynamic_cast<const DetailedError*>(&error);
  return detailed != nullptr ? detailed->detail() : std::string();
}

}  // namespace courtvoice::surveys
