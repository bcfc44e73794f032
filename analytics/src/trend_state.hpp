#pragma once
// The mergeable state of a trend: per (period, version) cell, per item and index of that
// version. The reference TrendBuilder fills it response by response; the results engine fills it
// from pre-aggregated cells; buildTrendReport turns it into the report. Internal to analytics.
#include <algorithm>
#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <unordered_map>
#include <utility>
#include <vector>

#include "courtvoice/analytics/trend.hpp"
#include "scale_rules.hpp"
#include "summary_state.hpp"

namespace courtvoice::analytics::detail {

/// Periods as consecutive integers, so that gaps can be filled and neighbours found.
inline std::int64_t periodOrdinal(std::int64_t year, int month, Period period) {
  switch (period) {
    case Period::Month: return year * 12 + (month - 1);
    case Period::Quarter: return year * 4 + (month - 1) / 3;
    case Period::Year: return year;
  }
  return year;
}

/// Answers to one item of one version in one period.
struct ItemCell {
  std::int64_t n = 0;
  ScaleCounts scale{};  // scale items: answers per value 0..10
  Moments number;       // number items

  void merge(const ItemCell& other) {
    n += other.n;
    for (std::size_t v = 0; v < scale.size(); ++v) scale[v] += other.scale[v];
    number.merge(other.number);
  }
};

/// Everything about one version's responses in one period.
struct Cell {
  std::int64_t responses = 0;
  CourtSpread<std::string> courts;  // the courts the responses came from
  std::vector<ItemCell> items;    // parallel to the version's items
  std::vector<Moments> indices;   // per index of the version: moments of the respondents' means
  std::uint16_t months = 0;       // bit m-1: responses in month m of the year (partial periods)

  void merge(const Cell& other) {
    responses += other.responses;
    months = static_cast<std::uint16_t>(months | other.months);
    courts.merge(other.courts);
    for (std::size_t i = 0; i < items.size(); ++i) items[i].merge(other.items[i]);
    for (std::size_t x = 0; x < indices.size(); ++x) indices[x].merge(other.indices[x]);
  }
};

/// One version's definition with lookups prepared once.
struct Version {
  surveys::SurveyDefinition def;
  std::unordered_map<std::string, std::size_t> itemPositions;
  std::vector<std::vector<std::size_t>> indicesOfItem;  // per item: the indices it feeds

  bool feeds(const surveys::Item& item, const surveys::IndexDefinition& index) const {
    return isFivePoint(item.type) &&
           std::find(index.dimensions.begin(), index.dimensions.end(), item.dimension) != index.dimensions.end();
  }
};

/// Everything a trend report is made from.
struct TrendData {
  std::vector<Version> versions;           // ascending by version number
  std::map<int, std::size_t> byNumber;     // version number -> position in `versions`
  TrendOptions options;
  TrendContext context;
  int minGroupSize = 0;
  bool twoCourts = false;                  // suppress periods and points from fewer than two courts
  std::map<std::pair<std::int64_t, int>, Cell> cells;  // (period ordinal, version) -> answers
  std::int64_t ignored = 0;                // responses to a version not among the definitions
  std::optional<std::int64_t> baselineOrdinal;  // context.baseline as a period ordinal

  /// Checks and prepares the definitions (see TrendBuilder's constructor for what is refused).
  TrendData(std::vector<surveys::SurveyDefinition> definitions, TrendOptions options, TrendContext context = {});

  const Version& version(int number) const { return versions[byNumber.at(number)]; }

  Cell& cell(std::int64_t ordinal, const Version& v) {
    auto [it, inserted] = cells.try_emplace({ordinal, v.def.version});
    if (inserted) {
      it->second.items.resize(v.def.items.size());
      it->second.indices.resize(v.def.indices.size());
    }
    return it->second;
  }
};

TrendReport buildTrendReport(const TrendData& data);

}  // namespace courtvoice::analytics::detail
