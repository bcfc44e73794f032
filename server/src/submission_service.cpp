#include "courtvoice/server/submission_service.hpp"

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/response_validation.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

SubmissionService::SubmissionService(CatalogCache& catalog, surveys::ResponseStore& responses,
                                     const surveys::Clock& clock, surveys::ResponseLimits limits,
                                     GroupCommitter* committer, InvitationService* invitations)
    : catalog_(catalog),
      responses_(responses),
      clock_(clock),
      limits_(limits),
      committer_(committer),
      invitations_(invitations) {}

SubmissionService::SubmissionService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                                     surveys::CourtStore& courts, const surveys::Clock& clock,
                                     surveys::ResponseLimits limits, InvitationService* invitations)
    : ownClock_(std::make_unique<SteadyClock>()),
      ownCatalog_(std::make_unique<CatalogCache>(surveys, courts, *ownClock_, std::chrono::milliseconds(0))),
      catalog_(*ownCatalog_),
      responses_(responses),
      clock_(clock),
      limits_(limits),
      committer_(nullptr),
      invitations_(invitations) {}

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
  const bool invited = def->audience != surveys::Audience::Citizen;
  if (invited && response.invitationHash.empty()) {
    const auto required = invitationRequired();
    errors.push_back({required.code(), required.what(), required.field()});
  }
  if (!errors.empty()) throw DomainError(std::move(errors));
  if (invited && invitations_ != nullptr) invitations_->requireKnown(def->id, response.invitationHash, response.courtCode);

  // The day only, in UTC: never the time, never anything about the respondent. Staff and judges
  // are few per court: the month only, so that a day cannot single one of them out.
  response.givenOn = clock_.today();
  if (invited) response.givenOn.day = 1;
  if (committer_ != nullptr) return committer_->submit(std::move(response));
  return responses_.submit(response);
}

}  // namespace courtvoice::server
