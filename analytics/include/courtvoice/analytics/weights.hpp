#pragma once
// Post-stratification weights (docs/analytics.md, "Post-stratification weights"): respondents of
// a cell (a court, or a court and case type) are weighted by the cell's share of the population
// over its share of the sample, so that figures stand for the population's mix of courts and case
// types. Beside each weighted share: Kish's effective sample size and a Wilson interval on it.
#include <cstdint>
#include <map>
#include <optional>
#include <set>
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

/// An index's weighted value in a group: per-respondent index means (the index rule as in the
/// summary) weighted by their cell's weight.
struct WeightedIndex {
  std::string indexId;
  std::int64_t weightedN = 0;      ///< respondents who count in the index with a weight above 0
  std::optional<double> value;     ///< 0..100: (weighted mean of the 1..5 means - 1) x 25
  std::optional<double> kishN;     ///< (sum w)^2 / sum w^2 over them
  std::optional<Interval> ci;      ///< t interval on Kish's n (docs/analytics.md); none when n_eff < 2
};

/// The weighted figures of one summary group: cells are weighted within the group (a region's
/// courts to the region's population mix, a month's respondents to the population's mix).
struct WeightedGroup {
  std::string key;                      ///< the summary group's key ("" for GroupBy::None)
  std::int64_t respondents = 0;         ///< in the group
  std::int64_t weightedRespondents = 0; ///< of them, with a weight above 0
  std::int64_t unmatched = 0;           ///< in cells without a population count (or no case-type answer)
  std::optional<double> kishN;          ///< effective n of the group's respondents with a weight
  std::vector<WeightedItem> items;      ///< the definition's scale items, in its order
  std::vector<WeightedIndex> indices;   ///< the definition's indices, in its order
  std::set<std::string> unmatchedCells; ///< cells with respondents and no count; "COURT|" = no case-type answer
};

/// Weighted figures of every group of the summary that `groupBy` gives (keys as in
/// ResultsEngine::summary), from one scan: the engine's summary of each (group, cell) with the
/// summary's own rules (favourable, the index rule), then the cell weights of the group.
/// `caseTypeItem`: "" for cells per court. No suppression here: the caller shows weighted figures
/// only where the unweighted ones are shown.
std::map<std::string, WeightedGroup> weightedGroups(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                                                    const std::vector<surveys::Court>& courts,
                                                    const ResultsFilter& filter, GroupBy groupBy,
                                                    const PopulationCounts& population, const std::string& caseTypeItem);

/// The 95% interval of a weighted index on Kish's n: m +- t(0.975, floor(n_eff) - 1) x s / sqrt(n_eff),
/// s^2 = the weighted variance x n_eff / (n_eff - 1), mapped to 0..100 and cut to [0, 100]; with
/// equal weights exactly the summary's index interval. None when n_eff < 2.
std::optional<Interval> weightedIndexInterval95(double mean, double weightedVariance, double kishN);

}  // namespace courtvoice::analytics
