#pragma once
// What administrators do: versions of definitions, their lifecycle, the court registry, and
// bulk import of paper responses. Knows nothing of HTTP.
#include <cstddef>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "courtvoice/surveys/stores.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"

namespace courtvoice::server {

struct CreatedVersion {
  std::string surveyId;
  int version = 0;
};

/// How a version's items relate to the version before it (the newest with a lower number).
struct VersionChanges {
  std::string surveyId;
  int version = 0;
  std::optional<int> previousVersion;  ///< none for a survey's first version: every item is added
  surveys::VersionDiff diff;
};

struct ImportResult {
  std::size_t created = 0;
  std::size_t duplicates = 0;  ///< submission_ids stored before; nothing changed for them
};

/// Limits of a bulk import (the body size is checked before parsing, by the caller).
inline constexpr std::size_t kMaxImportResponses = 10000;

class AdminService {
 public:
  AdminService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses, surveys::CourtStore& courts,
               const surveys::Clock& clock, surveys::ResponseLimits limits = {});

  /// Parses and validates a definition, checks it against the survey's earlier versions (a kept
  /// item id keeps its type and option codes unless series_break), stores it as a new draft.
  CreatedVersion createVersion(const std::string& definitionJson);
  /// Replaces the definition of a draft version. The body's "id" must be the survey's (400
  /// "survey_mismatch", field "id"; its "version", if any, is ignored: the path names the
  /// version). The definition is validated like a new version against the versions before it,
  /// and the versions after it (drafts made later) must still fit it. Throws NotFound
  /// "survey_not_found" / "version_not_found", Conflict "version_frozen" for a published, closed
  /// or archived version (checked before the body is read, so nothing about it matters then).
  CreatedVersion updateDraft(const std::string& surveyId, int version, const std::string& definitionJson);
  void publish(const std::string& surveyId, int version);
  void close(const std::string& surveyId);
  /// Closed -> archived. Throws NotFound, Conflict "not_closed" for a version in any other status.
  void archive(const std::string& surveyId, int version);
  /// Throws NotFound "version_not_found".
  surveys::SurveyDefinition getVersion(const std::string& surveyId, int version);
  /// The items of `version` against the newest version numbered below it (any status).
  /// Throws NotFound "version_not_found".
  VersionChanges diffWithPrevious(const std::string& surveyId, int version);
  std::vector<surveys::SurveyVersionInfo> list();

  /// Upserts courts after every one of them was checked. Returns how many.
  std::size_t upsertCourts(const std::vector<surveys::Court>& courts);

  /// Body {"version": n, "responses": [...]} with a "date" on each response. Every response is
  /// parsed and validated first (errors named "responses[i].answers.x"); then all are stored in
  /// one transaction, or none. The version must be published or closed (Conflict otherwise);
  /// each date must be given, not in the future, and each court must be in the registry.
  ImportResult importResponses(const std::string& surveyId, const std::string& body);
  /// The same for already parsed responses (the admin tool's demo): each must carry its date.
  ImportResult importResponses(const surveys::SurveyDefinition& def, std::vector<surveys::Response> responses);

 private:
  surveys::SurveyStore& surveys_;
  surveys::ResponseStore& responses_;
  surveys::CourtStore& courts_;
  const surveys::Clock& clock_;
  surveys::ResponseLimits limits_;
};

}  // namespace courtvoice::server
