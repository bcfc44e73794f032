#include "courtvoice/server/submission_service.hpp"

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/response_validation.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

SubmissionService::SubmissionService(CatalogCache& catalog, surveys::ResponseStore& responses,
                                     const surveys::Clock& clock, surveys::ResponseLimits limits,
                                     GroupCommitter* committer)
    : catalog_(catalog), responses_(responses), clock_(clock), limits_(limits), committer_(committer) {}

SubmissionService::SubmissionService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                                     surveys::CourtStore& courts, const surveys::Clock& clock,
                                     surveys::ResponseLimits limits)
    : ownClock_(std::make_unique<SteadyClock>()),
      ownCatalog_(std::make_unique<CatalogCache>(surveys, courts, *ownClock_, std::chrono::milliseconds(0))),
      catalog_(*ownCatalog_),
      responses_(responses),
      clock_(clock),
      limits_(limits),
      committer_(nullptr) {}

surveys::SurveyDefinition SubmissionService::publishedDefinition(const std::string& surveyId) {
  return *catalog_.published(surveyId);
}

std::vector<surveys::Court> SubmissionService::activeCourts() { return catalog_.activeCourts(); }

surveys::SubmitResult SubmissionService::submit(const std::string& surveyId, const std::string& body) {
  const auto def = catalog_.published(surveyId);
  surveys::Response response = surveys::parseResponse(body, *def, limits_, /*allowDate=*/false);

  // A page loaded before a new version was published must reload rather than answer old items.
  if (response.version != 0 && response.version != def->version) throw versionNotPublished(response.version, def->version);
  response.surveyId = def->id;
  response.version = def->version;

  std::vector<surveys::ValidationError> errors;
  if (!catalog_.isActiveCourt(response.courtCode)) errors.push_back(unknownCourt(response.courtCode));
  for (auto& error : surveys::validateResponse(*def, response)) errors.push_back(std::move(error));
  if (!errors.empty()) throw DomainError(std::move(errors));

  // The day only, in UTC: never the time, never anything about the respondent.
  response.givenOn = clock_.today();
  if (committer_ != nullptr) return committer_->submit(std::move(response));
  return responses_.submit(response);
}

}  // namespace courtvoice::server
