#pragma once
// The court league table: per court, each index with its interval, its change from the previous
// period and from the same period a year before, and whether it differs from the rest of the
// country; built from court summaries of three periods and the national summary (docs/analytics.md,
// "League table").
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/statistics.hpp"
#include "courtvoice/analytics/summary.hpp"
#include "courtvoice/analytics/trend.hpp"
#include "courtvoice/surveys/date.hpp"

namespace courtvoice::analytics {

/// An inclusive span of days.
struct DaySpan {
  surveys::Date from;
  surveys::Date to;
};

/// The periods a league table compares: the current one, the one just before it, and the same
/// period a year before.
struct LeaguePeriods {
  std::string key;  ///< "2026-Q3" for a quarter, "" for a span of days
  DaySpan current;
  DaySpan previous;
  DaySpan yearAgo;
};

/// The quarter "YYYY-Qn" (nullopt when `key` is not one), the quarter before and the same quarter a year before.
std::optional<LeaguePeriods> quarterPeriods(const std::string& key);
/// The latest quarter that has ended before `today`.
LeaguePeriods latestCompleteQuarter(const surveys::Date& today);
/// A span of days [from, to]; previous: the as many days just before `from`; a year before: the
/// same dates one year earlier (29 February becomes 28 February).
LeaguePeriods spanPeriods(const surveys::Date& from, const surveys::Date& to);

/// `whole` minus `part` (part's observations are among whole's): reverses Moments::merge.
Moments momentsWithout(const Moments& whole, const Moments& part);

/// Welch's test on the respondents' means (compareMeans, later minus earlier) with the
/// difference and its interval in index points (0..100 scale: the means' difference times 25).
std::optional<MeanChange> compareIndices(const Moments& earlier, const Moments& later);

struct LeagueIndex {
  std::string indexId;
  bool suppressed = true;                 ///< under the minimum (or the court is): no numbers
  std::optional<double> value;
  std::int64_t n = 0;
  std::optional<Interval> ci;
  std::optional<MeanChange> changePrevious;  ///< this period minus the previous one (index points)
  std::optional<MeanChange> changeYearAgo;   ///< this period minus the same period a year before
  std::optional<MeanChange> versusRest;      ///< the court minus the rest of the country (index points)
};

struct LeagueRow {
  std::string court;
  std::int64_t responses = 0;
  bool suppressed = true;                 ///< too few responses: only `court` is meaningful
  std::vector<LeagueIndex> indices;       ///< in the definition's order
  std::optional<double> favourable;       ///< of the overall item, share 0..1
  std::optional<Interval> favourableCi;   ///< 95% Wilson
  std::int64_t favourableN = 0;
};

/// The national figures of the current period (no court, region or level filter).
struct LeagueNational {
  std::int64_t responses = 0;
  bool suppressed = true;
  std::vector<IndexSummary> indices;
  std::optional<double> favourable;
  std::optional<Interval> favourableCi;
  std::int64_t favourableN = 0;
};

struct LeagueTable {
  std::vector<LeagueRow> rows;            ///< one per court of `courts`, in that order
  LeagueNational national;
};

/// Builds the table for `courts` (codes) from court-grouped summaries of the three periods and the
/// national summary (GroupBy::None) of the current one. `overallItem`: the item whose %
/// favourable is shown ("" for none). A court's row is suppressed when its current group is
/// missing or suppressed; an index's changes and its test against the rest of the country need
/// the index unsuppressed on both sides (and n >= 2 each).
LeagueTable buildLeague(const std::vector<std::string>& courts, const SurveySummary& current,
                        const SurveySummary& previous, const SurveySummary& yearAgo, const SurveySummary& national,
                        const std::string& overallItem);

}  // namespace courtvoice::analytics
