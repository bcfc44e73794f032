#pragma once
// "Understanding why": reliability (Cronbach's alpha), drivers of the overall satisfaction and
// crossed breakdowns, as JSON or CSV (formats in docs/api.md). Knows nothing of HTTP.
#include <optional>
#include <string>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

/// GET /api/v1/admin/surveys/{id}/drivers: the report filters and the outcome item (default:
/// the survey's overall item, analytics::defaultOutcome).
struct DriversRequest : ReportFilters {
  std::optional<std::string> outcome;
};

/// GET /api/v1/admin/surveys/{id}/crossed: rows by `group`, columns by `by` (analytics::CrossKey names).
struct CrossedRequest : ReportFilters {
  std::string group;
  std::string by;
};

/// At most this many cells (rows x columns) in a crossed table: court by month over five years
/// fits; court by court-sized keys does not.
inline constexpr std::size_t kMaxCrossedCells = 3000;

class WhyService {
 public:
  WhyService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine, surveys::CourtStore& courts);

  std::string reliabilityJson(const std::string& surveyId, const ReportFilters& request);
  /// JSON, or CSV in `csv`'s style when given. Throws Invalid "invalid_outcome" (field "outcome").
  std::string drivers(const std::string& surveyId, const DriversRequest& request, const std::optional<CsvStyle>& csv);
  /// JSON, or CSV in `csv`'s style when given. Throws Invalid "invalid_group" / "invalid_by",
  /// "not_allowed" (a court key of a survey not reported by court), "too_many_cells" (field "by").
  std::string crossed(const std::string& surveyId, const CrossedRequest& request, const std::optional<CsvStyle>& csv);

 private:
  surveys::SurveyStore& surveys_;
  analytics::ResultsEngine& engine_;
  surveys::CourtStore& courts_;
};

}  // namespace courtvoice::server
