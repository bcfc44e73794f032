#pragma once
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::surveys::mysql {

class ConnectionPool;

/// Survey definitions in tables `surveys` and `survey_versions` (the definition is stored as the
/// JSON of definitionToJson). The database itself refuses a second published version.
class MySqlSurveyStore final : public SurveyStore {
 public:
  explicit MySqlSurveyStore(ConnectionPool& pool) : pool_(pool) {}

  int createVersion(const SurveyDefinition& def) override;
  /// NotFound "unknown_survey" (field "survey_id") or "unknown_version" (field "version");
  /// Conflict "not_draft" (field "version") when the version is not a draft.
  void publish(const std::string& surveyId, int version) override;
  /// NotFound "unknown_survey"; Conflict "not_published" when no version is published.
  void close(const std::string& surveyId) override;
  /// NotFound "unknown_survey" / "unknown_version"; Conflict "version_frozen" (field "version")
  /// unless the version is a draft. Also keeps the survey's audience in step, as createVersion.
  void updateDraft(const SurveyDefinition& def) override;
  /// NotFound "unknown_survey" / "unknown_version"; Conflict "not_closed" (field "version")
  /// unless the version is closed.
  void archive(const std::string& surveyId, int version) override;
  std::optional<SurveyDefinition> findPublished(const std::string& surveyId) override;
  std::optional<SurveyDefinition> findVersion(const std::string& surveyId, int version) override;
  std::optional<SurveyDefinition> findLatest(const std::string& surveyId) override;
  /// Ordered by survey id, then version.
  std::vector<SurveyVersionInfo> listVersions(const std::optional<std::string>& surveyId = {}) override;
  /// Row 'surveys' of table change_stamps, incremented in the transaction of every create, edit
  /// and status change.
  std::int64_t changeStamp() override;

 private:
  std::optional<SurveyDefinition> findOne(const std::string& sql, const std::string& surveyId,
                                          const std::optional<int>& version);

  ConnectionPool& pool_;
};

}  // namespace courtvoice::surveys::mysql
