#pragma once
// What administrators do: versions of definitions, their lifecycle, the court registry, and
// bulk import of paper responses. Knows nothing of HTTP.
#include <cstddef>
#include <string>
#include <vector>

#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/response_json.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

struct CreatedVersion {
  std::string surveyId;
  int version = 0;
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
  void publish(const std::string& surveyId, int version);
  void close(const std::string& surveyId);
  /// Throws NotFound "version_not_found".
  surveys::SurveyDefinition getVersion(const std::string& surveyId, int version);
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
