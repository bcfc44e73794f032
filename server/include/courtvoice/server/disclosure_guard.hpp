#pragma once
// Statistical disclosure control at the query: refuses filters that could give a small group
// away by subtracting one published figure from another (docs/analytics.md, "Complementary
// suppression"). Every report endpoint calls it with its filters before it answers.
#include <vector>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

/// Throws DomainError(Invalid) naming the field ("from", "to", "court", "region", "level") when
/// the query's filters are not allowed by the rule; returns normally otherwise.
void checkDisclosure(analytics::ResultsEngine& engine, const surveys::SurveyDefinition& def,
                     const std::vector<surveys::Court>& courts, const ReportFilters& filters);

}  // namespace courtvoice::server
