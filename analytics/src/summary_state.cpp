#include "summary_state.hpp"

#include <algorithm>
#include <cmath>

namespace courtvoice::analytics::detail {

using surveys::ItemType;
using surveys::NonAnswer;

namespace {

constexpr std::array<const char*, kNonAnswerSlots> kNonAnswerNames = {"not_applicable", "dont_know", "no_opinion",
                                                                      "skipped"};

Moments toMoments(const Segment& segment) {
  Moments m;
  m.n = static_cast<std::int64_t>(ba::count(segment));
  if (m.n == 0) return m;
  m.mean = ba::mean(segment);
  // Boost's tag::variance is the population variance M2 / n, so M2 = variance * n.
  m.m2 = ba::variance(segment) * static_cast<double>(m.n);
  return m;
}

/// The value at 0-based rank `k` of the multiset described by value -> count.
template <typename K>
double valueAtRank(const std::map<K, std::int64_t>& counts, std::int64_t k) {
  std::int64_t seen = 0;
  for (const auto& [value, count] : counts) {
    seen += count;
    if (k < seen) return static_cast<double>(value);
  }
  return 0.0;  // unreachable when k < total
}

/// Exact median: the middle value for odd n, the mean of the two middle values for even n.
template <typename K>
std::optional<double> medianOf(const std::map<K, std::int64_t>& counts, std::int64_t n) {
  if (n <= 0) return std::nullopt;
  if (n % 2 == 1) return valueAtRank(counts, n / 2);
  return (valueAtRank(counts, n / 2 - 1) + valueAtRank(counts, n / 2)) / 2.0;
}

void summarizeScale(const surveys::Item& item, const ItemState& state, ItemSummary& out) {
  for (std::size_t v = 0; v < state.scale.size(); ++v) {
    if (state.scale[v] > 0) out.counts[static_cast<int>(v)] = state.scale[v];
  }
  if (state.n == 0) return;
  const Moments m = scaleMoments(state.scale);
  out.mean = m.mean;
  if (state.n >= 2) out.sd = m.sampleSd();
  out.median = medianOf(out.counts, state.n);
  const std::int64_t favourable = favourableCount(state.scale, item.type);
  const double n = static_cast<double>(state.n);
  out.favourable = static_cast<double>(favourable) / n;
  out.favourableCi = wilsonInterval(favourable, state.n);
  if (item.type == ItemType::Scale0to10) {
    const std::int64_t detractors = detractorCount(state.scale);
    out.nps = 100.0 * static_cast<double>(favourable - detractors) / n;
    out.npsCi = npsInterval95(favourable, detractors, state.n);
  }
}

ItemSummary summarizeItem(const surveys::Item& item, const ItemState& state, int minGroupSize) {
  ItemSummary out;
  out.itemId = item.id;
  if (state.n < minGroupSize) {
    // Too few answers to show anything, not even how many (n and the non-answers would give it).
    out.suppressed = true;
    return out;
  }
  out.n = state.n;
  for (std::size_t i = 0; i < state.nonAnswers.size(); ++i) {
    if (state.nonAnswers[i] > 0) out.nonAnswers[kNonAnswerNames[i]] = state.nonAnswers[i];
  }
  switch (item.type) {
    case ItemType::Agreement5:
    case ItemType::Satisfaction5:
    case ItemType::Scale5:
    case ItemType::Scale0to10:
      summarizeScale(item, state, out);
      break;
    case ItemType::SingleChoice:
    case ItemType::MultipleChoice:
      out.counts = state.counts;
      break;
    case ItemType::Number: {
      if (state.n == 0) break;
      const Moments m = state.numberMoments();
      out.mean = m.mean;
      if (m.n >= 2) out.sd = m.sampleSd();
      const std::map<double, std::int64_t> ordered(state.values.begin(), state.values.end());
      out.median = medianOf(ordered, state.n);
      break;
    }
    case ItemType::Text:
      break;
  }
  return out;
}

IndexSummary summarizeIndex(const surveys::IndexDefinition& index, const Moments& m, int minGroupSize) {
  IndexSummary out;
  out.indexId = index.id;
  if (m.n < minGroupSize) {
    out.suppressed = true;
    return out;
  }
  out.n = m.n;
  if (m.n > 0) out.value = indexValue(m.mean);
  out.ci = indexInterval95(m);
  out.moments = m;
  return out;
}

}  // namespace

std::size_t slotOf(NonAnswer na) {
  switch (na) {
    case NonAnswer::NotApplicable: return 0;
    case NonAnswer::DontKnow: return 1;
    case NonAnswer::NoOpinion: return 2;
  }
  return 0;
}

Moments ItemState::numberMoments() const {
  Moments m = merged;
  m.merge(toMoments(segment));
  return m;
}

void ItemState::merge(const ItemState& other) {
  n += other.n;
  for (std::size_t v = 0; v < scale.size(); ++v) scale[v] += other.scale[v];
  for (const auto& [code, count] : other.counts) counts[code] += count;
  for (std::size_t i = 0; i < nonAnswers.size(); ++i) nonAnswers[i] += other.nonAnswers[i];
  // Close this segment, then add the other's closed and open parts.
  merged = numberMoments();
  segment = Segment();
  merged.merge(other.numberMoments());
  for (const auto& [value, count] : other.values) values[value] += count;
}

void GroupState::merge(const GroupState& other) {
  responses += other.responses;
  courts.merge(other.courts);
  for (std::size_t i = 0; i < items.size(); ++i) items[i].merge(other.items[i]);
  for (std::size_t x = 0; x < indices.size(); ++x) indices[x].merge(other.indices[x]);
}

std::vector<std::vector<std::size_t>> indicesOfItems(const surveys::SurveyDefinition& def) {
  std::vector<std::vector<std::size_t>> out(def.items.size());
  for (std::size_t i = 0; i < def.items.size(); ++i) {
    if (!isFivePoint(def.items[i].type)) continue;
    for (std::size_t x = 0; x < def.indices.size(); ++x) {
      const auto& dims = def.indices[x].dimensions;
      if (std::find(dims.begin(), dims.end(), def.items[i].dimension) != dims.end()) out[i].push_back(x);
    }
  }
  return out;
}

SurveySummary buildSummary(const surveys::SurveyDefinition& def, GroupBy groupBy, int minGroupSize, bool twoCourts,
                           const std::map<std::string, GroupState>& groups) {
  SurveySummary out;
  out.surveyId = def.id;
  out.groupBy = groupBy;
  out.minGroupSize = minGroupSize;
  for (const auto& [key, g] : groups) {
    GroupSummary gs;
    gs.key = key;
    if (g.responses < minGroupSize || (twoCourts && !g.courts.several)) {
      // Suppressed: not even the count is shown, and it is left out of the total too. From one
      // court only, a group of a survey not reported by court would be that court's result.
      gs.suppressed = true;
      out.groups.push_back(std::move(gs));
      continue;
    }
    gs.responses = g.responses;
    out.totalResponses += g.responses;
    for (std::size_t i = 0; i < def.items.size(); ++i) {
      gs.items.push_back(summarizeItem(def.items[i], g.items[i], minGroupSize));
    }
    for (std::size_t x = 0; x < def.indices.size(); ++x) {
      gs.indices.push_back(summarizeIndex(def.indices[x], g.indices[x], minGroupSize));
    }
    out.groups.push_back(std::move(gs));
  }
  return out;
}

}  // namespace courtvoice::analytics::detail
