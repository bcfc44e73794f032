#pragma once
// Summaries of responses to one survey: per group (all, court, region, level, month, quarter) and item,
// counts per answer code, non-answers apart, mean, sd, exact median, % favourable with a Wilson
// interval, and dimension indices on 0..100. Groups under the minimum size are suppressed.
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/statistics.hpp"
#include "courtvoice/surveys/stores.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::analytics {

enum class GroupBy { None, Court, Region, Month, Quarter, Level };
std::string toString(GroupBy);
std::optional<GroupBy> parseGroupBy(const std::string&);

struct SummaryOptions {
  GroupBy groupBy = GroupBy::None;
  int minGroupSize = 0;  ///< 0: the definition's effectiveMinGroupSize()
};
// A definition with report_by_court false also suppresses every group whose responses come from
// fewer than two courts (as a small group): see docs/analytics.md.

/// Summary of one item within one group. For scale items all fields apply; for choice items
/// counts only; for Number items n/mean/sd/median; Text items report n only.
struct ItemSummary {
  std::string itemId;
  std::int64_t n = 0;                         ///< substantive answers (denominator)
  std::map<int, std::int64_t> counts;         ///< per answer code (scale value or option)
  std::map<std::string, std::int64_t> nonAnswers;  ///< "not_applicable", "dont_know", "no_opinion", "skipped"
  std::optional<double> mean;
  std::optional<double> sd;
  std::optional<double> median;
  std::optional<double> favourable;           ///< share (0..1) at 4-5 (5-point) or 9-10 (0-10)
  std::optional<Interval> favourableCi;       ///< 95% Wilson
  std::optional<double> nps;                  ///< 0-10 items: % 9-10 minus % 0-6, -100..100
  std::optional<Interval> npsCi;              ///< 95%, npsInterval95
  bool suppressed = false;                    ///< n under the minimum: only `itemId` is meaningful
};

struct IndexSummary {
  std::string indexId;
  std::optional<double> value;                ///< 0..100, (mean - 1) * 25 over the 5-point items
  std::int64_t n = 0;                         ///< respondents counted (the index rule, docs/analytics.md)
  std::optional<Interval> ci;                 ///< 95%, t on the respondents' means (n >= 2)
  Moments moments;                            ///< of the respondents' means (1..5 scale), for tests between groups; empty when suppressed
  bool suppressed = false;                    ///< n under the minimum: only `indexId` is meaningful
};

struct GroupSummary {
  std::string key;                            ///< "" for GroupBy::None; court code, region, level, "2025-03", "2025-Q1"
  std::int64_t responses = 0;
  bool suppressed = false;                    ///< true: only `key` and `suppressed` are meaningful (too few responses, or too few courts)
  std::vector<ItemSummary> items;             ///< in definition order; empty when suppressed
  std::vector<IndexSummary> indices;
};

struct SurveySummary {
  std::string surveyId;
  GroupBy groupBy = GroupBy::None;
  int minGroupSize = 0;
  std::int64_t totalResponses = 0;            ///< sum of the groups shown (suppressed ones count 0)
  std::vector<GroupSummary> groups;           ///< sorted by key
};

/// Streaming summariser. Feed responses with add(); state per group is mergeable, so partial
/// summarisers (e.g. per segment or per thread) can be combined with merge().
class Summarizer {
 public:
  Summarizer(surveys::SurveyDefinition definition, SummaryOptions options);
  ~Summarizer();
  Summarizer(Summarizer&&) noexcept;
  Summarizer& operator=(Summarizer&&) noexcept;

  void add(const surveys::StoredResponse& response);
  /// Combines another summariser's state of the same survey and options into this one.
  void merge(const Summarizer& other);
  SurveySummary result() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Convenience: reads the query's responses from the store and summarises them.
SurveySummary summarize(const surveys::SurveyDefinition& definition, surveys::ResponseStore& store,
                        const surveys::ResponseQuery& query, const SummaryOptions& options);

}  // namespace courtvoice::analytics
