#pragma once
// The raw export of a survey's responses (courtvoice-admin export-responses): long format, one
// CSV line per answer, for administrators. Format in docs/api.md ("Admin CLI").
#include <cstddef>
#include <ostream>
#include <string>

#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

struct ResponseExport {
  std::size_t responses = 0;
  std::size_t textsLeftOut = 0;  ///< answers to text items left out (noText)
  bool byCourt = true;           ///< false: the court column is left out (report_by_court false)
};

/// Writes every response of `surveyId` to `out`. A survey any of whose published, closed or
/// archived versions has report_by_court false is exported with the court's region and level
/// instead of its code.
/// Throws DomainError(NotFound, "survey_not_found") for an unknown survey.
ResponseExport writeResponsesCsv(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                                 const std::string& surveyId, bool noText, std::ostream& out);

}  // namespace courtvoice::server
