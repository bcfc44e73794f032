#pragma once
// The court league table (GET /api/v1/admin/surveys/{id}/league): filters -> court summaries of
// three periods and the national summary from the results engine -> analytics::buildLeague ->
// JSON or CSV. Knows nothing of HTTP.
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/league.hpp"
#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

struct LeagueRequest : ReportFilters {
  std::optional<std::string> period;  ///< "YYYY-Qn"; neither it nor from/to: the latest complete quarter
  std::string sort = "code";          ///< code, name, region, n, favourable or an index id
  bool descending = false;            ///< sort given as "-key"
};

/// Checks raw query values (besides those of makeReportFilters and addScopeFilters): "period"
/// must be YYYY-Qn and not come with from/to; from and to come together; "sort" is
/// [-]key (the key is checked against the survey later). Throws DomainError(Invalid) naming the field.
LeagueRequest makeLeagueRequest(ReportFilters filters, const std::optional<std::string>& period,
                                const std::optional<std::string>& sort);

class LeagueService {
 public:
  LeagueService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine, surveys::CourtStore& courts,
                const surveys::Clock& clock);

  /// The league table as JSON (docs/api.md, "League table"). Throws NotFound for an unknown
  /// survey, Invalid "not_allowed" (field "id") for a survey not reported by court, Invalid
  /// "invalid_sort" (field "sort") for a sort key the survey does not have.
  std::string leagueJson(const std::string& surveyId, const LeagueRequest& request);
  /// The same as CSV in `style` (one line per court).
  std::string leagueCsv(const std::string& surveyId, const LeagueRequest& request, const CsvStyle& style);

 private:
  struct Built;
  Built build(const std::string& surveyId, const LeagueRequest& request);

  surveys::SurveyStore& surveys_;
  analytics::ResultsEngine& engine_;
  surveys::CourtStore& courts_;
  const surveys::Clock& clock_;
};

}  // namespace courtvoice::server
