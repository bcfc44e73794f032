#include "courtvoice/server/export_service.hpp"

#include <algorithm>
#include <sstream>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

ExportService::ExportService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                             surveys::CourtStore& courts)
    : surveys_(surveys), responses_(responses), courts_(courts) {}

ResponseExport ExportService::responses(const ResponseExportOptions& options,
                                        const std::function<std::ostream&()>& open) {
  return exportResponses(surveys_, responses_, courts_.list(), options, open);
}

std::string summaryCsv(SummaryService& summary, const std::string& surveyId, const SummaryRequest& request,
                       const CsvStyle& style) {
  const SummaryResult result = summary.summary(surveyId, request);
  std::ostringstream out;
  writeSummaryTable(out, result, request, style);
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
