#pragma once
// What every report of one survey reads: the definition whose items and texts it shows, and the
// report_by_court rule (no court groups or filters for a survey not reported by court).
#include <optional>
#include <string>

#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

/// The published version, else the newest one that was ever published, else the newest; with
/// reportByCourt false when any version respondents could answer says so (they were told their
/// answers would never be shown per court). nullopt for an unknown survey.
std::optional<surveys::SurveyDefinition> findReportDefinition(surveys::SurveyStore& store, const std::string& surveyId);

/// The same; throws NotFound "survey_not_found" for an unknown survey.
surveys::SurveyDefinition reportDefinition(surveys::SurveyStore& store, const std::string& surveyId);

/// False when `def` or any version respondents could answer has report_by_court false.
bool reportedByCourt(surveys::SurveyStore& store, const surveys::SurveyDefinition& def);

/// For a survey that is not reported by court (this version or any version respondents could
/// answer): throws Invalid "not_allowed" for court groups (field `groupField`, when
/// `groupsByCourt`) or a court filter (field "court"), and sets def.reportByCourt to false so that
/// groups from fewer than two courts are suppressed.
void applyCourtReporting(surveys::SurveyStore& store, surveys::SurveyDefinition& def, const ReportFilters& filters,
                         bool groupsByCourt, const std::string& groupField = "group");

}  // namespace courtvoice::server
