#pragma once
// The JSON of GET /api/v1/admin/surveys/{id}/trend (docs/api.md, "Trend JSON").
#include <string>
#include <vector>

#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

/// Renders the whole report with texts in request.lang; `definitions` are the versions it was
/// built from, oldest first (the title is the newest's). A suppressed period or point carries
/// only its period and "suppressed": true, never a number.
std::string trendToJson(const analytics::TrendReport& report, const std::vector<surveys::SurveyDefinition>& definitions,
                        const TrendRequest& request);

}  // namespace courtvoice::server
