#pragma once
// Population counts for post-stratification weights as a strategy analyst saves them from a
// spreadsheet of caseloads (docs/api.md, "Weights"):
//
//   court,case_type,population
//   AST-ESL,1,5400
//   AST-ESL,2,1250
//   ALM-01,,8000        <- not allowed together with the lines above: one kind of cell per file
#include <cstddef>
#include <set>
#include <string>
#include <vector>

#include "courtvoice/surveys/population_store.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

/// The columns of a population file; case_type may be left out (whole courts).
inline const std::vector<std::string> kPopulationColumns = {"court", "case_type", "population"};

/// At most this many lines of counts in one file (43 courts x a few case types need a few hundred).
inline constexpr std::size_t kMaxPopulationLines = 10000;

/// The item whose option code is a respondent's case type: the single-choice item "case_type".
inline constexpr const char* kCaseTypeItemId = "case_type";

/// The definition's case-type item, or nullptr when it has none (cells are then whole courts).
const surveys::Item* findCaseTypeItem(const surveys::SurveyDefinition& def);

/// Reads a population file: UTF-8 with or without a byte order mark, fields separated by commas,
/// or by semicolons when the header holds ';' and no ','. Every line is one cell: a court of
/// `courts`, a case type (an option code of `caseTypeItem`, or empty for the whole court), and
/// its population (a whole number from 0). Throws DomainError(Invalid) listing every problem
/// (at most kMaxCsvErrors), each named "line N: column": unknown_court, unknown_case_type,
/// no_case_type_item, invalid_population, duplicate_cell, mixed_cells, plus the reader's
/// header and width errors; "empty" for a file without a header or without counts,
/// "too_many_lines" over kMaxPopulationLines.
std::vector<surveys::PopulationCell> parsePopulationCsv(const std::string& text, const std::set<std::string>& courts,
                                                        const surveys::Item* caseTypeItem);

}  // namespace courtvoice::server
