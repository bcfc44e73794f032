#include "courtvoice/analytics/reliability.hpp"

#include <algorithm>
#include <set>

namespace courtvoice::analytics {

ItemCovariance::ItemCovariance(std::size_t items) : sums_(items, 0), products_(items * items, 0) {}

void ItemCovariance::add(const std::vector<int>& codes) {
  const std::size_t k = sums_.size();
  ++n_;
  for (std::size_t a = 0; a < k; ++a) {
    sums_[a] += codes[a];
    for (std::size_t b = a; b < k; ++b) products_[a * k + b] += static_cast<std::int64_t>(codes[a]) * codes[b];
  }
}

double ItemCovariance::covariance(std::size_t a, std::size_t b) const {
  if (n_ < 2) return 0;
  if (a > b) std::swap(a, b);
  const std::size_t k = sums_.size();
  // n * sum(ab) - sum(a) * sum(b) is exact in 64 bits for codes up to 10 and millions of rows.
  const std::int64_t centred = n_ * products_[a * k + b] - sums_[a] * sums_[b];
  return static_cast<double>(centred) / (static_cast<double>(n_) * static_cast<double>(n_ - 1));
}

AlphaValue cronbachAlpha(const ItemCovariance& cov, int without) {
  std::vector<std::size_t> kept;
  for (std::size_t i = 0; i < cov.items(); ++i) {
    if (static_cast<int>(i) != without) kept.push_back(i);
  }
  if (kept.size() < 2) return {std::nullopt, "fewer_than_two_items"};
  if (cov.n() < 2) return {std::nullopt, "too_few_respondents"};
  double itemVariances = 0;
  double totalVariance = 0;  // the variance of the sum is the sum of the covariance matrix
  for (std::size_t a : kept) {
    itemVariances += cov.covariance(a, a);
    for (std::size_t b : kept) totalVariance += cov.covariance(a, b);
  }
  if (!(totalVariance > 0)) return {std::nullopt, "zero_variance"};
  const double k = static_cast<double>(kept.size());
  return {k / (k - 1) * (1 - itemVariances / totalVariance), ""};
}

namespace {

struct Scale {
  ReliabilityEntry entry;
  std::vector<std::size_t> columns;  // positions of its items in the scan's item list
  ItemCovariance cov{0};
};

}  // namespace

ReliabilityReport reliability(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                              const std::vector<surveys::Court>& courts, const ResultsFilter& filter, int minGroupSize) {
  // The scales: each index (the 5-point items of its dimensions), then each of those dimensions once.
  std::vector<std::string> scanned;
  const auto column = [&](const std::string& itemId) {
    const auto it = std::find(scanned.begin(), scanned.end(), itemId);
    if (it != scanned.end()) return static_cast<std::size_t>(it - scanned.begin());
    scanned.push_back(itemId);
    return scanned.size() - 1;
  };
  const auto makeScale = [&](const std::string& kind, const std::string& id, const std::vector<std::string>& dims) {
    Scale scale;
    scale.entry.kind = kind;
    scale.entry.id = id;
    for (const auto& item : definition.items) {
      if (!surveys::isFivePoint(item.type)) continue;
      if (std::find(dims.begin(), dims.end(), item.dimension) == dims.end()) continue;
      scale.entry.itemIds.push_back(item.id);
      scale.columns.push_back(column(item.id));
    }
    scale.cov = ItemCovariance(scale.columns.size());
    return scale;
  };
  std::vector<Scale> scales;
  std::vector<std::string> dimensions;
  for (const auto& index : definition.indices) {
    scales.push_back(makeScale("index", index.id, index.dimensions));
    for (const auto& dim : index.dimensions) {
      if (std::find(dimensions.begin(), dimensions.end(), dim) == dimensions.end()) dimensions.push_back(dim);
    }
  }
  for (const auto& dim : dimensions) scales.push_back(makeScale("dimension", dim, {dim}));

  ReliabilityReport report;
  report.surveyId = definition.id;
  report.minGroupSize = minGroupSize;
  std::int64_t responses = 0;
  std::set<std::string, std::less<>> courtsSeen;
  std::vector<int> codes;
  engine.scan(definition.id, courts, filter, scanned, [&](const ScannedRow& row) {
    ++responses;
    if (courtsSeen.size() < 2) courtsSeen.emplace(row.court);
    for (Scale& scale : scales) {
      codes.clear();
      for (std::size_t c : scale.columns) {
        // 5-point items only; a code off the scale (old or imported data) counts as no answer.
        if (row.code(c) < 1 || row.code(c) > 5) break;
        codes.push_back(row.code(c));
      }
      if (codes.size() == scale.columns.size()) scale.cov.add(codes);
    }
  });
  // As the summary: too few responses, or a survey not reported by court seen in one court only.
  report.suppressed = responses < minGroupSize || (!definition.reportByCourt && courtsSeen.size() < 2);
  if (!report.suppressed) report.responses = responses;
  for (Scale& scale : scales) {
    ReliabilityEntry& entry = scale.entry;
    if (report.suppressed || scale.cov.n() < minGroupSize) {
      entry.suppressed = true;
    } else {
      entry.n = scale.cov.n();
      entry.value = cronbachAlpha(scale.cov);
      for (std::size_t i = 0; i < entry.itemIds.size(); ++i) {
        entry.ifDeleted.push_back({entry.itemIds[i], cronbachAlpha(scale.cov, static_cast<int>(i))});
      }
    }
    report.entries.push_back(std::move(entry));
  }
  return report;
}

}  // namespace courtvoice::analytics
