#pragma once
#include <vector>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys {

/// Every problem with a response against its definition: unknown item, value out of range or
/// not an option, a non-answer the item does not allow, a required visible item missing, an
/// answer to an item hidden by its condition, text too long, a language the survey lacks. Each
/// error names the item as "answers.<item id>". When there is none of these but no answer is
/// substantive (no answers, or only non-answers and blank texts): "empty_response" on "answers".
/// Empty when valid.
std::vector<ValidationError> validateResponse(const SurveyDefinition& def, const Response& response);

/// Whether the item is shown given the answers so far (its condition holds, or it has none).
bool isVisible(const Item& item, const Response& response);

}  // namespace courtvoice::surveys
