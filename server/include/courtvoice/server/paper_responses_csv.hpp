#pragma once
// Paper responses as a data-entry clerk types them into a spreadsheet: one line per form, one
// column per item (wide), read into surveys::Response and checked as the API checks a response.
//
//   submission_id,court,date,language,access_find,appeared,fair_listened,comment
//   P-ALM01-0001,ALM-01,2025-03-14,ru,4,1,5,"Долго ждал, но помогли"
//   P-ALM01-0002,ALM-01,14.03.2025,kk,NA,2,,
#include <cstddef>
#include <functional>
#include <set>
#include <string>
#include <vector>

#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

/// The columns every paper-response file has before its item columns.
inline const std::vector<std::string> kPaperResponseColumns = {"submission_id", "court", "date", "language"};

/// What each line is checked against besides the definition.
struct PaperResponseRules {
  std::set<std::string> courts;    ///< codes in the court registry
  surveys::Date today;             ///< no form is dated after it
  surveys::ResponseLimits limits;  ///< the API's limits (id length, text length, choices)
};

/// Called as lines are checked: (lines done, lines in the file, header excluded).
using CsvProgress = std::function<void(std::size_t done, std::size_t total)>;

/// Reads paper responses for version def.version of survey def.id. Header: submission_id,
/// court, date, language, then item ids of `def` (any subset, any order; a required item
/// without a condition must have its column). A cell holds a scale value or option code, a
/// number (a decimal comma is accepted), text, or for multiple choice codes separated by ';'.
/// In any column but a text item's, NA, DK and NO (any case) are the non-answers not_applicable,
/// dont_know and no_opinion; an empty cell is skipped. Dates are YYYY-MM-DD or DD.MM.YYYY, not
/// after rules.today. Each response is checked with surveys::validateResponse, its court
/// against rules.courts, its submission_id (8..64 of A-Z a-z 0-9 _ -) against the other lines.
/// Responses come back in file order with channel paper. Throws DomainError(Invalid) with every
/// problem (at most kMaxCsvErrors and a note), each named "line N: column", e.g. field
/// "line 17: access_find", message "the answer must be between 1 and 5 (the cell holds "7")".
/// `progress` is called every `progressEvery` lines and after the last.
std::vector<surveys::Response> parsePaperResponsesCsv(const std::string& text, const surveys::SurveyDefinition& def,
                                                      const PaperResponseRules& rules,
                                                      const CsvProgress& progress = {},
                                                      std::size_t progressEvery = 5000);

}  // namespace courtvoice::server
