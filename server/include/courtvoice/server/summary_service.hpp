#pragma once
// Summaries and trends for the strategy team: filters -> analytics::summarize / analytics::trend
// -> JSON with the texts of the items in the requested language. Knows nothing of HTTP.
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

/// The filters every report takes, already split and checked.
struct ReportFilters {
  std::vector<std::string> courts;
  std::vector<std::string> regions;
  std::optional<surveys::Date> from;
  std::optional<surveys::Date> to;
  std::string lang = "ru";
};

/// GET /api/v1/admin/surveys/{id}/summary.
struct SummaryRequest : ReportFilters {
  analytics::GroupBy groupBy = analytics::GroupBy::None;
};

/// GET /api/v1/admin/surveys/{id}/trend.
struct TrendRequest : ReportFilters {
  analytics::Period period = analytics::Period::Quarter;
};

/// Checks raw query values; throws DomainError(Invalid) naming "from", "to" or "lang".
ReportFilters makeReportFilters(std::vector<std::string> courts, std::vector<std::string> regions,
                                const std::optional<std::string>& from, const std::optional<std::string>& to,
                                const std::optional<std::string>& lang);

/// Builds a SummaryRequest from raw query values; throws DomainError(Invalid) naming "from",
/// "to", "group" or "lang".
SummaryRequest makeSummaryRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                                  const std::optional<std::string>& from, const std::optional<std::string>& to,
                                  const std::optional<std::string>& group, const std::optional<std::string>& lang);

/// The same for a trend: "period" is month, quarter or year (default quarter).
TrendRequest makeTrendRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                              const std::optional<std::string>& from, const std::optional<std::string>& to,
                              const std::optional<std::string>& period, const std::optional<std::string>& lang);

class SummaryService {
 public:
  SummaryService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses, surveys::CourtStore& courts);

  /// The summary as JSON (format in docs/api.md). The definition used is the published version,
  /// else the newest one that was ever published, else the newest. Throws NotFound for an
  /// unknown survey.
  std::string summaryJson(const std::string& surveyId, const SummaryRequest& request);

  /// The trend across every version that can have responses (published, closed, archived) as
  /// JSON (format in docs/api.md). Throws NotFound for an unknown survey or one with drafts only,
  /// Invalid "too_many_periods" (field "period") for a span of more than 600 periods.
  std::string trendJson(const std::string& surveyId, const TrendRequest& request);

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
