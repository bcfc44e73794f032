#include "courtvoice/server/export_service.hpp"

#include <algorithm>
#include <sstream>

#include "courtvoice/server/access_scope.hpp"
#include "courtvoice/server/report_scope.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

ExportService::ExportService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                             surveys::CourtStore& courts)
    : surveys_(surveys), responses_(responses), courts_(courts) {}

ResponseExport ExportService::responses(const ResponseExportOptions& asked,
                                        const std::function<std::ostream&()>& open) {
  const std::vector<surveys::Court> registry = courts_.list();
  ResponseExportOptions options = asked;
  // Narrowed to the account's scope like every report (an unknown survey is left to the 404 below).
  if (const auto def = findReportDefinition(surveys_, options.query.surveyId)) {
    ReportFilters filters;
    filters.courts = options.query.courts;
    filters.regions = options.query.regions;
    filters.levels = options.levels;
    narrowToCurrentScope(registry, filters, ScopeQuery{def->reportByCourt});
    options.query.courts = filters.courts;
    options.query.regions = filters.regions;
  }
  return exportResponses(surveys_, responses_, registry, options, open);
}

std::string summaryCsv(SummaryService& summary, const std::string& surveyId, const SummaryRequest& request,
                       const CsvStyle& style) {
  const SummaryResult result = summary.summary(surveyId, request);
  std::ostringstream out;
  writeSummaryTable(out, result, result.request, style);  // the filters as narrowed to the scope
  return out.str();
}

std::string ExportService::codebook(const std::string& surveyId, ExportFormat format, const CsvStyle& style) {
  std::vector<CodebookVersion> versions;
  const auto infos = surveys_.listVersions(surveyId);
  const bool anyAnswerable = std::any_of(infos.begin(), infos.end(), [](const surveys::SurveyVersionInfo& info) {
    return info.status != surveys::VersionStatus::Draft;
  });
  for (const auto& info : infos) {
    // A draft's wording was never shown to anyone: left out once a version has been published.
    if (anyAnswerable && info.status == surveys::VersionStatus::Draft) continue;
    auto def = surveys_.findVersion(surveyId, info.version);
    if (def) versions.push_back({std::move(*def), info.status});
  }
  if (versions.empty()) {
    throw surveys::DomainError(surveys::ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
  }
  std::sort(versions.begin(), versions.end(),
            [](const CodebookVersion& a, const CodebookVersion& b) { return a.def.version < b.def.version; });
  if (format == ExportFormat::Json) return codebookJson(versions);
  std::ostringstream out;
  writeCodebookCsv(out, versions, style);
  return out.str();
}

}  // namespace courtvoice::server
