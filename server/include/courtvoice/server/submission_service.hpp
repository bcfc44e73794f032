#pragma once
// Accepting one response from a respondent. Knows nothing of HTTP.
#include <memory>
#include <string>
#include <vector>

#include "courtvoice/server/catalog_cache.hpp"
#include "courtvoice/server/group_committer.hpp"
#include "courtvoice/server/invitation_service.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

class SubmissionService {
 public:
  /// Checks submissions against `catalog` (no database read) and stores them through
  /// `committer` (group commit), or one at a time in `responses` when there is no committer.
  SubmissionService(CatalogCache& catalog, surveys::ResponseStore& responses, const surveys::Clock& clock,
                    surveys::ResponseLimits limits = {}, GroupCommitter* committer = nullptr,
                    InvitationService* invitations = nullptr);
  /// Straight on the stores: a catalog of its own that reads the change stamps on every call
  /// (always current) and one transaction per response. For tests and tools.
  SubmissionService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses, surveys::CourtStore& courts,
                    const surveys::Clock& clock, surveys::ResponseLimits limits = {},
                    InvitationService* invitations = nullptr);

  /// The version accepting responses: NotFound "survey_not_found" when the survey does not exist,
  /// Conflict "survey_not_accepting" when none is published.
  surveys::SurveyDefinition publishedDefinition(const std::string& surveyId);

  /// Active courts, by code (the kiosk set-up and the survey page list them).
  std::vector<surveys::Court> activeCourts();

  /// Finds the published version (NotFound "survey_not_found" / Conflict "survey_not_accepting"),
  /// parses and validates the body against it (Invalid with every problem; Conflict
  /// "version_not_published" when the body names another version), checks the court is active,
  /// records the date and stores the response. Returns only after the store committed.
  /// Staff and judge surveys: the body must carry an invitation code (Invalid
  /// "invitation_required"), one of the survey's whose scope holds the court (Forbidden
  /// "invitation_unknown", checked here when an InvitationService is given); the store spends it
  /// (Conflict "invitation_spent" / "invitation_expired" after its duplicate check). Their
  /// responses are dated the first day of the month, citizens' the day.
  surveys::SubmitResult submit(const std::string& surveyId, const std::string& body);

 private:
  std::unique_ptr<SteadyClock> ownClock_;      // only with the second constructor
  std::unique_ptr<CatalogCache> ownCatalog_;   // only with the second constructor
  CatalogCache& catalog_;
  surveys::ResponseStore& responses_;
  const surveys::Clock& clock_;
  surveys::ResponseLimits limits_;
  GroupCommitter* committer_;
  InvitationService* invitations_;
};

}  // namespace courtvoice::server
