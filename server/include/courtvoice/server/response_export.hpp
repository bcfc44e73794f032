#pragma once
// The raw export of a survey's responses, for administrators: by the API
// (GET /api/v1/admin/surveys/{id}/export/responses) and by courtvoice-admin export-responses,
// with one writer. Long layout: one row per answer; wide: one row per response, one column per
// item (multiple choice: one 0/1 column per option). Format in docs/api.md ("Exports").
#include <cstddef>
#include <functional>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "courtvoice/server/export_writer.hpp"
#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

struct ResponseExport {
  std::size_t responses = 0;
  std::size_t textsLeftOut = 0;  ///< answers to text items left out
  bool byCourt = true;           ///< false: the court columns are empty (report_by_court false)
};

struct ResponseExportOptions {
  ExportFormat format = ExportFormat::Csv;
  ExportLayout layout = ExportLayout::Long;
  CsvStyle style;
  std::string lang = "ru";  ///< court and region names
  /// Text answers (comments) may name people: the API never exports them; the CLI does unless
  /// --no-text (raw data on the administrator's own machine).
  bool withTexts = false;
  surveys::ResponseQuery query;     ///< survey, courts, regions, from, to (read by the store)
  std::vector<std::string> levels;  ///< court levels (empty: all)
  std::vector<int> versions;        ///< survey versions (empty: all)
};

/// Writes the responses of `options.query.surveyId` that pass the filters. Everything that can
/// fail on the request (unknown survey, a court filter on a survey never reported by court) is
/// checked before `open` is called; `open` returns the stream to write to (the HTTP response
/// begins there). The store reads MySQL page by page, so memory stays flat.
/// Throws DomainError(NotFound, "survey_not_found") for an unknown survey, DomainError(Invalid,
/// "not_allowed", field "court") for a court filter when a version says report_by_court false.
ResponseExport exportResponses(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                               const std::vector<surveys::Court>& courts, const ResponseExportOptions& options,
                               const std::function<std::ostream&()>& open);

}  // namespace courtvoice::server
