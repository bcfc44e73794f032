#pragma once
// Summaries for the strategy team: filters -> analytics::summarize -> JSON with the texts of the
// items in the requested language. Knows nothing of HTTP.
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

/// The filters of GET /api/v1/admin/surveys/{id}/summary, already split and checked.
struct SummaryRequest {
  std::vector<std::string> courts;
  std::vector<std::string> regions;
  std::optional<surveys::Date> from;
  std::optional<surveys::Date> to;
  analytics::GroupBy groupBy = analytics::GroupBy::None;
  std::string lang = "ru";
};

/// Builds a SummaryRequest from raw query values; throws DomainError(Invalid) naming "from",
/// "to", "group" or "lang".
SummaryRequest makeSummaryRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                                  const std::optional<std::string>& from, const std::optional<std::string>& to,
                                  const std::optional<std::string>& group, const std::optional<std::string>& lang);

class SummaryService {
 public:
  SummaryService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses, surveys::CourtStore& courts);

  /// The summary as JSON (format in docs/api.md). The definition used is the published version,
  /// else the newest one that was ever published, else the newest. Throws NotFound for an
  /// unknown survey.
  std::string summaryJson(const std::string& surveyId, const SummaryRequest& request);

 private:
  surveys::SurveyStore& surveys_;
  surveys::ResponseStore& responses_;
  surveys::CourtStore& courts_;
};

/// Renders a summary with the definition's texts in `lang`; court groups get the court's name as
/// "label" when `courts` knows it. Suppressed groups carry only key, label and suppressed.
std::string summaryToJson(const analytics::SurveySummary& summary, const surveys::SurveyDefinition& def,
                          const SummaryRequest& request, const std::vector<surveys::Court>& courts);

}  // namespace courtvoice::server
