#pragma once
// What a submission is checked against, held in memory: which version of each survey accepts
// responses (its definition parsed once) and the court registry. Parsing and validating a
// submission then touches no database. Knows nothing of HTTP.
//
// Freshness: this process calls invalidate() after it changes a survey or a court (see
// invalidating_stores.hpp), so its own changes are seen by the next call. Changes by other
// processes are noticed by comparing both stores' changeStamp(), read at most every
// `checkInterval` (so a reader may see the catalog as it was up to that long ago), and always
// by refreshNow(), which the group committer calls before each batch.
#include <chrono>
#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "courtvoice/server/monotonic_clock.hpp"
#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/stores.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::server {

/// What a submission is told when its survey, version or court does not accept it: one wording
/// for the check when it arrives and the re-check before its batch commits.
surveys::DomainError surveyNotAccepting(const std::string& surveyId);
/// A page loaded before a new version was published: the client reloads.
surveys::DomainError versionNotPublished(int given, int published);
surveys::ValidationError unknownCourt(const std::string& courtCode);
/// Whether the public may learn that a survey exists: one of its versions was published (it may
/// be closed or archived since). A survey with drafts only answers 404 like an unknown one.
bool isPublicSurvey(const std::vector<surveys::SurveyVersionInfo>& versions);

class CatalogCache {
 public:
  /// `checkInterval` 0 reads the stamps on every call (no staleness; what tests of other parts use).
  CatalogCache(surveys::SurveyStore& surveys, surveys::CourtStore& courts, const MonotonicClock& clock,
               std::chrono::milliseconds checkInterval);

  /// The version accepting responses: NotFound "survey_not_found" when the survey does not exist
  /// or has drafts only (isPublicSurvey), Conflict "survey_not_accepting" when none is published now.
  std::shared_ptr<const surveys::SurveyDefinition> published(const std::string& surveyId);
  /// Whether `code` is a court of the registry and active.
  bool isActiveCourt(const std::string& code);
  /// Active courts, by code.
  std::vector<surveys::Court> activeCourts();

  /// Forgets what it holds: the next call reloads. Called after this process changed a survey
  /// version or a court.
  void invalidate();
  /// Reads both change stamps now, whatever the interval, and reloads when either moved.
  void refreshNow();
  /// Throws the DomainError `response` would get against the catalog held now (survey not
  /// accepting, another version published, court unknown or inactive). Call after refreshNow().
  void recheck(const surveys::Response& response);

  /// How many times the catalog was (re)loaded from the stores (tests, diagnostics).
  std::uint64_t loads() const;

 private:
  struct Stamps {
    std::int64_t surveys = 0;
    std::int64_t courts = 0;
    bool operator==(const Stamps&) const = default;
  };
  struct Snapshot {
    Stamps stamps;
    std::unordered_map<std::string, int> publishedVersion;  ///< every public survey; 0: none published now
    std::unordered_map<std::string, bool> courtActive;      ///< every court of the registry
    std::vector<surveys::Court> activeCourts;               ///< by code
  };

  std::shared_ptr<const Snapshot> current();
  std::shared_ptr<const Snapshot> refresh(bool force);
  std::shared_ptr<const Snapshot> load(const Stamps& stamps);
  std::shared_ptr<const surveys::SurveyDefinition> definition(const std::string& surveyId, int version);

  surveys::SurveyStore& surveys_;
  surveys::CourtStore& courts_;
  const MonotonicClock& clock_;
  const std::chrono::milliseconds interval_;

  mutable std::mutex mutex_;  // guards the four below
  std::shared_ptr<const Snapshot> snapshot_;
  std::chrono::steady_clock::time_point lastCheck_{};
  std::uint64_t generation_ = 0;  // bumped by invalidate(): a load begun before it is not kept
  std::uint64_t loads_ = 0;

  std::mutex loadMutex_;  // one thread reads the stores at a time; the others then reuse its result

  // A published version never changes again, so its parsed text is kept for good, by (id, version).
  std::mutex definitionsMutex_;
  std::map<std::pair<std::string, int>, std::shared_ptr<const surveys::SurveyDefinition>> definitions_;
};

}  // namespace courtvoice::server
