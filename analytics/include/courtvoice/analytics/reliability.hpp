#pragma once
// Internal consistency of the indices and dimensions: Cronbach's alpha over their 5-point items,
// with "alpha if item deleted". Formulas and sources: docs/analytics.md, "Cronbach's alpha".
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/results_engine.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::analytics {

/// Exact sums of k items' codes over complete rows (integers: no rounding however many rows),
/// from which every variance and covariance follows.
class ItemCovariance {
 public:
  explicit ItemCovariance(std::size_t items);
  /// One respondent's codes, one per item (all present: alpha is listwise complete).
  void add(const std::vector<int>& codes);
  std::int64_t n() const { return n_; }
  std::size_t items() const { return sums_.size(); }
  /// Sample covariance of items a and b (n - 1 in the denominator); 0 when n < 2.
  double covariance(std::size_t a, std::size_t b) const;

 private:
  std::int64_t n_ = 0;
  std::vector<std::int64_t> sums_;
  std::vector<std::int64_t> products_;  // k x k, row-major
};

/// Alpha or why there is none: "fewer_than_two_items", "too_few_respondents" (n < 2),
/// "zero_variance" (the total score does not vary).
struct AlphaValue {
  std::optional<double> alpha;
  std::string reason;
};

/// alpha = k / (k - 1) * (1 - sum of item variances / variance of the total), over the items
/// of `cov` except `without` (an item index, or -1 for none).
AlphaValue cronbachAlpha(const ItemCovariance& cov, int without = -1);

struct AlphaIfDeleted {
  std::string itemId;
  AlphaValue value;
};

/// Alpha of one index or one dimension.
struct ReliabilityEntry {
  std::string kind;                   ///< "index" or "dimension"
  std::string id;                     ///< the index id or the dimension name
  std::vector<std::string> itemIds;   ///< its 5-point items, in definition order
  std::int64_t n = 0;                 ///< respondents who answered every one of them
  bool suppressed = false;            ///< n under the minimum group size: nothing else is shown
  AlphaValue value;
  std::vector<AlphaIfDeleted> ifDeleted;  ///< per item, on the same respondents
};

struct ReliabilityReport {
  std::string surveyId;
  int minGroupSize = 0;
  std::int64_t responses = 0;  ///< responses in scope (0 when the scope is suppressed)
  bool suppressed = false;     ///< the scope is under the minimum (or from one court where that matters)
  std::vector<ReliabilityEntry> entries;  ///< each index, then each dimension of an index
};

/// Alpha of every index and of every dimension of an index, over the responses `filter` covers.
/// The scope is suppressed under `minGroupSize` responses, or from fewer than two courts for a
/// survey not reported by court; an entry is suppressed when its listwise n is under the minimum.
ReliabilityReport reliability(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                              const std::vector<surveys::Court>& courts, const ResultsFilter& filter, int minGroupSize);

}  // namespace courtvoice::analytics
