#pragma once
// The exports of the API (docs/api.md, "Exports"): responses, summary as CSV, codebook. Knows
// nothing of HTTP: the handlers give it a stream to write to once the request has been checked.
#include <functional>
#include <ostream>
#include <string>

#include "courtvoice/server/export_reports.hpp"
#include "courtvoice/server/response_export.hpp"
#include "courtvoice/server/summary_service.hpp"

namespace courtvoice::server {

class ExportService {
 public:
  ExportService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses, surveys::CourtStore& courts);

  /// See exportResponses (response_export.hpp).
  ResponseExport responses(const ResponseExportOptions& options, const std::function<std::ostream&()>& open);

  /// The codebook of every version that is not a draft (all versions when there are only drafts).
  /// Throws DomainError(NotFound, "survey_not_found").
  std::string codebook(const std::string& surveyId, ExportFormat format, const CsvStyle& style);

 private:
  surveys::SurveyStore& surveys_;
  surveys::ResponseStore& responses_;
  surveys::CourtStore& courts_;
};

/// The summary (same figures, checks and suppression as summaryJson) as CSV.
std::string summaryCsv(SummaryService& summary, const std::string& surveyId, const SummaryRequest& request,
                       const CsvStyle& style);

}  // namespace courtvoice::server
