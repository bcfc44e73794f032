#include "courtvoice/server/audit_handlers.hpp"

#include <charconv>

#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

namespace {

using surveys::DomainError;
using surveys::ErrorKind;

constexpr int kDefaultLimit = 100;
constexpr int kMaxLimit = 1000;

std::optional<std::int64_t> wholeNumber(const std::string& text) {
  std::int64_t value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::string> dayParam(const QueryParams& query, const std::string& name) {
  const auto value = queryValue(query, name);
  if (!value || value->empty()) return std::nullopt;
  if (!surveys::Date::parse(*value)) {
    throw DomainError(ErrorKind::Invalid, "invalid_date", name + " must be a day YYYY-MM-DD", name);
  }
  return value;
}

surveys::AuditFilter filterFrom(const QueryParams& query) {
  surveys::AuditFilter filter;
  filter.account = queryValue(query, "account").value_or("");
  filter.action = queryValue(query, "action").value_or("");
  filter.fromDay = dayParam(query, "from");
  filter.toDay = dayParam(query, "to");
  if (filter.fromDay && filter.toDay && *filter.fromDay > *filter.toDay) {
    throw DomainError(ErrorKind::Invalid, "invalid_range", "from must not be after to", "to");
  }
  filter.limit = kDefaultLimit;
  if (const auto limit = queryValue(query, "limit"); limit && !limit->empty()) {
    const auto number = wholeNumber(*limit);
    if (!number || *number < 1 || *number > kMaxLimit) {
      throw DomainError(ErrorKind::Invalid, "invalid_limit", "limit must be a whole number from 1 to 1000", "limit");
    }
    filter.limit = static_cast<int>(*number);
  }
  if (const auto after = queryValue(query, "after"); after && !after->empty()) {
    const auto number = wholeNumber(*after);
    if (!number || *number < 1) {
      throw DomainError(ErrorKind::Invalid, "invalid_after",
                        "after must be the sequence number of an entry (a positive whole number)", "after");
    }
    filter.before = *number;
  }
  return filter;
}

}  // namespace

void AuditListHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                              const PathParams&) {
  const surveys::AuditFilter filter = filterFrom(queryParams(request));
  const auto entries = store_.list(filter);
  auto list = makeArray();
  for (const auto& entry : entries) {
    auto item = makeObject();
    item->set("sequence", entry.sequence);
    item->set("at", entry.at);
    item->set("account", entry.account);
    item->set("role", entry.role);
    item->set("via", entry.via);
    item->set("action", entry.action);
    item->set("parameters", parseJson(entry.parameters));
    item->set("scope", entry.scope);
    item->set("status", entry.status);
    item->set("error_code", entry.errorCode);
    item->set("previous_hash", entry.previousHash);
    item->set("hash", entry.hash);
    list->add(item);
  }
  auto body = makeObject();
  body->set("entries", list);
  // A full page may have more behind it: the next page starts after its last entry.
  if (static_cast<int>(entries.size()) == filter.limit) body->set("next_after", entries.back().sequence);
  else body->set("next_after", Poco::Dynamic::Var());
  sendJson(response, 200, toJson(body));
}

}  // namespace courtvoice::server
