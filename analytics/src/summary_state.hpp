#pragma once
// The mergeable state of a summary (per group and item) and the one place that turns it into
// figures. The reference Summarizer fills it response by response; the results engine fills it
// from pre-aggregated cells. Internal to analytics.
#include <array>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

#include <boost/accumulators/accumulators.hpp>
#include <boost/accumulators/statistics/count.hpp>
#include <boost/accumulators/statistics/mean.hpp>
#include <boost/accumulators/statistics/stats.hpp>
#include <boost/accumulators/statistics/variance.hpp>

#include "courtvoice/analytics/summary.hpp"
#include "scale_rules.hpp"

namespace courtvoice::analytics::detail {

namespace ba = boost::accumulators;

/// Streaming moments of Number answers inside one segment (Welford-style update in Boost).
using Segment = ba::accumulator_set<double, ba::stats<ba::tag::count, ba::tag::mean, ba::tag::variance>>;

/// Slots of the non-answer counters; "skipped" last.
constexpr std::size_t kNonAnswerSlots = 4;
constexpr std::size_t kSkippedSlot = 3;
std::size_t slotOf(surveys::NonAnswer na);

/// Mergeable state of one item within one group.
struct ItemState {
  std::int64_t n = 0;                       // substantive answers
  ScaleCounts scale{};                      // scale items: answers per value 0..10 (no map in the hot path)
  std::map<int, std::int64_t> counts;       // choice items: option code -> answers
  std::array<std::int64_t, kNonAnswerSlots> nonAnswers{};
  // Number items: Boost computes the moments of the current segment; merged segments are
  // combined with Moments::merge (Chan et al.). Values are also counted for an exact median.
  Moments merged;
  Segment segment;
  std::unordered_map<double, std::int64_t> values;  // hashed: a tree lookup per answer was the hot spot

  Moments numberMoments() const;
  void merge(const ItemState& other);
};

/// Whether a set of responses came from no court, one, or two or more: all that the rule "a
/// group from fewer than two courts is suppressed" needs, in constant space. `Key`: a court code
/// (reference) or the engine's court index.
template <typename Key>
struct CourtSpread {
  Key first{};
  bool any = false;
  bool several = false;

  void add(const Key& court) {
    if (!any) {
      first = court;
      any = true;
    } else if (!(court == first)) {
      several = true;
    }
  }
  void merge(const CourtSpread& other) {
    if (other.several) several = true;
    if (other.any) add(other.first);
  }
};

/// Mergeable state of one group: its responses, the courts they came from, items (parallel to the definition's items) and
/// indices (the moments of the respondents' means, parallel to the definition's indices).
struct GroupState {
  std::int64_t responses = 0;
  CourtSpread<std::string> courts;
  std::vector<ItemState> items;
  std::vector<Moments> indices;

  void resize(const surveys::SurveyDefinition& def) {
    items.resize(def.items.size());
    indices.resize(def.indices.size());
  }
  void merge(const GroupState& other);
};

/// Per item of `def`: the indices it feeds (5-point items whose dimension an index lists).
std::vector<std::vector<std::size_t>> indicesOfItems(const surveys::SurveyDefinition& def);

/// Whether groups from fewer than two courts are suppressed: for a survey not reported by court.
inline bool needsTwoCourts(const surveys::SurveyDefinition& def) { return !def.reportByCourt; }

/// The figures of the groups, suppressed under `minGroupSize` (groups, items and indices) and,
/// with `twoCourts`, groups whose responses come from fewer than two courts.
SurveySummary buildSummary(const surveys::SurveyDefinition& def, GroupBy groupBy, int minGroupSize, bool twoCourts,
                           const std::map<std::string, GroupState>& groups);

}  // namespace courtvoice::analytics::detail
