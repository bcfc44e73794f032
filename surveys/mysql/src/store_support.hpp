#pragma once
// Internal to surveys_mysql: helpers shared by the stores.
#include <cstdint>
#include <string>

#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;
class Session;

/// Rows of table change_stamps: one per kind of cached data.
inline constexpr const char* kSurveysStamp = "surveys";
inline constexpr const char* kCourtsStamp = "courts";

/// Increments change stamp `name` inside the caller's open transaction, so the new number
/// becomes visible exactly when the change does. Takes the stamp row's lock until commit: call
/// it last, just before committing.
void bumpChangeStamp(Session& session, const char* name);

/// The current value of change stamp `name` (one primary-key read).
std::int64_t readChangeStamp(ConnectionPool& pool, const char* name);

/// A definition as stored in survey_versions.definition, with the row's version number (the
/// JSON's own "version" is ignored on input). Throws std::runtime_error when the stored JSON
/// cannot be read: that is a damaged database, not bad input.
SurveyDefinition definitionFromStored(const std::string& surveyId, int version, const std::string& json);

}  // namespace courtvoice::surveys::mysql
