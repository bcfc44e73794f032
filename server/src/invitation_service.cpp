#include "courtvoice/server/invitation_service.hpp"

#include <Poco/JSON/Object.h>

#include <algorithm>

#include "courtvoice/server/catalog_cache.hpp"
#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/invitation_code.hpp"
#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

constexpr const char* kCodeField = "invitation_code";

bool inScope(const surveys::InvitationScope& scope, const surveys::Court& court) {
  return scope.court.empty() ? court.region == scope.region : court.code == scope.court;
}

DomainError surveyNotFound(const std::string& surveyId) {
  return DomainError(ErrorKind::NotFound, "survey_not_found", "there is no survey '" + surveyId + "'", "");
}

// A string member of the body, if present; wrong_type otherwise.
std::optional<std::string> stringMember(const Poco::JSON::Object& body, const std::string& key) {
  if (!body.has(key)) return std::nullopt;
  const auto value = body.get(key);
  if (!value.isString()) throw DomainError(ErrorKind::Invalid, "wrong_type", key + " must be a string", key);
  return value.extract<std::string>();
}

void refuseUnknownKeys(const Poco::JSON::Object& body, const std::vector<std::string>& known) {
  std::vector<std::string> names;
  body.getNames(names);
  for (const auto& name : names) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw DomainError(ErrorKind::Invalid, "unknown_field", "unknown field '" + name + "'", name);
    }
  }
}

}  // namespace

DomainError invitationUnknown() {
  return DomainError(ErrorKind::Forbidden, "invitation_unknown",
                     "this invitation code does not open this survey for this court", kCodeField);
}

DomainError invitationRequired() {
  return DomainError(ErrorKind::Invalid, "invitation_required", "this survey is answered with an invitation code",
                     kCodeField);
}

InvitationService::InvitationService(surveys::SurveyStore& surveys, surveys::CourtStore& courts,
                                     surveys::InvitationStore& invitations, const surveys::Clock& clock,
                                     std::string publicBaseUrl)
    : surveys_(surveys),
      courts_(courts),
      invitations_(invitations),
      clock_(clock),
      publicBaseUrl_(std::move(publicBaseUrl)) {}

surveys::CreatedInvitations InvitationService::create(const std::string& surveyId, const std::string& body) {
  const auto object = parseJsonObject(body);
  refuseUnknownKeys(*object, {"court", "region", "count", "expires_on"});
  surveys::InvitationScope scope;
  scope.court = stringMember(*object, "court").value_or("");
  scope.region = stringMember(*object, "region").value_or("");
  if (!object->has("count")) throw DomainError(ErrorKind::Invalid, "missing_field", "count is required", "count");
  const auto count = object->get("count");
  if (!count.isInteger()) {
    throw DomainError(ErrorKind::Invalid, "wrong_type", "count must be a whole number", "count");
  }
  const auto expires = stringMember(*object, "expires_on");
  if (!expires) throw DomainError(ErrorKind::Invalid, "missing_field", "expires_on is required", "expires_on");
  const auto expiresOn = surveys::Date::parse(*expires);
  if (!expiresOn) {
    throw DomainError(ErrorKind::Invalid, "invalid_date", "expires_on must be an existing day written YYYY-MM-DD",
                      "expires_on");
  }
  // Clamped into int's range; the range check with its error is the other overload's.
  const long long n = std::clamp(count.convert<long long>(), 0LL, static_cast<long long>(kMaxInvitationsPerBatch) + 1);
  return create(surveyId, scope, static_cast<int>(n), *expiresOn);
}

surveys::CreatedInvitations InvitationService::create(const std::string& surveyId,
                                                      const surveys::InvitationScope& scope, int count,
                                                      const surveys::Date& expiresOn) {
  const auto latest = surveys_.findLatest(surveyId);
  if (!latest) throw surveyNotFound(surveyId);
  if (latest->audience == surveys::Audience::Citizen) {
    throw DomainError(ErrorKind::Conflict, "invitations_not_used",
                      "survey '" + surveyId + "' is open to everyone; invitations are for staff and judge surveys", "");
  }
  if (scope.court.empty() == scope.region.empty()) {
    if (scope.court.empty()) throw DomainError(ErrorKind::Invalid, "missing_field", "give a court or a region", "court");
    throw DomainError(ErrorKind::Invalid, "not_allowed", "give a court or a region, not both", "region");
  }
  if (!scope.court.empty()) {
    const auto court = courts_.find(scope.court);
    if (!court || !court->active) {
      throw DomainError(ErrorKind::Invalid, "unknown_court", "court '" + scope.court + "' is not an active court of the registry",
                        "court");
    }
  } else if (!isRegion(scope.region)) {
    throw DomainError(ErrorKind::Invalid, "invalid_region", "region '" + scope.region + "' is not a region code",
                      "region");
  }
  if (count > kMaxInvitationsPerBatch) {
    throw DomainError(ErrorKind::TooLarge, "too_many",
                      "at most " + std::to_string(kMaxInvitationsPerBatch) + " codes a batch", "count");
  }
  if (count < 1) throw DomainError(ErrorKind::Invalid, "out_of_range", "count must be 1 or more", "count");
  const surveys::Date today = clock_.today();
  if (!(today < expiresOn)) {
    throw DomainError(ErrorKind::Invalid, "out_of_range", "expires_on must be a day after today (UTC)", "expires_on");
  }
  return invitations_.createBatch({surveyId, scope, count, expiresOn, today});
}

std::vector<surveys::InvitationBatch> InvitationService::list(const std::string& surveyId) {
  if (!surveys_.findLatest(surveyId)) throw surveyNotFound(surveyId);
  return invitations_.listBatches(surveyId, clock_.today());
}

surveys::SurveyDefinition InvitationService::published(const std::string& surveyId) {
  if (auto def = surveys_.findPublished(surveyId)) return *def;
  if (!isPublicSurvey(surveys_.listVersions(surveyId))) throw surveyNotFound(surveyId);
  throw surveyNotAccepting(surveyId);
}

std::vector<surveys::Court> InvitationService::courtsIn(const surveys::InvitationScope& scope) {
  std::vector<surveys::Court> courts;
  for (auto& court : courts_.list()) {
    if (court.active && inScope(scope, court)) courts.push_back(std::move(court));
  }
  return courts;
}

InvitationOpening InvitationService::check(const std::string& surveyId, const std::string& body) {
  const auto def = published(surveyId);
  const auto object = parseJsonObject(body);
  refuseUnknownKeys(*object, {kCodeField});
  const auto code = stringMember(*object, kCodeField);
  if (def.audience == surveys::Audience::Citizen) {
    throw DomainError(ErrorKind::Invalid, "invitation_not_used",
                      "this survey is open to everyone and takes no invitation code", kCodeField);
  }
  if (!code) throw invitationRequired();
  const auto normalised = surveys::normaliseInvitationCode(*code);
  if (!normalised) {
    throw DomainError(ErrorKind::Invalid, "invitation_malformed",
                      "an invitation code is 16 of the symbols 2-9 and A-Z without I and O, e.g. K7QM-X2PD-9TRH-WC4N",
                      kCodeField);
  }
  const auto found = invitations_.check(surveyId, surveys::hashInvitationCode(*normalised), clock_.today());
  switch (found.status) {
    case surveys::InvitationStatus::Unknown: throw invitationUnknown();
    case surveys::InvitationStatus::Spent:
      throw DomainError(ErrorKind::Conflict, "invitation_spent", "this invitation code has been used already",
                        kCodeField);
    case surveys::InvitationStatus::Expired:
      throw DomainError(ErrorKind::Conflict, "invitation_expired", "this invitation code has expired", kCodeField);
    case surveys::InvitationStatus::Valid: break;
  }
  return {found.scope, courtsIn(found.scope), found.expiresOn};
}

void InvitationService::requireKnown(const std::string& surveyId, const std::string& codeHash,
                                     const std::string& court) {
  const auto found = invitations_.check(surveyId, codeHash, clock_.today());
  if (found.status == surveys::InvitationStatus::Unknown) throw invitationUnknown();
  const auto registered = courts_.find(court);
  if (!registered || !inScope(found.scope, *registered)) throw invitationUnknown();
}

std::string InvitationService::scopeLabel(const surveys::InvitationScope& scope) {
  if (scope.court.empty()) return scope.region;
  const auto court = courts_.find(scope.court);
  return court ? scope.court + " · " + surveys::pick(court->name, "ru") : scope.court;
}

SlipSheet InvitationService::emptySheet(const std::string& surveyId) {
  const auto latest = surveys_.findLatest(surveyId);
  if (!latest) throw surveyNotFound(surveyId);
  return {surveyId, latest->title, publicBaseUrl_, {}};
}

SlipSheet InvitationService::slipSheet(const surveys::CreatedInvitations& created) {
  SlipSheet sheet = emptySheet(created.batch.surveyId);
  const std::string scope = scopeLabel(created.batch.scope);
  for (const auto& code : created.codes) sheet.slips.push_back({code, scope});
  return sheet;
}

SlipSheet InvitationService::slipSheet(const std::string& surveyId, const std::vector<std::string>& codes) {
  SlipSheet sheet = emptySheet(surveyId);
  if (codes.size() > static_cast<std::size_t>(kMaxInvitationsPerBatch)) {
    throw DomainError(ErrorKind::Invalid, "too_many",
                      "at most " + std::to_string(kMaxInvitationsPerBatch) + " codes a sheet", "codes");
  }
  const surveys::Date today = clock_.today();
  for (std::size_t i = 0; i < codes.size(); ++i) {
    const std::string field = "codes[" + std::to_string(i) + "]";
    const auto normalised = surveys::normaliseInvitationCode(codes[i]);
    if (!normalised) throw DomainError(ErrorKind::Invalid, "invitation_malformed", "not an invitation code", field);
    const auto found = invitations_.check(surveyId, surveys::hashInvitationCode(*normalised), today);
    if (found.status == surveys::InvitationStatus::Unknown) {
      throw DomainError(ErrorKind::Forbidden, "invitation_unknown", "not a code of this survey", field);
    }
    sheet.slips.push_back({*normalised, scopeLabel(found.scope)});
  }
  return sheet;
}

std::string InvitationService::csv(const surveys::CreatedInvitations& created) const {
  return invitationsCsv(publicBaseUrl_, created.batch.surveyId, created.codes);
}

}  // namespace courtvoice::server
