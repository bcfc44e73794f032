#include "courtvoice/server/submission_service.hpp"

#include <algorithm>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/response_validation.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

SubmissionService::SubmissionService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                                     surveys::CourtStore& courts, const surveys::Clock& clock,
                                     surveys::ResponseLimits limits)
    : surveys_(surveys), responses_(responses), courts_(courts), clock_(clock), limits_(limits) {}

surveys::SurveyDefinition SubmissionService::publishedDefinition(const std::string& surveyId) {
  if (auto published = surveys_.findPublished(surveyId)) return std::move(*published);
  if (surveys_.findLatest(surveyId)) {
    throw DomainError(ErrorKind::Conflict, "survey_not_accepting", "survey " + surveyId + " is not accepting responses",
                      "");
  }
  throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
}

std::vector<surveys::Court> SubmissionService::activeCourts() {
  std::vector<surveys::Court> courts = courts_.list();
  std::erase_if(courts, [](const surveys::Court& court) { return !court.active; });
  std::sort(courts.begin(), courts.end(), [](const auto& a, const auto& b) { return a.code < b.code; });
  return courts;
}

surveys::SubmitResult SubmissionService::submit(const std::string& surveyId, const std::string& body) {
  const surveys::SurveyDefinition def = publishedDefinition(surveyId);
  surveys::Response response = surveys::parseResponse(body, def, limits_, /*allowDate=*/false);

  // A page loaded before a new version was published must reload rather than answer old items.
  if (response.version != 0 && response.version != def.version) {
    throw DomainError(ErrorKind::Conflict, "version_not_published",
                      "version " + std::to_string(response.version) + " is not the published version " +
                          std::to_string(def.version),
                      "version");
  }
  response.surveyId = def.id;
  response.version = def.version;

  std::vector<surveys::ValidationError> errors;
  const auto court = courts_.find(response.courtCode);
  if (!court || !court->active) {
    errors.push_back({"unknown_court", "no active court " + response.courtCode, "court"});
  }
  for (auto& error : surveys::validateResponse(def, response)) errors.push_back(std::move(error));
  if (!errors.empty()) throw DomainError(std::move(errors));

  // The day only, in UTC: never the time, never anything about the respondent.
  response.givenOn = clock_.today();
  return responses_.submit(response);
}

}  // namespace courtvoice::server
