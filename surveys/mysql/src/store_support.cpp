#include "store_support.hpp"

#include <stdexcept>

#include "courtvoice/surveys/definition_json.hpp"

namespace courtvoice::surveys::mysql {

SurveyDefinition definitionFromStored(const std::string& surveyId, int version, const std::string& json) {
  try {
    SurveyDefinition definition = parseDefinition(json);
    definition.version = version;
    return definition;
  } catch (const std::exception& error) {
    throw std::runtime_error("stored definition of survey " + surveyId + " version " + std::to_string(version) +
                             " cannot be read: " + error.what());
  }
}

}  // namespace courtvoice::surveys::mysql
