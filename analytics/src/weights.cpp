#include "courtvoice/analytics/weights.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>
#include <utility>

#include "scale_rules.hpp"

namespace courtvoice::analytics {

std::vector<CellWeight> cellWeights(const std::map<std::string, std::int64_t>& sample, const PopulationCounts& population) {
  double populationTotal = 0;
  double sampleTotal = 0;
  for (const auto& [cell, n] : sample) {
    const auto found = population.find(cell);
    if (found == population.end() || n <= 0) continue;
    if (found->second < 0 || !std::isfinite(found->second)) throw std::invalid_argument("population count of " + cell);
    populationTotal += found->second;
    sampleTotal += static_cast<double>(n);
  }
  std::vector<CellWeight> out;
  for (const auto& [cell, n] : sample) {
    CellWeight w{cell, n, 0, 0};
    const auto found = population.find(cell);
    if (found != population.end()) {
      w.population = found->second;
      if (populationTotal > 0 && n > 0) {
        w.weight = (found->second / populationTotal) / (static_cast<double>(n) / sampleTotal);
      }
    }
    out.push_back(w);
  }
  return out;
}

Interval wilsonOnEffectiveN(double p, double n, double z) {
  if (!(n > 0) || p < 0 || p > 1) throw std::invalid_argument("wilsonOnEffectiveN: n > 0 and 0 <= p <= 1");
  const double z2 = z * z;
  const double denominator = 1 + z2 / n;
  const double centre = (p + z2 / (2 * n)) / denominator;
  const double half = z / denominator * std::sqrt(p * (1 - p) / n + z2 / (4 * n * n));
  return {std::max(0.0, centre - half), std::min(1.0, centre + half)};
}

namespace {

// The sums behind a weighted share; respondents of one cell share a weight, so a cell adds at once.
struct ShareSums {
  WeightedShare out;
  std::int64_t favourable = 0;
  double sumW2 = 0;
  double sumWFav = 0;

  void add(double w, std::int64_t n, std::int64_t fav) {
    out.n += n;
    favourable += fav;
    if (w <= 0 || n <= 0) return;
    out.weightedN += n;
    out.sumWeights += w * static_cast<double>(n);
    sumW2 += w * w * static_cast<double>(n);
    sumWFav += w * static_cast<double>(fav);
  }

  WeightedShare finish() {
    if (out.n > 0) out.unweighted = static_cast<double>(favourable) / static_cast<double>(out.n);
    if (out.sumWeights > 0) {
      out.weighted = sumWFav / out.sumWeights;
      out.kishN = out.sumWeights * out.sumWeights / sumW2;
      out.weightedCi = wilsonOnEffectiveN(*out.weighted, *out.kishN);
    }
    return out;
  }
};

}  // namespace

WeightedShare weightedShare(const std::vector<std::pair<double, bool>>& answers) {
  ShareSums sums;
  for (const auto& [w, fav] : answers) sums.add(w, 1, fav ? 1 : 0);
  return sums.finish();
}

WeightedFigures weightedFavourable(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                                   const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                                   const PopulationCounts& population, const std::string& caseTypeItem) {
  std::vector<std::string> itemIds;
  std::vector<surveys::ItemType> types;
  for (const auto& item : definition.items) {
    if (!surveys::isScale(item.type)) continue;
    itemIds.push_back(item.id);
    types.push_back(item.type);
  }
  const std::size_t scaleItems = itemIds.size();
  if (!caseTypeItem.empty()) itemIds.push_back(caseTypeItem);

  // One pass keeps each respondent's cell and codes (a byte-sized code per item would do; the
  // scale items of one survey are few).
  struct Row {
    std::string cell;
    std::vector<int> codes;
  };
  std::vector<Row> rows;
  std::map<std::string, std::int64_t> sample;
  engine.scan(definition.id, courts, filter, itemIds, [&](const ScannedRow& row) {
    Row r;
    r.cell = std::string(row.court);
    if (!caseTypeItem.empty()) {
      const int code = row.code(scaleItems);
      r.cell = code == ScannedRow::kNoCode ? "" : r.cell + "|" + std::to_string(code);
    }
    r.codes.assign(row.codes->begin(), row.codes->begin() + static_cast<std::ptrdiff_t>(scaleItems));
    if (!r.cell.empty()) ++sample[r.cell];
    rows.push_back(std::move(r));
  });

  WeightedFigures out;
  out.cells = cellWeights(sample, population);
  std::map<std::string, double> weightOf;
  for (const auto& c : out.cells) weightOf[c.cell] = c.weight;
  out.respondents = static_cast<std::int64_t>(rows.size());
  std::vector<std::pair<double, bool>> all;
  std::vector<double> weights;
  for (const Row& r : rows) {
    const auto found = weightOf.find(r.cell);
    const double w = found == weightOf.end() ? 0.0 : found->second;
    if (found == weightOf.end() || !population.count(r.cell)) ++out.unmatched;
    weights.push_back(w);
    all.push_back({w, false});
  }
  out.kishN = weightedShare(all).kishN;
  for (std::size_t k = 0; k < scaleItems; ++k) {
    std::vector<std::pair<double, bool>> answers;
    const int from = detail::favourableFrom(types[k]);
    const int top = surveys::scaleMax(types[k]);
    const int bottom = surveys::scaleMin(types[k]);
    for (std::size_t i = 0; i < rows.size(); ++i) {
      const int code = rows[i].codes[k];
      if (code == ScannedRow::kNoCode || code < bottom || code > top) continue;
      answers.push_back({weights[i], code >= from});
    }
    out.items.push_back({itemIds[k], weightedShare(answers)});
  }
  return out;
}

std::optional<Interval> weightedIndexInterval95(double mean, double weightedVariance, double kishN) {
  if (!(kishN >= 2)) return std::nullopt;
  const double s = std::sqrt(std::max(0.0, weightedVariance) * kishN / (kishN - 1));
  const double half = tQuantile95(static_cast<std::int64_t>(std::floor(kishN)) - 1) * s / std::sqrt(kishN);
  return Interval{std::clamp(detail::indexValue(mean - half), 0.0, 100.0),
                  std::clamp(detail::indexValue(mean + half), 0.0, 100.0)};
}

namespace {

// A (group, cell) key for summaryByRow: the unit separator cannot occur in keys or court codes.
constexpr char kKeySeparator = '\x1f';

std::string groupKeyOf(const ScannedRow& row, GroupBy groupBy) {
  switch (groupBy) {
    case GroupBy::None: return "";
    case GroupBy::Court: return std::string(row.court);
    case GroupBy::Region: return std::string(row.region);
    case GroupBy::Level: return std::string(row.level);
    case GroupBy::Month: return row.monthStart().monthKey();
    case GroupBy::Quarter: return row.monthStart().quarterKey();
  }
  return "";
}

WeightedIndex weightedIndex(const std::string& indexId, const std::vector<std::pair<double, Moments>>& cells) {
  WeightedIndex out;
  out.indexId = indexId;
  double sumW = 0, sumW2 = 0, sumWMean = 0;
  for (const auto& [w, m] : cells) {
    if (w <= 0 || m.n <= 0) continue;
    const double n = static_cast<double>(m.n);
    out.weightedN += m.n;
    sumW += w * n;
    sumW2 += w * w * n;
    sumWMean += w * n * m.mean;
  }
  if (!(sumW > 0)) return out;
  const double mean = sumWMean / sumW;
  // Weighted variance around the weighted mean: within-cell sums of squares plus between cells.
  double sumSquares = 0;
  for (const auto& [w, m] : cells) {
    if (w <= 0 || m.n <= 0) continue;
    sumSquares += w * (m.m2 + static_cast<double>(m.n) * (m.mean - mean) * (m.mean - mean));
  }
  out.value = detail::indexValue(mean);
  out.kishN = sumW * sumW / sumW2;
  out.ci = weightedIndexInterval95(mean, sumSquares / sumW, *out.kishN);
  return out;
}

}  // namespace

std::map<std::string, WeightedGroup> weightedGroups(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                                                    const std::vector<surveys::Court>& courts,
                                                    const ResultsFilter& filter, GroupBy groupBy,
                                                    const PopulationCounts& population, const std::string& caseTypeItem) {
  // Every (group, cell) summarised with the summary's rules and no suppression of its own: a
  // minimum of 1 and the two-court rule off (cells are within one court by construction).
  surveys::SurveyDefinition unsuppressed = definition;
  unsuppressed.reportByCourt = true;
  SummaryOptions options;
  options.minGroupSize = 1;
  std::vector<std::string> itemIds;
  if (!caseTypeItem.empty()) itemIds.push_back(caseTypeItem);
  const SurveySummary cells = engine.summaryByRow(
      unsuppressed, courts, filter, options, itemIds, [&](const ScannedRow& row) -> std::optional<std::string> {
        std::string cell(row.court);
        if (!caseTypeItem.empty()) {
          const int code = row.code(0);
          cell += "|" + (code == ScannedRow::kNoCode ? std::string() : std::to_string(code));
        }
        return groupKeyOf(row, groupBy) + kKeySeparator + cell;
      });

  // Cells of each group, in key order.
  std::map<std::string, std::vector<const GroupSummary*>> byGroup;
  std::map<const GroupSummary*, std::string> cellOf;
  for (const GroupSummary& g : cells.groups) {
    const auto cut = g.key.find(kKeySeparator);
    byGroup[g.key.substr(0, cut)].push_back(&g);
    cellOf[&g] = g.key.substr(cut + 1);
  }

  std::map<std::string, WeightedGroup> out;
  for (const auto& [key, groupCells] : byGroup) {
    std::map<std::string, std::int64_t> sample;
    for (const GroupSummary* g : groupCells) sample[cellOf[g]] += g->responses;
    std::map<std::string, double> weightOf;
    for (const CellWeight& c : cellWeights(sample, population)) weightOf[c.cell] = c.weight;

    WeightedGroup group;
    group.key = key;
    ShareSums all;
    for (const GroupSummary* g : groupCells) {
      const std::string& cell = cellOf[g];
      group.respondents += g->responses;
      if (!population.count(cell)) {
        group.unmatched += g->responses;
        group.unmatchedCells.insert(cell);
      }
      all.add(weightOf[cell], g->responses, 0);
    }
    const WeightedShare everyone = all.finish();
    group.weightedRespondents = everyone.weightedN;
    group.kishN = everyone.kishN;

    for (std::size_t i = 0; i < definition.items.size(); ++i) {
      const surveys::Item& item = definition.items[i];
      if (!surveys::isScale(item.type)) continue;
      ShareSums sums;
      const int from = detail::favourableFrom(item.type);
      for (const GroupSummary* g : groupCells) {
        const ItemSummary& s = g->items.at(i);
        std::int64_t fav = 0;
        for (const auto& [code, count] : s.counts) fav += code >= from ? count : 0;
        sums.add(weightOf[cellOf[g]], s.suppressed ? 0 : s.n, s.suppressed ? 0 : fav);
      }
      group.items.push_back({item.id, sums.finish()});
    }
    for (std::size_t x = 0; x < definition.indices.size(); ++x) {
      std::vector<std::pair<double, Moments>> indexCells;
      for (const GroupSummary* g : groupCells) {
        const IndexSummary& s = g->indices.at(x);
        if (!s.suppressed) indexCells.push_back({weightOf[cellOf[g]], s.moments});
      }
      group.indices.push_back(weightedIndex(definition.indices[x].id, indexCells));
    }
    out.emplace(key, std::move(group));
  }
  return out;
}

}  // namespace courtvoice::analytics
