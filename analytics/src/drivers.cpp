#include "courtvoice/analytics/drivers.hpp"

#include <algorithm>
#include <cmath>
#include <set>
#include <stdexcept>

#include "scale_rules.hpp"

namespace courtvoice::analytics {

std::optional<Interval> fisherInterval95(double r, std::int64_t n) {
  if (n <= 3 || !(std::fabs(r) < 1)) return std::nullopt;
  const double z = std::atanh(r);
  const double se = 1 / std::sqrt(static_cast<double>(n - 3));
  return Interval{std::tanh(z - kZ95 * se), std::tanh(z + kZ95 * se)};
}

std::int64_t PairTable::n() const {
  std::int64_t total = 0;
  for (const auto& row : counts_) {
    for (std::int64_t c : row) total += c;
  }
  return total;
}

Correlation PairTable::correlate(const std::array<double, kCodes>& xValue,
                                 const std::array<double, kCodes>& yValue) const {
  Correlation out;
  out.n = n();
  if (out.n < 2) {
    out.reason = "too_few_pairs";
    return out;
  }
  // Centred sums (two passes over the 121 cells): exact enough whatever n, unlike raw sums of
  // squared ranks.
  double meanX = 0, meanY = 0;
  for (int x = 0; x < kCodes; ++x) {
    for (int y = 0; y < kCodes; ++y) {
      const auto c = static_cast<double>(counts_[static_cast<std::size_t>(x)][static_cast<std::size_t>(y)]);
      meanX += c * xValue[static_cast<std::size_t>(x)];
      meanY += c * yValue[static_cast<std::size_t>(y)];
    }
  }
  meanX /= static_cast<double>(out.n);
  meanY /= static_cast<double>(out.n);
  double sxx = 0, syy = 0, sxy = 0;
  for (int x = 0; x < kCodes; ++x) {
    for (int y = 0; y < kCodes; ++y) {
      const auto c = static_cast<double>(counts_[static_cast<std::size_t>(x)][static_cast<std::size_t>(y)]);
      if (c == 0) continue;
      const double dx = xValue[static_cast<std::size_t>(x)] - meanX;
      const double dy = yValue[static_cast<std::size_t>(y)] - meanY;
      sxx += c * dx * dx;
      syy += c * dy * dy;
      sxy += c * dx * dy;
    }
  }
  if (!(sxx > 0) || !(syy > 0)) {
    out.reason = "zero_variance";
    return out;
  }
  double r = std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
  if (std::fabs(std::fabs(r) - 1) < 1e-12) r = std::copysign(1.0, r);  // a perfect relation, up to rounding
  out.r = r;
  out.ci = fisherInterval95(r, out.n);
  return out;
}

Correlation PairTable::pearson() const {
  std::array<double, kCodes> codes{};
  for (int c = 0; c < kCodes; ++c) codes[static_cast<std::size_t>(c)] = c;
  return correlate(codes, codes);
}

Correlation PairTable::spearman() const {
  std::array<std::int64_t, kCodes> xCount{}, yCount{};
  for (std::size_t x = 0; x < kCodes; ++x) {
    for (std::size_t y = 0; y < kCodes; ++y) {
      xCount[x] += counts_[x][y];
      yCount[y] += counts_[x][y];
    }
  }
  // The average rank of a code: the values below it, plus the middle of its own (tied) run.
  const auto ranks = [](const std::array<std::int64_t, kCodes>& count) {
    std::array<double, kCodes> rank{};
    std::int64_t below = 0;
    for (std::size_t c = 0; c < kCodes; ++c) {
      rank[c] = static_cast<double>(below) + (static_cast<double>(count[c]) + 1) / 2;
      below += count[c];
    }
    return rank;
  };
  return correlate(ranks(xCount), ranks(yCount));
}

std::string toString(Quadrant quadrant) {
  switch (quadrant) {
    case Quadrant::Priority: return "priority";
    case Quadrant::Strength: return "strength";
    case Quadrant::Secondary: return "secondary";
    case Quadrant::Maintain: return "maintain";
  }
  return "priority";
}

namespace {

double median(std::vector<double> values) {
  std::sort(values.begin(), values.end());
  const std::size_t m = values.size() / 2;
  return values.size() % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2;
}

int quadrantRank(const DriverItem& item) { return item.quadrant ? static_cast<int>(*item.quadrant) : 4; }

}  // namespace

void placeInQuadrants(DriversReport& report) {
  std::vector<double> importance, performance;
  for (const DriverItem& item : report.items) {
    if (item.suppressed || !item.pearson.r || !item.favourable) continue;
    importance.push_back(*item.pearson.r);
    performance.push_back(*item.favourable);
  }
  report.importanceMedian.reset();
  report.performanceMedian.reset();
  if (!importance.empty()) {
    report.importanceMedian = median(importance);
    report.performanceMedian = median(performance);
  }
  for (DriverItem& item : report.items) {
    item.quadrant.reset();
    if (item.suppressed || !item.pearson.r || !item.favourable || !report.importanceMedian) continue;
    const bool important = *item.pearson.r > *report.importanceMedian;
    const bool performing = *item.favourable > *report.performanceMedian;
    item.quadrant = important ? (performing ? Quadrant::Strength : Quadrant::Priority)
                              : (performing ? Quadrant::Maintain : Quadrant::Secondary);
  }
  std::stable_sort(report.items.begin(), report.items.end(), [](const DriverItem& a, const DriverItem& b) {
    if (quadrantRank(a) != quadrantRank(b)) return quadrantRank(a) < quadrantRank(b);
    if (!a.quadrant) return false;  // unplaced items keep definition order
    return *a.pearson.r > *b.pearson.r;
  });
}

std::optional<std::string> defaultOutcome(const surveys::SurveyDefinition& definition) {
  const surveys::Item* overall = definition.findItem("overall");
  if (overall != nullptr && surveys::isScale(overall->type)) return overall->id;
  for (const auto& item : definition.items) {
    if (item.dimension == "overall" && surveys::isFivePoint(item.type)) return item.id;
  }
  return std::nullopt;
}

DriversReport drivers(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                      const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                      const std::string& outcomeItemId, int minGroupSize) {
  std::set<std::string> dimensions;
  for (const auto& index : definition.indices) dimensions.insert(index.dimensions.begin(), index.dimensions.end());
  std::vector<std::string> scanned{outcomeItemId};
  std::vector<const surveys::Item*> items;
  for (const auto& item : definition.items) {
    if (item.id == outcomeItemId || !surveys::isFivePoint(item.type) || dimensions.count(item.dimension) == 0) continue;
    items.push_back(&item);
    scanned.push_back(item.id);
  }

  std::vector<PairTable> pairs(items.size());
  std::vector<detail::ScaleCounts> answers(items.size(), detail::ScaleCounts{});
  std::int64_t responses = 0;
  std::set<std::string, std::less<>> courtsSeen;
  // Codes off the item's scale (possible in old or imported data) count as no answer, as in the summary.
  const auto onScale = [](const surveys::Item& item, int code) {
    return code >= surveys::scaleMin(item.type) && code <= surveys::scaleMax(item.type);
  };
  const surveys::Item* outcomeItem = definition.findItem(outcomeItemId);
  if (outcomeItem == nullptr || !surveys::isScale(outcomeItem->type)) {
    throw std::invalid_argument("the outcome is not a scale item: " + outcomeItemId);
  }
  engine.scan(definition.id, courts, filter, scanned, [&](const ScannedRow& row) {
    ++responses;
    if (courtsSeen.size() < 2) courtsSeen.emplace(row.court);
    const int outcome = row.code(0);
    const bool outcomeAnswered = onScale(*outcomeItem, outcome);
    for (std::size_t i = 0; i < items.size(); ++i) {
      const int code = row.code(i + 1);
      if (!onScale(*items[i], code)) continue;
      ++answers[i][static_cast<std::size_t>(code)];
      if (outcomeAnswered) pairs[i].add(code, outcome);
    }
  });

  DriversReport report;
  report.surveyId = definition.id;
  report.outcomeItemId = outcomeItemId;
  report.minGroupSize = minGroupSize;
  report.suppressed = responses < minGroupSize || (!definition.reportByCourt && courtsSeen.size() < 2);
  if (!report.suppressed) report.responses = responses;
  for (std::size_t i = 0; i < items.size(); ++i) {
    DriverItem item;
    item.itemId = items[i]->id;
    item.dimension = items[i]->dimension;
    std::int64_t answered = 0;
    for (std::int64_t c : answers[i]) answered += c;
    if (report.suppressed || pairs[i].n() < minGroupSize || answered < minGroupSize) {
      item.suppressed = true;
    } else {
      item.pearson = pairs[i].pearson();
      item.spearman = pairs[i].spearman();
      const std::int64_t favourable = detail::favourableCount(answers[i], items[i]->type);
      item.favourableN = answered;
      item.favourable = static_cast<double>(favourable) / static_cast<double>(answered);
      item.favourableCi = wilsonInterval(favourable, answered);
    }
    report.items.push_back(std::move(item));
  }
  placeInQuadrants(report);
  return report;
}

}  // namespace courtvoice::analytics
