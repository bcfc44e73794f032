#pragma once
// Invitation codes for staff and judge surveys (docs/api.md, "Invitations"): making batches,
// listing their counts, and telling a respondent's page what a code opens. Knows nothing of HTTP.
// Codes are spent by the ResponseStore when the response is stored (one transaction).
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/server/invitation_slips.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

inline constexpr int kMaxInvitationsPerBatch = 5000;

/// What a valid code opens.
struct InvitationOpening {
  surveys::InvitationScope scope;
  std::vector<surveys::Court> courts;  ///< the active courts a response may name with it, by code
  surveys::Date expiresOn;
};

class InvitationService {
 public:
  InvitationService(surveys::SurveyStore& surveys, surveys::CourtStore& courts, surveys::InvitationStore& invitations,
                    const surveys::Clock& clock, std::string publicBaseUrl);

  /// Body {"court": "AST-ESL"} or {"region": "astana"}, plus "count" (1..5000) and "expires_on"
  /// (a day after today). Throws NotFound "survey_not_found", Conflict "invitations_not_used" for
  /// a citizen survey, Invalid (missing_field, not_allowed, wrong_type, unknown_field,
  /// unknown_court, invalid_region, out_of_range, invalid_date) and TooLarge "too_many" (count).
  surveys::CreatedInvitations create(const std::string& surveyId, const std::string& body);
  /// The same with parsed values (the admin tool).
  surveys::CreatedInvitations create(const std::string& surveyId, const surveys::InvitationScope& scope, int count,
                                     const surveys::Date& expiresOn);
  /// The survey's batches with issued, spent and expired counts. NotFound "survey_not_found".
  std::vector<surveys::InvitationBatch> list(const std::string& surveyId);

  /// Body {"invitation_code": "..."} for the survey accepting responses now. Throws the survey's
  /// NotFound / Conflict, then the contract's invitation errors (field "invitation_code"):
  /// Invalid invitation_not_used / invitation_required / invitation_malformed, Forbidden
  /// invitation_unknown, Conflict invitation_spent / invitation_expired.
  InvitationOpening check(const std::string& surveyId, const std::string& body);

  /// Forbidden "invitation_unknown" unless the code (by hash) is one of the survey's and `court`
  /// lies inside its scope; spent and expired codes pass (the store decides those after its
  /// duplicate check, so that a resent response is still answered "duplicate").
  void requireKnown(const std::string& surveyId, const std::string& codeHash, const std::string& court);

  /// The slip sheet of a batch just made.
  SlipSheet slipSheet(const surveys::CreatedInvitations& created);
  /// The slip sheet of codes the caller holds (e.g. a page that made a batch): each must be a
  /// code of the survey, spent or not (Invalid "invitation_malformed" / Forbidden
  /// "invitation_unknown", field "codes[i]"); Invalid "too_many" beyond 5000 codes.
  SlipSheet slipSheet(const std::string& surveyId, const std::vector<std::string>& codes);
  /// The CSV (code,link) of a batch just made.
  std::string csv(const surveys::CreatedInvitations& created) const;
  const std::string& publicBaseUrl() const { return publicBaseUrl_; }

 private:
  surveys::SurveyDefinition published(const std::string& surveyId);
  std::vector<surveys::Court> courtsIn(const surveys::InvitationScope& scope);
  std::string scopeLabel(const surveys::InvitationScope& scope);
  SlipSheet emptySheet(const std::string& surveyId);

  surveys::SurveyStore& surveys_;
  surveys::CourtStore& courts_;
  surveys::InvitationStore& invitations_;
  const surveys::Clock& clock_;
  std::string publicBaseUrl_;
};

/// The errors of the contract, one wording each.
surveys::DomainError invitationUnknown();
surveys::DomainError invitationRequired();

}  // namespace courtvoice::server
