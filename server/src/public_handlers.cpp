#include "courtvoice/surveys/regions.hpp"
#include "courtvoice/server/public_handlers.hpp"

#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::server {

Poco::JSON::Object::Ptr courtNameJson(const surveys::Court& court, const std::optional<std::string>& lang) {
  auto object = makeObject();
  object->set("code", court.code);
  if (lang) {
    object->set("name", surveys::pick(court.name, *lang));
  } else {
    auto names = makeObject();
    for (const auto& [language, name] : court.name) names->set(language, name);
    object->set("name", names);
  }
  return object;
}

void HealthHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response, const PathParams&) {
  bool ok = false;
  try {
    ok = databaseOk_();
  } catch (const std::exception&) {
    ok = false;  // an unreachable database is the answer here, not a failure of the check
  }
  auto body = makeObject();
  body->set("status", ok ? "ok" : "unavailable");
  body->set("database", ok ? "ok" : "unavailable");
  sendJson(response, ok ? 200 : 503, toJson(body));
}

void ReadyHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response, const PathParams&) {
  bool databaseOk = false;
  try {
    databaseOk = probes_.databaseOk();
  } catch (const std::exception&) {
    databaseOk = false;
  }
  std::string migrations = "unknown";  // cannot be read without the database
  std::vector<std::string> pending;
  if (databaseOk) {
    try {
      pending = probes_.pendingMigrations();
      migrations = pending.empty() ? "current" : "pending";
    } catch (const std::exception&) {
      migrations = "unknown";
    }
  }
  const bool ready = databaseOk && migrations == "current";
  auto body = makeObject();
  body->set("status", ready ? "ready" : "not_ready");
  body->set("database", databaseOk ? "ok" : "unavailable");
  body->set("migrations", migrations);
  if (!pending.empty()) {
    auto names = makeArray();
    for (const auto& name : pending) names->add(name);
    body->set("pending_migrations", names);
  }
  body->set("results_engine", "ready");
  body->set("responses", probes_.engineResponses());
  sendJson(response, ready ? 200 : 503, toJson(body));
}

void GetSurveyHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                              const PathParams& params) {
  const auto lang = languageParam(queryParams(request));
  const auto def = service_.publishedDefinition(params.at("id"));
  const std::string body = surveys::definitionToJson(def, lang);
  // A kiosk keeps the definition and asks again with If-None-Match (a 304 costs no transfer).
  response.set("Cache-Control", "no-store");
  if (answeredNotModified(request, response, body)) return;
  sendJson(response, 200, body);
}

void ListCourtsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                               const PathParams&) {
  const auto lang = languageParam(queryParams(request));
  auto list = makeArray();
  for (const auto& court : service_.activeCourts()) {
    auto object = courtNameJson(court, lang);
    object->set("region", court.region);
    object->set("region_name", surveys::regionName(court.region, lang.value_or("ru")));
    object->set("level", court.level);
    list->add(object);
  }
  sendJson(response, 200, toJson(list));
}

void ListRegionsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                const PathParams&) {
  const auto lang = languageParam(queryParams(request));
  auto list = makeArray();
  for (const surveys::Region& region : surveys::kazakhstanRegions()) {
    auto object = makeObject();
    object->set("code", region.code);
    if (lang) {
      object->set("name", surveys::pick(region.name, *lang));
    } else {
      auto names = makeObject();
      for (const auto& [code, text] : region.name) names->set(code, text);
      object->set("name", names);
    }
    list->add(object);
  }
  sendJson(response, 200, toJson(list));
}

void SubmitResponseHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                   const PathParams& params) {
  const std::string body = readJsonBody(request, maxBodyBytes_);
  surveys::SubmitResult result;
  try {
    result = service_.submit(params.at("id"), body);
  } catch (const surveys::DomainError& error) {
    // Busy, timed out or database away: nothing is wrong with the response, so tell the client
    // when to resend it (same submission_id). The router renders the error body.
    if (error.kind() == surveys::ErrorKind::Unavailable) response.set("Retry-After", "1");
    throw;
  }
  auto reply = makeObject();
  reply->set("response_id", result.responseId);
  reply->set("status", result.created ? "created" : "duplicate");
  sendJson(response, result.created ? 201 : 200, toJson(reply));
}

}  // namespace courtvoice::server
