#pragma once
// Which definition a report of a survey reads its items, indices and texts from: shared by the
// summary and the KPIs so that both show the same figures.
#include <optional>
#include <string>

#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

/// The published version, else the newest one that was ever published, else the newest; with
/// reportByCourt false when any version respondents could answer says so (they were told their
/// answers would never be shown per court). nullopt for an unknown survey.
std::optional<surveys::SurveyDefinition> reportDefinition(surveys::SurveyStore& surveys, const std::string& surveyId);

}  // namespace courtvoice::server
