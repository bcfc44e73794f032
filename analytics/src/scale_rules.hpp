#pragma once
// The statistical rules every report applies to scale items, written once: which answers are
// favourable, which are detractors, which items feed an index, and how an index maps to 0..100.
// The reference summariser, the trend builder and the results engine all use these.
#include <array>
#include <cstddef>
#include <cstdint>

#include "courtvoice/analytics/statistics.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::analytics::detail {

/// Answers per scale value 0..10 (5-point items use 1..5).
using ScaleCounts = std::array<std::int64_t, 11>;

/// Only 5-point items feed indices (an index is a mean on 1..5).
using surveys::isFivePoint;

/// Favourable (top-2 box): 4-5 on a 5-point item, 9-10 on 0..10 (NPS promoters).
inline int favourableFrom(surveys::ItemType type) { return type == surveys::ItemType::Scale0to10 ? 9 : 4; }

/// NPS detractors answer 0..6.
constexpr int kDetractorsUpTo = 6;

/// An index value on 0..100 from the mean of respondents' 1..5 means: all 1s -> 0, all 5s -> 100.
constexpr double kIndexScale = 25.0;
inline double indexValue(double meanOnFivePoints) { return (meanOnFivePoints - 1.0) * kIndexScale; }

/// The index rule: a respondent counts in an index only when they answered with a value at least
/// half, rounded up, of the index's 5-point items that were shown to them (`answered` of `shown`;
/// an item counts as shown when its condition holds or the response has an answer to it).
/// Half, not all: one skipped item must not drop a respondent; not one: a single answer is not
/// enough to stand for several.
inline bool countsInIndex(int answered, int shown) { return answered > 0 && 2 * answered >= shown; }

inline std::int64_t favourableCount(const ScaleCounts& counts, surveys::ItemType type) {
  std::int64_t total = 0;
  for (std::size_t v = static_cast<std::size_t>(favourableFrom(type)); v < counts.size(); ++v) total += counts[v];
  return total;
}

inline std::int64_t detractorCount(const ScaleCounts& counts) {
  std::int64_t total = 0;
  for (std::size_t v = 0; v <= static_cast<std::size_t>(kDetractorsUpTo); ++v) total += counts[v];
  return total;
}

/// Moments of a scale item's answers, exactly from the counts (two passes over 11 codes).
inline Moments scaleMoments(const ScaleCounts& counts) {
  Moments m;
  for (std::int64_t c : counts) m.n += c;
  if (m.n == 0) return m;
  double sum = 0;
  for (std::size_t v = 0; v < counts.size(); ++v) sum += static_cast<double>(v) * static_cast<double>(counts[v]);
  m.mean = sum / static_cast<double>(m.n);
  for (std::size_t v = 0; v < counts.size(); ++v) {
    const double d = static_cast<double>(v) - m.mean;
    m.m2 += static_cast<double>(counts[v]) * d * d;
  }
  return m;
}

}  // namespace courtvoice::analytics::detail
