#pragma once
// The JSON form of a survey definition (docs/survey-format.md).
#include <optional>
#include <string>

#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys {

/// Parses a definition. Throws DomainError(Invalid) naming the JSON path of the first
/// structural problem (malformed JSON, wrong JSON type, unknown enum name). Semantic checks
/// (duplicate ids, translations, conditions) are validateDefinition's job.
SurveyDefinition parseDefinition(const std::string& json);

/// Serialises a definition. With `lang`, every LocalizedText is reduced to that language
/// (falling back as pick() does) and emitted as a plain string: the form respondents fetch.
std::string definitionToJson(const SurveyDefinition& def, const std::optional<std::string>& lang = {});

}  // namespace courtvoice::surveys
