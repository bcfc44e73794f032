#pragma once
// Post-stratification weights (docs/analytics.md, "Post-stratification weights"): respondents of
// a cell (a court, or a court and case type) are weighted by the cell's share of the population
// over its share of the sample, so that figures stand for the population's mix of courts and case
// types. Beside each weighted share: Kish's effective sample size and a Wilson interval on it.
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/analytics/statistics.hpp"

namespace courtvoice::analytics {

/// Population counts per cell: key "COURT" (per court) or "COURT|CODE" (per court and case type,
/// CODE the option code of the case-type item). A count of zero drops the cell.
using PopulationCounts = std::map<std::string, double>;

struct CellWeight {
  std::string cell;
  std::int64_t sample = 0;   ///< respondents in the cell (in the query's scope)
  double population = 0;     ///< its population count
  double weight = 0;         ///< (population / population total) / (sample / sample total); 0 drops it
};

/// Weights of the cells that have respondents: population shares over sample shares, both taken
/// over the cells present in both the sample and the population (cells without a population
/// count get no weight and are left out, see `unmatched`).
std::vector<CellWeight> cellWeights(const std::map<std::string, std::int64_t>& sample, const PopulationCounts& population);

/// Wilson score interval for a share `p` on an effective (non-integer) sample size `n` > 0.
Interval wilsonOnEffectiveN(double p, double n, double z = kZ95);

struct WeightedShare {
  std::int64_t n = 0;                 ///< respondents who answered (unweighted denominator)
  std::optional<double> unweighted;   ///< share favourable among them
  std::int64_t weightedN = 0;         ///< of them, respondents with a weight above 0
  std::optional<double> weighted;     ///< sum(w * favourable) / sum(w)
  double sumWeights = 0;
  std::optional<double> kishN;        ///< (sum w)^2 / sum w^2
  std::optional<Interval> weightedCi; ///< Wilson on the weighted share with n = kishN
};

/// One item's shares from its answers: (weight, favourable) per respondent who answered.
WeightedShare weightedShare(const std::vector<std::pair<double, bool>>& answers);

struct WeightedItem {
  std::string itemId;
  WeightedShare share;
};

struct WeightedFigures {
  std::vector<CellWeight> cells;
  std::int64_t respondents = 0;  ///< in the scope
  std::int64_t unmatched = 0;    ///< respondents in cells without a population count (weight 0)
  std::optional<double> kishN;   ///< effective n of all respondents with a weight
  std::vector<WeightedItem> items;  ///< the definition's scale items, in its order
};

/// Weighted and unweighted % favourable of every scale item of `definition` in the filter's scope,
/// from one scan of the results engine. `caseTypeItem`: the single-choice item whose code is the
/// case type ("" for cells per court); respondents without an answer to it fall in no cell.
WeightedFigures weightedFavourable(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                                   const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                                   const PopulationCounts& population, const std::string& caseTypeItem);

}  // namespace courtvoice::analytics
