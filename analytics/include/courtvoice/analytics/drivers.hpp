#pragma once
// Key-driver analysis: how strongly each 5-point item of the indices goes with an outcome item
// (the overall satisfaction), against how well it performs (% favourable): the importance /
// performance quadrants. Formulas and sources: docs/analytics.md, "Drivers".
#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/analytics/statistics.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::analytics {

/// A correlation coefficient or why there is none ("too_few_pairs" for n < 2, "zero_variance"),
/// with its 95% Fisher-z interval when n > 3 and |r| < 1.
struct Correlation {
  std::int64_t n = 0;
  std::optional<double> r;
  std::optional<Interval> ci;
  std::string reason;
};

/// tanh(atanh(r) -+ kZ95 / sqrt(n - 3)); nullopt for n <= 3 or |r| >= 1.
std::optional<Interval> fisherInterval95(double r, std::int64_t n);

/// Joint counts of two scale items' codes (0..10) over the respondents who answered both
/// (pairwise complete). Both correlations follow exactly from the table.
class PairTable {
 public:
  static constexpr int kCodes = 11;
  void add(int x, int y) { ++counts_[static_cast<std::size_t>(x)][static_cast<std::size_t>(y)]; }
  std::int64_t n() const;
  /// Pearson's r of the codes.
  Correlation pearson() const;
  /// Spearman's rho: Pearson's r of the ranks, tied codes getting their average rank.
  Correlation spearman() const;

 private:
  Correlation correlate(const std::array<double, kCodes>& xValue, const std::array<double, kCodes>& yValue) const;
  std::array<std::array<std::int64_t, kCodes>, kCodes> counts_{};
};

enum class Quadrant { Priority, Strength, Secondary, Maintain };
/// "priority" (high importance, low performance), "strength" (high, high), "secondary" (low, low),
/// "maintain" (low importance, high performance).
std::string toString(Quadrant);

struct DriverItem {
  std::string itemId;
  std::string dimension;
  bool suppressed = false;         ///< fewer pairs than the minimum group size: nothing else is shown
  Correlation pearson;             ///< importance
  Correlation spearman;
  std::int64_t favourableN = 0;    ///< respondents who answered the item
  std::optional<double> favourable;  ///< share 0..1 answering 4-5: performance
  std::optional<Interval> favourableCi;  ///< 95% Wilson
  std::optional<Quadrant> quadrant;  ///< absent when r is
};

struct DriversReport {
  std::string surveyId;
  std::string outcomeItemId;
  int minGroupSize = 0;
  std::int64_t responses = 0;    ///< responses in scope (0 when suppressed)
  bool suppressed = false;
  std::optional<double> importanceMedian;   ///< median Pearson r of the items placed
  std::optional<double> performanceMedian;  ///< median favourable share of those items
  /// Priority items first, then strength, secondary, maintain; within each by importance,
  /// highest first; items without a quadrant (and suppressed ones) last, in definition order.
  std::vector<DriverItem> items;
};

/// Places items on the quadrants: high importance when r > the median r, high performance when
/// favourable > the median favourable (medians over the items with an r), and sorts them.
void placeInQuadrants(DriversReport& report);

/// The outcome item a drivers report uses by default: the item with id "overall" when it is a
/// scale item, else the first 5-point item of dimension "overall"; nullopt when there is none.
std::optional<std::string> defaultOutcome(const surveys::SurveyDefinition& definition);

/// The drivers of `outcomeItemId` (a scale item of `definition`) over the responses `filter`
/// covers: every 5-point item of a dimension of an index, except the outcome. Suppression as the
/// summary: the scope under `minGroupSize` responses (or from one court for a survey not
/// reported by court), an item with fewer pairs than the minimum. Throws std::invalid_argument
/// when `outcomeItemId` is not a scale item of `definition`.
DriversReport drivers(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                      const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                      const std::string& outcomeItemId, int minGroupSize);

}  // namespace courtvoice::analytics
