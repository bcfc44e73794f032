#include "courtvoice/server/invitation_handlers.hpp"

#include <Poco/JSON/Array.h>
#include <Poco/JSON/Object.h>

#include "courtvoice/server/forwarded_origin.hpp"
#include "courtvoice/server/http_util.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/reply_gate.hpp"
#include "courtvoice/server/public_handlers.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/invitation_code.hpp"
#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

Poco::Dynamic::Var nullable(const std::string& value) {
  return value.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(value);
}

Poco::JSON::Object::Ptr batchObject(const surveys::InvitationBatch& batch) {
  auto object = makeObject();
  object->set("batch_id", batch.id);
  object->set("survey_id", batch.surveyId);
  object->set("court", nullable(batch.scope.court));
  object->set("region", nullable(batch.scope.region));
  object->set("expires_on", batch.expiresOn.toString());
  object->set("created_month", batch.createdMonth);
  object->set("issued", batch.issued);
  object->set("spent", batch.spent);
  object->set("expired", batch.expired);
  return object;
}

}  // namespace

std::string invitationBatchJson(const surveys::InvitationBatch& batch) { return toJson(batchObject(batch)); }

void InvitationCheckHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                    const PathParams& params) {
  const auto lang = languageParam(queryParams(request));
  const std::string body = readJsonBody(request, maxBodyBytes_);
  const InvitationOpening opening = service_.check(params.at("id"), body);
  auto reply = makeObject();
  reply->set("status", "valid");
  reply->set("court", nullable(opening.scope.court));
  reply->set("region", nullable(opening.scope.region));
  auto courts = makeArray();
  for (const auto& court : opening.courts) courts->add(courtNameJson(court, lang));
  reply->set("courts", courts);
  reply->set("expires_on", opening.expiresOn.toString());
  sendJson(response, 200, toJson(reply));
}

void CreateInvitationsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                      const PathParams& params) {
  const std::string body = readJsonBody(request, maxBodyBytes_);
  const auto created = service_.create(params.at("id"), body);
  auto reply = makeObject();
  reply->set("batch", batchObject(created.batch));
  const std::string base = linkBaseFor(request, trustedProxies_, service_.publicBaseUrl());
  auto codes = makeArray();
  for (const auto& code : created.codes) {
    auto object = makeObject();
    object->set("code", surveys::formatInvitationCode(code));
    object->set("link", invitationLink(base, created.batch.surveyId, code));
    codes->add(object);
  }
  reply->set("codes", codes);
  sendJson(response, 201, toJson(reply));
}

void ListInvitationsHandler::handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse& response,
                                    const PathParams& params) {
  const std::string& surveyId = params.at("id");
  auto batches = makeArray();
  for (const auto& batch : service_.list(surveyId)) batches->add(batchObject(batch));
  auto reply = makeObject();
  reply->set("survey_id", surveyId);
  reply->set("batches", batches);
  sendJson(response, 200, toJson(reply));
}

void InvitationSlipsHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                                    const PathParams&) {
  const auto object = parseJsonObject(readJsonBody(request, maxBodyBytes_));
  if (!object->has("survey") || !object->get("survey").isString()) {
    throw DomainError(ErrorKind::Invalid, "missing_field", "survey (a survey id) is required", "survey");
  }
  const auto codesValue = object->get("codes");
  if (codesValue.type() != typeid(Poco::JSON::Array::Ptr)) {
    throw DomainError(ErrorKind::Invalid, "missing_field", "codes (an array of codes) is required", "codes");
  }
  std::vector<std::string> codes;
  const auto array = codesValue.extract<Poco::JSON::Array::Ptr>();
  for (std::size_t i = 0; i < array->size(); ++i) {
    const auto value = array->get(static_cast<unsigned>(i));
    if (!value.isString()) {
      throw DomainError(ErrorKind::Invalid, "wrong_type", "each code must be a string", "codes[" + std::to_string(i) + "]");
    }
    codes.push_back(value.extract<std::string>());
  }
  SlipSheet sheet = service_.slipSheet(object->get("survey").extract<std::string>(), codes);
  sheet.publicBaseUrl = linkBaseFor(request, trustedProxies_, sheet.publicBaseUrl);
  const std::string html = renderSlipSheet(sheet);
  passReplyGate(200);
  response.setStatusAndReason(Poco::Net::HTTPResponse::HTTP_OK);
  response.setContentType("text/html; charset=utf-8");
  response.set("Cache-Control", "no-store");
  response.set("Content-Disposition", "attachment; filename=\"invitation-slips.html\"");
  // The sheet is a standalone file with its CSS inside and no script.
  response.set("Content-Security-Policy",
               "default-src 'none'; style-src 'unsafe-inline'; base-uri 'none'; frame-ancestors 'none'");
  sendBody(response, html);
}

}  // namespace courtvoice::server
