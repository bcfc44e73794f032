#pragma once
// Exports of figures and of the survey's meaning: the summary as a table (one row per group x
// item and group x index) and the codebook (items, types, codes and labels in kk/ru/en,
// non-answer codes, dimensions, indices, versions and their series breaks). Formats in
// docs/api.md ("Exports").
#include <ostream>
#include <string>
#include <vector>

#include "courtvoice/server/export_writer.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

/// The summary CSV's columns, in order.
const std::vector<std::string>& summaryExportColumns();

/// Writes the summary's rows: per group, its indices then its items; a suppressed group is one
/// row with suppressed = 1, a suppressed item or index a row with only its id and suppressed.
void writeSummaryTable(std::ostream& out, const SummaryResult& result, const ReportFilters& filters,
                       const CsvStyle& style);

/// A version of the codebook: its number, status and definition.
struct CodebookVersion {
  surveys::SurveyDefinition def;
  surveys::VersionStatus status = surveys::VersionStatus::Draft;
};

/// The codebook as JSON (every language's texts).
std::string codebookJson(const std::vector<CodebookVersion>& versions);

/// The codebook as CSV: one row per item (code empty), then one per code of that item (options,
/// scale points, non-answers), texts and labels in kk, ru and en.
void writeCodebookCsv(std::ostream& out, const std::vector<CodebookVersion>& versions, const CsvStyle& style);

}  // namespace courtvoice::server
