#include "courtvoice/server/http_error.hpp"

#include "courtvoice/server/json_io.hpp"
#include "courtvoice/surveys/detailed_error.hpp"

#include "courtvoice/surveys/json_text.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

int statusFor(ErrorKind kind) {
  switch (kind) {
    case ErrorKind::Invalid: return 400;
    case ErrorKind::Forbidden: return 403;
    case ErrorKind::NotFound: return 404;
    case ErrorKind::Conflict: return 409;
    case ErrorKind::TooLarge: return 413;
    case ErrorKind::TooManyRequests: return 429;
    case ErrorKind::Unavailable: return 503;
  }
  return 500;
}

std::string errorBody(const std::string& code, const std::string& message, const std::string& field,
                      const std::vector<surveys::ValidationError>& details) {
  // Messages and fields may quote client input: printableText keeps the body valid UTF-8 JSON
  // whatever a message quotes (a raw byte becomes the text \xff).
  using surveys::printableText;
  auto error = makeObject();
  error->set("code", code);
  error->set("message", printableText(message));
  error->set("field", printableText(field));
  if (!details.empty()) {
    auto list = makeArray();
    for (std::size_t i = 0; i < details.size() && i < kMaxErrorDetails; ++i) {
      const auto& detail = details[i];
      auto item = makeObject();
      item->set("code", detail.code);
      item->set("message", printableText(detail.message));
      item->set("field", printableText(detail.field));
      list->add(item);
    }
    error->set("details", list);
    if (details.size() > kMaxErrorDetails) {
      error->set("details_truncated", static_cast<Poco::UInt64>(details.size() - kMaxErrorDetails));
    }
  }
  auto body = makeObject();
  body->set("error", error);
  return toJson(body);
}

ErrorResponse internalErrorResponse() {
  return {500, errorBody("internal", "internal error", ""), true, {}, "internal"};
}

ErrorResponse errorResponseFor(const std::exception& error) {
  if (const auto* domain = dynamic_cast<const DomainError*>(&error)) {
    return {statusFor(domain->kind()), errorBody(domain->code(), domain->what(), domain->field(), domain->errors()),
            false, surveys::errorDetail(error), domain->code()};
  }
  if (const auto* http = dynamic_cast<const HttpError*>(&error)) {
    return {http->status(), errorBody(http->code(), http->what(), http->field()), false, {}, http->code()};
  }
  return internalErrorResponse();
}

}  // namespace courtvoice::server
