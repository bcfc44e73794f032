#pragma once
// Internal to surveys_mysql: helpers shared by the stores.
#include <string>

#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys::mysql {

/// A definition as stored in survey_versions.definition, with the row's version number (the
/// JSON's own "version" is ignored on input). Throws std::runtime_error when the stored JSON
/// cannot be read: that is a damaged database, not bad input.
SurveyDefinition definitionFromStored(const std::string& surveyId, int version, const std::string& json);

}  // namespace courtvoice::surveys::mysql
