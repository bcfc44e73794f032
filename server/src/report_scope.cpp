#include "courtvoice/server/report_scope.hpp"

#include <algorithm>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

std::optional<surveys::SurveyDefinition> findReportDefinition(surveys::SurveyStore& store, const std::string& surveyId) {
  // The texts and items of the version people answer now, else of the last one they answered.
  std::optional<surveys::SurveyDefinition> def = store.findPublished(surveyId);
  if (!def) {
    int newestAnswered = 0;
    for (const auto& info : store.listVersions(surveyId)) {
      if (info.status != surveys::VersionStatus::Draft) newestAnswered = std::max(newestAnswered, info.version);
    }
    def = newestAnswered > 0 ? store.findVersion(surveyId, newestAnswered) : store.findLatest(surveyId);
  }
  if (def && !reportedByCourt(store, *def)) def->reportByCourt = false;
  return def;
}

surveys::SurveyDefinition reportDefinition(surveys::SurveyStore& store, const std::string& surveyId) {
  std::optional<surveys::SurveyDefinition> def = findReportDefinition(store, surveyId);
  if (!def) throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
  return *def;
}

bool reportedByCourt(surveys::SurveyStore& store, const surveys::SurveyDefinition& def) {
  // Respondents of any version were told their answers would never be shown per court.
  const auto versions = surveys::loadAllVersions(store, def.id, /*withDrafts=*/false);
  return def.reportByCourt && std::all_of(versions.begin(), versions.end(), [](const auto& version) {
           return version.reportByCourt;
         });
}

void applyCourtReporting(surveys::SurveyStore& store, surveys::SurveyDefinition& def, const ReportFilters& filters,
                         bool groupsByCourt, const std::string& groupField) {
  if (reportedByCourt(store, def)) return;
  if (groupsByCourt) {
    throw DomainError(ErrorKind::Invalid, "not_allowed",
                      "this survey is never reported by court: group by region or level instead", groupField);
  }
  if (!filters.courts.empty()) {
    throw DomainError(ErrorKind::Invalid, "not_allowed",
                      "this survey is never reported by court: filter by region or level instead", "court");
  }
  def.reportByCourt = false;  // groups from fewer than two courts are then suppressed
}

}  // namespace courtvoice::server
