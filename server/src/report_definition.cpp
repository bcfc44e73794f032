#include "courtvoice/server/report_definition.hpp"

#include <algorithm>

#include "courtvoice/surveys/version_compatibility.hpp"

namespace courtvoice::server {

std::optional<surveys::SurveyDefinition> reportDefinition(surveys::SurveyStore& surveys, const std::string& surveyId) {
  // The texts and items of the version people answer now, else of the last one they answered.
  std::optional<surveys::SurveyDefinition> def = surveys.findPublished(surveyId);
  if (!def) {
    int newestAnswered = 0;
    for (const auto& info : surveys.listVersions(surveyId)) {
      if (info.status != surveys::VersionStatus::Draft) newestAnswered = std::max(newestAnswered, info.version);
    }
    def = newestAnswered > 0 ? surveys.findVersion(surveyId, newestAnswered) : surveys.findLatest(surveyId);
  }
  if (!def) return std::nullopt;
  const auto versions = surveys::loadAllVersions(surveys, surveyId, /*withDrafts=*/false);
  const bool everyVersionByCourt = std::all_of(versions.begin(), versions.end(),
                                               [](const surveys::SurveyDefinition& v) { return v.reportByCourt; });
  if (!everyVersionByCourt) def->reportByCourt = false;
  return def;
}

}  // namespace courtvoice::server
