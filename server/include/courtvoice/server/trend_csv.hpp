#pragma once
// The CSV of GET /api/v1/admin/surveys/{id}/trend?format=csv (docs/api.md, "Trend CSV"): every
// series (items and indices), one row per series and period, with its changes.
#include <string>
#include <vector>

#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

/// The whole file: the byte order mark, a header and the rows, lines ended as `style` says
/// (callers pass csvStyleFor's style with "\r\n"). Suppressed points carry no figures.
std::string trendToCsv(const analytics::TrendReport& report, const std::vector<surveys::SurveyDefinition>& definitions,
                       const TrendRequest& request, const CsvStyle& style);

/// The file name the download is offered under: "trend-<survey>-<period>.csv".
std::string trendCsvFileName(const std::string& surveyId, analytics::Period period);

}  // namespace courtvoice::server
