#pragma once
// The results engine: summaries and trends answered from a compact in-memory copy of the answers
// instead of a re-read of MySQL. Responses are kept as columns (a byte per answer); per survey,
// analysis definition and version, pre-aggregated cells per (court, month) are kept current as
// responses arrive, so a query merges cells (cost follows the result's size, not the data's) and
// scans rows only for months cut by a date filter. MySQL stays the source of truth: the engine
// reads it through surveys::ResponseFeed, catches up before every answer, and can be dropped and
// rebuilt with the same numbers. Figures equal those of the reference Summarizer and TrendBuilder.
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/response.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::analytics {

/// Which responses a query covers. Empty lists do not filter; all given filters must hold.
struct ResultsFilter {
  std::vector<std::string> courts;   ///< court codes
  std::vector<std::string> regions;  ///< by the court's region in the registry given to the query
  std::vector<std::string> levels;   ///< by the court's level ("district", "regional", ...)
  std::optional<surveys::Date> from;  ///< inclusive
  std::optional<surveys::Date> to;    ///< inclusive
  std::vector<int> versions;         ///< survey versions the responses were given to
};

/// One response as ResultsEngine::scan shows it; valid only during the callback.
struct ScannedRow {
  static constexpr int kNoCode = std::numeric_limits<int>::min();

  std::string_view court;     ///< court code
  std::string_view region;    ///< the court's region in the registry given to the query ("" when unknown)
  std::string_view level;     ///< likewise its level
  std::int32_t month = 0;     ///< year * 12 + month - 1 of the day the response was given
  int version = 0;
  surveys::Channel channel = surveys::Channel::Web;
  std::string_view language;  ///< "kk", "ru", "en"
  /// Per item id asked for, in that order: the answer's code (scale value or option), or kNoCode
  /// for no answer or a non-answer. Ask for scale and single-choice items only: the code of a
  /// text answer reads 0 (a multiple choice or a number other than 0 reads kNoCode).
  const std::vector<int>* codes = nullptr;

  int code(std::size_t k) const { return (*codes)[k]; }
  surveys::Date monthStart() const { return surveys::Date{month / 12, month % 12 + 1, 1}; }
};

/// What the engine holds, for logs, health checks and the benchmark.
struct EngineStats {
  std::int64_t responses = 0;        ///< responses held, all surveys
  std::int64_t sequence = 0;         ///< the feed's sequence number the engine has caught up to
  std::int64_t answerBytes = 0;      ///< bytes of the columns (rows and answers)
  std::int64_t cellBytes = 0;        ///< bytes of the pre-aggregated cells
  std::int64_t cells = 0;            ///< pre-aggregated (court, month) cells, all cubes
};

/// Thread-safe: queries and catch-up are serialised by one mutex (a query takes milliseconds).
class ResultsEngine {
 public:
  /// Progress of a load: responses read so far and the sequence number being caught up to.
  using Progress = std::function<void(std::int64_t loaded, std::int64_t target)>;

  /// `pageSize`: how many responses each read from the feed returns at most.
  explicit ResultsEngine(surveys::ResponseFeed& feed, std::size_t pageSize = 10000);
  ~ResultsEngine();
  ResultsEngine(const ResultsEngine&) = delete;
  ResultsEngine& operator=(const ResultsEngine&) = delete;

  /// Reads every response committed since the last catch-up (all of them the first time).
  /// Queries call it themselves; the server calls it once at start-up with a progress callback.
  void catchUp(const Progress& progress = {});
  /// Drops everything and reads it all again from the feed.
  void rebuild(const Progress& progress = {});

  /// The summary of `definition`'s survey (responses to any of its versions, read with the
  /// items and indices of `definition`), as Summarizer gives it. `courts`: the registry, for
  /// regions, levels and filters.
  SurveySummary summary(const surveys::SurveyDefinition& definition, const std::vector<surveys::Court>& courts,
                        const ResultsFilter& filter, const SummaryOptions& options);

  /// The trend across `definitions` (versions of one survey), as TrendBuilder gives it.
  TrendReport trend(const std::vector<surveys::SurveyDefinition>& definitions,
                    const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                    const TrendOptions& options, const TrendContext& context = {});

  /// Visits every response of `surveyId` the filter covers, in the order they were stored, with
  /// the codes of `itemIds`. For statistics that need respondents, not counts (correlations,
  /// reliability, crossed keys). Holds the engine's lock: `visit` must not call the engine.
  void scan(const std::string& surveyId, const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
            const std::vector<std::string>& itemIds, const std::function<void(const ScannedRow&)>& visit);

  /// A summary grouped by any key of a response (e.g. "case type|region"): `keyOf` returns the
  /// group's key, or nullopt to leave the response out. Figures, suppression and the index rule
  /// are those of summary(); costs a scan of the filtered rows (no pre-aggregated cells).
  /// `itemIds` are the items whose codes `keyOf` reads (ScannedRow::codes); the result's groupBy
  /// is GroupBy::None and its groups are sorted by key. `keyOf` must not call the engine.
  SurveySummary summaryByRow(const surveys::SurveyDefinition& definition, const std::vector<surveys::Court>& courts,
                             const ResultsFilter& filter, const SummaryOptions& options,
                             const std::vector<std::string>& itemIds,
                             const std::function<std::optional<std::string>(const ScannedRow&)>& keyOf);

  EngineStats stats() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace courtvoice::analytics
