#include "courtvoice/analytics/weights.hpp"

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <stdexcept>

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

WeightedShare weightedShare(const std::vector<std::pair<double, bool>>& answers) {
  WeightedShare out;
  std::int64_t favourable = 0;
  double sumW = 0, sumW2 = 0, sumWFav = 0;
  for (const auto& [w, fav] : answers) {
    ++out.n;
    favourable += fav ? 1 : 0;
    if (w <= 0) continue;
    ++out.weightedN;
    sumW += w;
    sumW2 += w * w;
    sumWFav += fav ? w : 0;
  }
  if (out.n > 0) out.unweighted = static_cast<double>(favourable) / static_cast<double>(out.n);
  out.sumWeights = sumW;
  if (sumW > 0) {
    out.weighted = sumWFav / sumW;
    out.kishN = sumW * sumW / sumW2;
    out.weightedCi = wilsonOnEffectiveN(*out.weighted, *out.kishN);
  }
  return out;
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

}  // namespace courtvoice::analytics
