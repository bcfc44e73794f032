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

/// Complementary suppression of a grouped summary (docs/analytics.md): where the suppressed groups
/// of a published total hold between 1 and min - 1 responses together, the smallest shown groups
/// are suppressed too. The totals: the filtered total; for court groups also each region, level
/// and region-level cell; for months each quarter and year; for quarters each year. `filters`
/// must be those the summary was made with.
void suppressComplementaryGroups(analytics::ResultsEngine& engine, const surveys::SurveyDefinition& def,
                                 const std::vector<surveys::Court>& courts, const ReportFilters& filters,
                                 analytics::SurveySummary& summary);

}  // namespace courtvoice::server
