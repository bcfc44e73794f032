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
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/date.hpp"
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
                    const TrendOptions& options);

  EngineStats stats() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

}  // namespace courtvoice::analytics
