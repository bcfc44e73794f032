#pragma once
#include <vector>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys {

/// Every problem with a definition: bad or duplicate ids, unsupported or missing languages,
/// a text or option label missing in a declared language, options on a non-choice item or
/// none on a choice item, duplicate option codes, min > max, a condition on an unknown item,
/// on a later item, on itself, or with codes the referenced item cannot take, an index on a
/// dimension no item has. Empty when the definition is valid.
std::vector<ValidationError> validateDefinition(const SurveyDefinition& def);

}  // namespace courtvoice::surveys
