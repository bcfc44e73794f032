#pragma once
// Summaries and trends for the strategy team: filters -> the results engine -> JSON with the texts of the items in the requested language. Knows nothing of HTTP.
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/results_engine.hpp"
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
  std::vector<std::string> levels;  ///< court levels ("district", "regional", ...)
  std::vector<int> versions;        ///< survey versions the responses were given to
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

/// Adds the court-level and survey-version filters (query "level" and "version", each
/// repeatable); throws DomainError(Invalid, "invalid_version", field "version") for a version
/// that is not a whole number from 1.
void addScopeFilters(ReportFilters& filters, std::vector<std::string> levels, const std::vector<std::string>& versions);

/// Builds a SummaryRequest from raw query values; throws DomainError(Invalid) naming "from",
/// "to", "group" or "lang".
SummaryRequest makeSummaryRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                                  const std::optional<std::string>& from, const std::optional<std::string>& to,
                                  const std::optional<std::string>& group, const std::optional<std::string>& lang);

/// The same for a trend: "period" is month, quarter or year (default quarter).
TrendRequest makeTrendRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                              const std::optional<std::string>& from, const std::optional<std::string>& to,
                              const std::optional<std::string>& period, const std::optional<std::string>& lang);

/// The definition a report reads: the published version, else the newest one that was ever
/// published, else the newest; `reportByCourt` false when any version respondents could answer
/// says so. Throws NotFound "survey_not_found".
surveys::SurveyDefinition reportDefinition(surveys::SurveyStore& store, const std::string& surveyId);

/// For a survey not reported by court: throws Invalid "not_allowed" for group=court (field
/// "group") and for any court filter, even of several courts (field "court").
void refuseCourtReporting(const ReportFilters& request, analytics::GroupBy groupBy);

class SummaryService {
 public:
  /// Reports are answered by `engine` (which catches up with MySQL before each answer).
  SummaryService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine, surveys::CourtStore& courts);

  /// The summary as JSON (format in docs/api.md). The definition used is the published version,
  /// else the newest one that was ever published, else the newest. Throws NotFound for an
  /// unknown survey.
  std::string summaryJson(const std::string& surveyId, const SummaryRequest& request);

  /// The trend across every version that can have responses (published, closed, archived) as
  /// JSON (format in docs/api.md). Throws NotFound for an unknown survey or one with drafts only,
  /// Invalid "too_many_periods" (field "period") for a span of more than 600 periods.
  std::string trendJson(const std::string& surveyId, const TrendRequest& request);

  /// What the results engine holds, as JSON: {"responses", "sequence", "answer_bytes",
  /// "cell_bytes", "cells"} (after catching up with the database).
  std::string resultsStatusJson();
  /// Drops the engine's copy, reads everything again from the database and builds the cells of
  /// the current reports (as at start-up); the status JSON plus "milliseconds".
  std::string rebuildResultsJson();
  /// Builds the pre-aggregated cells of every survey's current summary and trend, so that the
  /// first dashboard click does not pay for them. Returns how many surveys were warmed.
  int warmUp();

 private:
  surveys::SurveyStore& surveys_;
  analytics::ResultsEngine& engine_;
  surveys::CourtStore& courts_;
};

/// Renders a summary with the definition's texts in `lang`; court groups get the court's name as
/// "label" when `courts` knows it. Suppressed groups carry only key, label and suppressed.
std::string summaryToJson(const analytics::SurveySummary& summary, const surveys::SurveyDefinition& def,
                          const SummaryRequest& request, const std::vector<surveys::Court>& courts);

}  // namespace courtvoice::server
