#include "courtvoice/server/audit_trail.hpp"

#include <algorithm>
#include <cctype>

#include <Poco/Logger.h>

#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/reply_gate.hpp"

namespace courtvoice::server {

namespace {

constexpr std::size_t kMaxValueBytes = 200;
constexpr std::size_t kMaxQueryPairs = 50;

bool isSecretName(const std::string& name) {
  std::string lower = name;
  std::transform(lower.begin(), lower.end(), lower.begin(), [](unsigned char c) { return std::tolower(c); });
  return std::any_of(std::begin(kAuditRedactedNames), std::end(kAuditRedactedNames),
                     [&](const char* secret) { return lower.find(secret) != std::string::npos; });
}

// Stored text must be valid UTF-8 (utf8mb4 columns) and bounded (a list of 8,000 courts).
std::string recordable(const std::string& value) {
  if (!isValidUtf8(value)) return "[invalid UTF-8]";
  if (value.size() <= kMaxValueBytes) return value;
  std::size_t cut = kMaxValueBytes;
  while (cut > 0 && (static_cast<unsigned char>(value[cut]) & 0xC0U) == 0x80U) --cut;  // not inside a character
  return value.substr(0, cut) + "...";
}

std::string joined(const std::vector<std::string>& values) {
  std::string text;
  for (const auto& value : values) text += (text.empty() ? "" : ",") + value;
  return text;
}

// The error code of a failure, as errorResponseFor answers it.
std::string errorCodeOf(const std::exception& error) {
  if (const auto* domain = dynamic_cast<const surveys::DomainError*>(&error)) return domain->code();
  if (const auto* http = dynamic_cast<const HttpError*>(&error)) return http->code();
  return "internal";
}

}  // namespace

std::string auditParameters(const PathParams& path, const QueryParams& query) {
  auto pathObject = makeObject();
  for (const auto& [name, value] : path) pathObject->set(name, recordable(value));
  auto queryList = makeArray();
  for (std::size_t i = 0; i < query.size() && i < kMaxQueryPairs; ++i) {
    auto pair = makeArray();
    pair->add(recordable(query[i].first));
    pair->add(isSecretName(query[i].first) ? std::string(kAuditRedacted) : recordable(query[i].second));
    queryList->add(pair);
  }
  if (query.size() > kMaxQueryPairs) {
    auto more = makeArray();
    more->add(std::string("..."));
    more->add(std::to_string(query.size() - kMaxQueryPairs) + " more");
    queryList->add(more);
  }
  auto parameters = makeObject();
  parameters->set("path", pathObject);
  parameters->set("query", queryList);
  return toJson(parameters);
}

std::string auditScope(const AccessScope& scope) {
  if (scope.country) return "country";
  return "regions=" + joined(scope.regions) + ";courts=" + joined(scope.courts);
}

void AuditTrail::record(const AuditEvent& event) {
  surveys::AuditEntry entry;
  entry.at = clock_.now();
  entry.account = recordable(event.principal.account);
  entry.role = event.principal.role;
  entry.via = event.principal.via;
  entry.action = event.action;
  entry.parameters = event.parameters.empty() ? "{}" : event.parameters;
  // No role: nobody was authenticated (a refused sign-in names the account tried, with no scope).
  entry.scope = event.principal.role.empty() ? "" : auditScope(event.principal.scope);
  entry.status = event.status;
  entry.errorCode = event.errorCode;
  try {
    store_.append(entry);
  } catch (const std::exception& error) {
    Poco::Logger::get("courtvoice.audit")
        .error("cannot record " + entry.action + " (" + std::to_string(entry.status) + ") by '" + entry.account +
               "': " + error.what());
    throw HttpError(503, "audit_unavailable",
                    "the audit trail cannot be written now, so the request was not carried out or served; try again later");
  }
}

void AuditTrail::recordRequest(const std::string& method, const PathParams& path, const QueryParams& query,
                               int status, const std::string& errorCode) {
  const RequestContext& context = currentRequest();
  record(AuditEvent{context.principal, method + " " + context.route, auditParameters(path, query), status, errorCode});
}

void AuditedHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                            const PathParams& params) {
  bool recorded = false;
  QueryParams query;
  try {
    query = queryParams(request);
  } catch (const std::exception&) {
    // A malformed query string: recorded without it; the handler answers the 400.
  }
  const auto recordOnce = [&](int status, const std::string& code) {
    if (recorded) return;
    recorded = true;
    trail_.recordRequest(request.getMethod(), params, query, status, code);
  };
  // The reply of a served request: recorded before its first byte is sent.
  setReplyGate([&](int status) { recordOnce(status, status >= 400 ? "error" : ""); });
  try {
    inner_->handle(request, response, params);
  } catch (const std::exception& error) {
    setReplyGate(nullptr);
    recordOnce(errorResponseFor(error).status, errorCodeOf(error));  // a failure to record replaces the error by 503
    throw;
  } catch (...) {
    setReplyGate(nullptr);
    recordOnce(500, "internal");
    throw;
  }
  setReplyGate(nullptr);
  if (!recorded) {
    // Only when a reply went out without the gate: it cannot be stopped now, so a failure is logged.
    try {
      recordOnce(static_cast<int>(response.getStatus()), "");
    } catch (const std::exception&) {
      Poco::Logger::get("courtvoice.audit").error("a reply of " + currentRequest().route + " went out unaudited");
    }
  }
}

}  // namespace courtvoice::server
