#pragma once
// Accepting one response from a respondent. Knows nothing of HTTP.
#include <string>
#include <vector>

#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

class SubmissionService {
 public:
  SubmissionService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses, surveys::CourtStore& courts,
                    const surveys::Clock& clock, surveys::ResponseLimits limits = {});

  /// The version accepting responses: NotFound "survey_not_found" when the survey does not exist,
  /// Conflict "survey_not_accepting" when none is published.
  surveys::SurveyDefinition publishedDefinition(const std::string& surveyId);

  /// Active courts, by code (the kiosk set-up and the survey page list them).
  std::vector<surveys::Court> activeCourts();

  /// Finds the published version (NotFound "survey_not_found" / Conflict "survey_not_accepting"),
  /// parses and validates the body against it (Invalid with every problem; Conflict
  /// "version_not_published" when the body names another version), checks the court is active,
  /// records today's date and stores the response. Returns only after the store committed.
  surveys::SubmitResult submit(const std::string& surveyId, const std::string& body);

 private:
  surveys::SurveyStore& surveys_;
  surveys::ResponseStore& responses_;
  surveys::CourtStore& courts_;
  const surveys::Clock& clock_;
  surveys::ResponseLimits limits_;
};

}  // namespace courtvoice::server
