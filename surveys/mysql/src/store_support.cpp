#include "store_support.hpp"

#include <stdexcept>

#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"

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

void bumpChangeStamp(Session& session, const char* name) {
  auto& statement = session.prepare("UPDATE change_stamps SET value = value + 1 WHERE name = ?");
  statement.setString(1, name);
  if (statement.executeUpdate() != 1) {
    throw std::runtime_error(std::string("change stamp '") + name + "' is missing (is migration 003 applied?)");
  }
}

std::int64_t readChangeStamp(ConnectionPool& pool, const char* name) {
  std::int64_t value = 0;
  pool.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    auto& statement = session.prepare("SELECT value FROM change_stamps WHERE name = ?");
    statement.setString(1, name);
    ResultSetPtr row(statement.executeQuery());
    if (!row->next()) {
      throw std::runtime_error(std::string("change stamp '") + name + "' is missing (is migration 003 applied?)");
    }
    value = row->getInt64(1);
  });
  return value;
}

}  // namespace courtvoice::surveys::mysql
