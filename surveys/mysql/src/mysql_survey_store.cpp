#include "courtvoice/surveys/mysql/mysql_survey_store.hpp"

#include <stdexcept>

#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/mysql/connection_pool.hpp"
#include "session.hpp"
#include "store_support.hpp"

namespace courtvoice::surveys::mysql {
namespace {

// Locks the survey's row for the rest of the transaction, so that version numbering and the
// publish/close steps of one survey happen one at a time. Throws NotFound when there is none.
void lockSurvey(Session& session, const std::string& surveyId) {
  auto& statement = session.prepare("SELECT id FROM surveys WHERE id = ? FOR UPDATE");
  statement.setString(1, surveyId);
  ResultSetPtr row(statement.executeQuery());
  if (!row->next()) {
    throw DomainError(ErrorKind::NotFound, "unknown_survey", "survey '" + surveyId + "' does not exist", "survey_id");
  }
}

// The status of one version, read with its row locked for the rest of the transaction.
// Throws NotFound when there is no such version.
VersionStatus lockVersion(Session& session, const std::string& surveyId, int version) {
  auto& select = session.prepare("SELECT status FROM survey_versions WHERE survey_id = ? AND version = ? FOR UPDATE");
  select.setString(1, surveyId);
  select.setInt(2, version);
  ResultSetPtr row(select.executeQuery());
  if (!row->next()) {
    throw DomainError(ErrorKind::NotFound, "unknown_version",
                      "survey '" + surveyId + "' has no version " + std::to_string(version), "version");
  }
  const std::string status = row->getString(1).asStdString();
  const auto parsed = parseVersionStatus(status);
  if (!parsed) {
    throw std::runtime_error("survey " + surveyId + " version " + std::to_string(version) + " has an unknown status '" +
                             status + "'");
  }
  return *parsed;
}

}  // namespace

// Safe or not to repeat after a lost COMMIT: createVersion would make a second draft; publish,
// close and archive would report a conflict for their own change. updateDraft writes the same
// definition again, so it may be repeated.

int MySqlSurveyStore::createVersion(const SurveyDefinition& def) {
  int created = 0;
  pool_.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    Transaction transaction(session);
    // The upsert also locks the survey's row until commit: concurrent drafts get distinct numbers.
    auto& upsert = session.prepare(
        "INSERT INTO surveys (id, audience) VALUES (?, ?) ON DUPLICATE KEY UPDATE audience = VALUES(audience)");
    upsert.setString(1, def.id);
    upsert.setString(2, toString(def.audience));
    upsert.executeUpdate();
    lockSurvey(session, def.id);

    auto& latest = session.prepare("SELECT COALESCE(MAX(version), 0) FROM survey_versions WHERE survey_id = ?");
    latest.setString(1, def.id);
    ResultSetPtr row(latest.executeQuery());
    row->next();
    SurveyDefinition stored = def;
    stored.version = row->getInt(1) + 1;

    auto& insert = session.prepare(
        "INSERT INTO survey_versions (survey_id, version, status, definition) VALUES (?, ?, 'draft', ?)");
    insert.setString(1, stored.id);
    insert.setInt(2, stored.version);
    insert.setString(3, definitionToJson(stored));
    insert.executeUpdate();
    bumpChangeStamp(session, kSurveysStamp);
    transaction.commit();
    created = stored.version;
  });
  return created;
}

void MySqlSurveyStore::publish(const std::string& surveyId, int version) {
  pool_.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    Transaction transaction(session);
    lockSurvey(session, surveyId);
    const VersionStatus status = lockVersion(session, surveyId, version);
    if (status != VersionStatus::Draft) {
      throw DomainError(ErrorKind::Conflict, "not_draft",
                        "version " + std::to_string(version) + " of survey '" + surveyId + "' is " +
                            toString(status) + "; only a draft can be published",
                        "version");
    }
    // Close the current one first: the unique key allows one published version per survey.
    auto& closePrevious = session.prepare(
        "UPDATE survey_versions SET status = 'closed', closed_on = CURRENT_TIMESTAMP"
        " WHERE survey_id = ? AND status = 'published'");
    closePrevious.setString(1, surveyId);
    closePrevious.executeUpdate();
    auto& publishThis = session.prepare(
        "UPDATE survey_versions SET status = 'published', published_on = CURRENT_TIMESTAMP"
        " WHERE survey_id = ? AND version = ?");
    publishThis.setString(1, surveyId);
    publishThis.setInt(2, version);
    publishThis.executeUpdate();
    bumpChangeStamp(session, kSurveysStamp);
    transaction.commit();
  });
}

void MySqlSurveyStore::close(const std::string& surveyId) {
  pool_.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    Transaction transaction(session);
    lockSurvey(session, surveyId);
    auto& update = session.prepare(
        "UPDATE survey_versions SET status = 'closed', closed_on = CURRENT_TIMESTAMP"
        " WHERE survey_id = ? AND status = 'published'");
    update.setString(1, surveyId);
    if (update.executeUpdate() == 0) {
      throw DomainError(ErrorKind::Conflict, "not_published",
                        "survey '" + surveyId + "' has no published version to close", "survey_id");
    }
    bumpChangeStamp(session, kSurveysStamp);
    transaction.commit();
  });
}

void MySqlSurveyStore::updateDraft(const SurveyDefinition& def) {
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    Transaction transaction(session);
    // The survey's row lock orders this after (or before) a concurrent publish of the same
    // version, so a definition never changes once the version has been published.
    lockSurvey(session, def.id);
    const VersionStatus status = lockVersion(session, def.id, def.version);
    if (status != VersionStatus::Draft) {
      throw DomainError(ErrorKind::Conflict, "version_frozen",
                        "version " + std::to_string(def.version) + " of survey '" + def.id + "' is " +
                            toString(status) + " and can no longer change; make a new version instead",
                        "version");
    }
    auto& update = session.prepare(
        "UPDATE survey_versions SET definition = ?, updated_on = CURRENT_TIMESTAMP WHERE survey_id = ? AND version = ?");
    update.setString(1, definitionToJson(def));
    update.setString(2, def.id);
    update.setInt(3, def.version);
    update.executeUpdate();
    auto& audience = session.prepare("UPDATE surveys SET audience = ? WHERE id = ?");
    audience.setString(1, toString(def.audience));
    audience.setString(2, def.id);
    audience.executeUpdate();
    bumpChangeStamp(session, kSurveysStamp);
    transaction.commit();
  });
}

void MySqlSurveyStore::archive(const std::string& surveyId, int version) {
  pool_.run(ConnectionPool::Repeat::Unsafe, [&](Session& session) {
    Transaction transaction(session);
    lockSurvey(session, surveyId);
    const VersionStatus status = lockVersion(session, surveyId, version);
    if (status != VersionStatus::Closed) {
      throw DomainError(ErrorKind::Conflict, "not_closed",
                        "version " + std::to_string(version) + " of survey '" + surveyId + "' is " + toString(status) +
                            "; only a closed version can be archived",
                        "version");
    }
    auto& update = session.prepare(
        "UPDATE survey_versions SET status = 'archived', archived_on = CURRENT_TIMESTAMP"
        " WHERE survey_id = ? AND version = ?");
    update.setString(1, surveyId);
    update.setInt(2, version);
    update.executeUpdate();
    bumpChangeStamp(session, kSurveysStamp);
    transaction.commit();
  });
}

std::optional<SurveyDefinition> MySqlSurveyStore::findOne(const std::string& sql, const std::string& surveyId,
                                                          const std::optional<int>& version) {
  std::optional<SurveyDefinition> found;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    found.reset();
    auto& statement = session.prepare(sql);
    statement.setString(1, surveyId);
    if (version) {
      statement.setInt(2, *version);
    }
    ResultSetPtr row(statement.executeQuery());
    if (row->next()) {
      found = definitionFromStored(surveyId, row->getInt(1), row->getString(2).asStdString());
    }
  });
  return found;
}

std::optional<SurveyDefinition> MySqlSurveyStore::findPublished(const std::string& surveyId) {
  return findOne("SELECT version, definition FROM survey_versions WHERE survey_id = ? AND status = 'published'",
                 surveyId, std::nullopt);
}

std::optional<SurveyDefinition> MySqlSurveyStore::findVersion(const std::string& surveyId, int version) {
  return findOne("SELECT version, definition FROM survey_versions WHERE survey_id = ? AND version = ?", surveyId,
                 version);
}

std::optional<SurveyDefinition> MySqlSurveyStore::findLatest(const std::string& surveyId) {
  return findOne(
      "SELECT version, definition FROM survey_versions WHERE survey_id = ? ORDER BY version DESC LIMIT 1",
      surveyId, std::nullopt);
}

std::vector<SurveyVersionInfo> MySqlSurveyStore::listVersions(const std::optional<std::string>& surveyId) {
  std::vector<SurveyVersionInfo> versions;
  pool_.run(ConnectionPool::Repeat::Safe, [&](Session& session) {
    versions.clear();
    const std::string columns = "SELECT survey_id, version, status, definition FROM survey_versions";
    auto& statement = surveyId
                          ? session.prepare(columns + " WHERE survey_id = ? ORDER BY survey_id, version")
                          : session.prepare(columns + " ORDER BY survey_id, version");
    if (surveyId) {
      statement.setString(1, *surveyId);
    }
    ResultSetPtr rows(statement.executeQuery());
    while (rows->next()) {
      SurveyVersionInfo info;
      info.surveyId = rows->getString(1).asStdString();
      info.version = rows->getInt(2);
      const std::string status = rows->getString(3).asStdString();
      const auto parsedStatus = parseVersionStatus(status);
      if (!parsedStatus) {
        throw std::runtime_error("survey " + info.surveyId + " version " + std::to_string(info.version) +
                                 " has an unknown status '" + status + "'");
      }
      info.status = *parsedStatus;
      const SurveyDefinition definition =
          definitionFromStored(info.surveyId, info.version, rows->getString(4).asStdString());
      info.audience = definition.audience;
      info.title = definition.title;
      info.reportByCourt = definition.reportByCourt;
      versions.push_back(std::move(info));
    }
  });
  return versions;
}

std::int64_t MySqlSurveyStore::changeStamp() {
  return readChangeStamp(pool_, kSurveysStamp);
}

}  // namespace courtvoice::surveys::mysql
