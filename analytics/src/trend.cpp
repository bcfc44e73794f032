#include "courtvoice/analytics/trend.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/response_validation.hpp"
#include "summary_state.hpp"
#include "trend_state.hpp"

namespace courtvoice::analytics {

using surveys::ItemType;
using surveys::SurveyDefinition;
using detail::Cell;
using detail::ItemCell;
using detail::Version;

namespace {

// The normal 0.975 quantile rounded as the summaries' Wilson intervals and the reports use it.
// More points than any chart can show; also bounds the work when dates span centuries by mistake.
constexpr std::int64_t kMaxPeriods = 600;

std::int64_t ordinalOf(const surveys::Date& day, Period period) { return detail::periodOrdinal(day.year, day.month, period); }

std::string twoDigits(std::int64_t value) { return (value < 10 ? "0" : "") + std::to_string(value); }

std::string fourDigits(std::int64_t year) {
  std::string text = std::to_string(year);
  return std::string(text.size() < 4 ? 4 - text.size() : 0, '0') + text;
}

std::string keyOf(std::int64_t ordinal, Period period) {
  switch (period) {
    case Period::Month: return fourDigits(ordinal / 12) + "-" + twoDigits(ordinal % 12 + 1);
    case Period::Quarter: return fourDigits(ordinal / 4) + "-Q" + std::to_string(ordinal % 4 + 1);
    case Period::Year: return fourDigits(ordinal);
  }
  return fourDigits(ordinal);
}

const surveys::IndexDefinition* findIndex(const SurveyDefinition& def, const std::string& indexId) {
  for (const auto& index : def.indices) {
    if (index.id == indexId) return &index;
  }
  return nullptr;
}

std::size_t indexPosition(const SurveyDefinition& def, const std::string& indexId) {
  for (std::size_t x = 0; x < def.indices.size(); ++x) {
    if (def.indices[x].id == indexId) return x;
  }
  return def.indices.size();
}

/// One point's figures and what the next point needs to compare with it.
struct PointState {
  TrendPoint point;
  Moments moments;
  std::int64_t favourable = 0;
};

PointState itemPoint(const std::string& key, const ItemCell& cell, ItemType type, int minGroupSize, bool fewCourts) {
  PointState out;
  out.point.period = key;
  if (cell.n < minGroupSize || cell.n == 0 || fewCourts) {
    out.point.suppressed = true;  // not even n: it would reveal the size of a small cell
    return out;
  }
  out.point.n = cell.n;
  if (surveys::isScale(type)) {
    out.moments = detail::scaleMoments(cell.scale);
    out.favourable = detail::favourableCount(cell.scale, type);
    out.point.favourable = static_cast<double>(out.favourable) / static_cast<double>(cell.n);
    out.point.favourableCi = wilsonInterval(out.favourable, cell.n);
  } else if (type == ItemType::Number) {
    out.moments = cell.number;
  } else {
    return out;  // choice and text items: n only
  }
  out.point.mean = out.moments.mean;
  if (out.moments.n >= 2) out.point.sd = out.moments.sampleSd();
  return out;
}

/// A stretch of versions with one meaning of a series.
struct Run {
  std::vector<int> versions;  // ascending, each has the item or index
  std::string reason;         // why it starts ("" for the first)
};

}  // namespace

std::string toString(Period period) {
  switch (period) {
    case Period::Month: return "month";
    case Period::Quarter: return "quarter";
    case Period::Year: return "year";
  }
  return "quarter";
}

std::optional<Period> parsePeriod(const std::string& text) {
  for (Period p : {Period::Month, Period::Quarter, Period::Year}) {
    if (toString(p) == text) return p;
  }
  return std::nullopt;
}

std::string periodKey(const surveys::Date& day, Period period) { return keyOf(ordinalOf(day, period), period); }

// Difference of two proportions, p2 - p1.
// Interval: the Wald interval with the unpooled standard error
//   SE = sqrt(p1(1-p1)/n1 + p2(1-p2)/n2),  d +- 1.96 SE (cut to [-1, 1]).
// Test of H0: p1 = p2: the z statistic with the pooled standard error, as the null hypothesis
// says both shares are one p = (x1 + x2) / (n1 + n2):
//   SE0 = sqrt(p(1-p)(1/n1 + 1/n2)),  z = d / SE0   (z^2 equals Pearson's chi-squared on the 2x2 table).
// Agresti, A. (2013), Categorical Data Analysis, 3rd ed., Wiley, ch. 2-3 (comparing two
// proportions); Fleiss, Levin & Paik (2003), Statistical Methods for Rates and Proportions.
// The two can disagree at the edge of significance; the flag follows the test.
ProportionChange compareProportions(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2) {
  if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
    throw std::invalid_argument("compareProportions: need 0 <= x <= n and n > 0");
  }
  const double a = static_cast<double>(n1);
  const double b = static_cast<double>(n2);
  const double p1 = static_cast<double>(x1) / a;
  const double p2 = static_cast<double>(x2) / b;
  ProportionChange out;
  out.difference = p2 - p1;
  const double unpooled = std::sqrt(p1 * (1 - p1) / a + p2 * (1 - p2) / b);
  out.ci = {std::max(-1.0, out.difference - kZ95 * unpooled), std::min(1.0, out.difference + kZ95 * unpooled)};
  const double p = static_cast<double>(x1 + x2) / (a + b);
  const double pooled = std::sqrt(p * (1 - p) * (1 / a + 1 / b));
  // pooled == 0 only when both shares are 0 or both are 1: no difference at all.
  out.z = pooled > 0 ? out.difference / pooled : 0.0;
  out.significant = std::abs(out.z) > kZ95;
  return out;
}

// Welch, B. L. (1947), "The generalization of 'Student's' problem when several different
// population variances are involved", Biometrika 34:28-35; degrees of freedom by
// Satterthwaite, F. E. (1946), Biometrics Bulletin 2:110-114:
//   a = s1^2/n1, b = s2^2/n2,  SE = sqrt(a + b),  t = (m2 - m1) / SE,
//   df = (a + b)^2 / (a^2/(n1-1) + b^2/(n2-1)).
// df is fractional; tQuantile95 takes whole degrees of freedom, so we use floor(df): a slightly
// larger quantile, i.e. a slightly wider interval and a slightly stricter test (conservative).
std::optional<MeanChange> compareMeans(const Moments& earlier, const Moments& later) {
  if (earlier.n < 2 || later.n < 2) return std::nullopt;
  const double a = earlier.sampleVariance() / static_cast<double>(earlier.n);
  const double b = later.sampleVariance() / static_cast<double>(later.n);
  const double variance = a + b;
  if (!(variance > 0)) return std::nullopt;  // both samples without spread: no test to make
  MeanChange out;
  out.difference = later.mean - earlier.mean;
  const double se = std::sqrt(variance);
  out.t = out.difference / se;
  out.df = variance * variance /
           (a * a / static_cast<double>(earlier.n - 1) + b * b / static_cast<double>(later.n - 1));
  // The tolerance keeps an integral df computed as 17.9999999999 at 17 + 1.
  const auto wholeDf = std::max<std::int64_t>(1, static_cast<std::int64_t>(std::floor(out.df + 1e-9)));
  const double q = tQuantile95(wholeDf);
  out.ci = {out.difference - q * se, out.difference + q * se};
  out.significant = std::abs(out.t) > q;
  return out;
}

namespace detail {

TrendData::TrendData(std::vector<SurveyDefinition> definitions, TrendOptions trendOptions) {
  if (definitions.empty()) throw std::invalid_argument("a trend needs at least one version's definition");
  if (trendOptions.minGroupSize < 0) throw std::invalid_argument("minGroupSize must not be negative");
  std::sort(definitions.begin(), definitions.end(),
            [](const SurveyDefinition& a, const SurveyDefinition& b) { return a.version < b.version; });
  const std::string surveyId = definitions.front().id;
  for (SurveyDefinition& def : definitions) {
    if (def.id != surveyId) {
      throw std::invalid_argument("trend definitions of different surveys: '" + surveyId + "' and '" + def.id + "'");
    }
    if (!byNumber.emplace(def.version, versions.size()).second) {
      throw std::invalid_argument("version " + std::to_string(def.version) + " given twice");
    }
    Version v;
    v.def = std::move(def);
    v.indicesOfItem = indicesOfItems(v.def);
    for (std::size_t i = 0; i < v.def.items.size(); ++i) v.itemPositions.emplace(v.def.items[i].id, i);
    versions.push_back(std::move(v));
  }
  options = trendOptions;
  minGroupSize = options.minGroupSize > 0 ? options.minGroupSize : versions.back().def.effectiveMinGroupSize();
  twoCourts = std::any_of(versions.begin(), versions.end(), [](const Version& v) { return needsTwoCourts(v.def); });
}

}  // namespace detail

struct TrendBuilder::State : detail::TrendData {
  using TrendData::TrendData;
  // Scratch space reused by add().
  std::vector<char> seen;
  std::vector<double> indexSums;
  std::vector<int> indexCounts;
  std::vector<int> indexShown;
};

TrendBuilder::TrendBuilder(std::vector<SurveyDefinition> definitions, TrendOptions options)
    : state_(std::make_unique<State>(std::move(definitions), options)) {}

TrendBuilder::~TrendBuilder() = default;
TrendBuilder::TrendBuilder(TrendBuilder&&) noexcept = default;
TrendBuilder& TrendBuilder::operator=(TrendBuilder&&) noexcept = default;

void TrendBuilder::add(const surveys::StoredResponse& stored) {
  State& s = *state_;
  const surveys::Response& response = stored.response;
  const std::string& surveyId = s.versions.front().def.id;
  if (response.surveyId != surveyId) {
    throw std::invalid_argument("response of survey '" + response.surveyId + "' given to the trend of '" + surveyId +
                                "'");
  }
  const auto found = s.byNumber.find(response.version);
  if (found == s.byNumber.end()) {
    ++s.ignored;  // e.g. a version created after the caller listed them: counted, not guessed at
    return;
  }
  const Version& v = s.versions[found->second];
  Cell& cell = s.cell(ordinalOf(response.givenOn, s.options.period), v);
  ++cell.responses;
  cell.courts.add(response.courtCode);

  const auto& items = v.def.items;
  s.seen.assign(items.size(), 0);
  s.indexSums.assign(v.def.indices.size(), 0.0);
  s.indexCounts.assign(v.def.indices.size(), 0);
  s.indexShown.assign(v.def.indices.size(), 0);
  for (const surveys::Answer& answer : response.answers) {
    const auto it = v.itemPositions.find(answer.itemId);
    if (it == v.itemPositions.end()) continue;
    const std::size_t pos = it->second;
    if (s.seen[pos]) continue;  // the first answer counts, as Response::findAnswer sees it
    s.seen[pos] = 1;
    if (answer.nonAnswer) continue;  // never in a denominator
    const surveys::Item& item = items[pos];
    ItemCell& ic = cell.items[pos];
    switch (item.type) {
      case ItemType::Agreement5:
      case ItemType::Satisfaction5:
      case ItemType::Scale5:
      case ItemType::Scale0to10:
        if (answer.code < surveys::scaleMin(item.type) || answer.code > surveys::scaleMax(item.type)) break;
        ++ic.scale[static_cast<std::size_t>(answer.code)];
        ++ic.n;
        for (std::size_t x : v.indicesOfItem[pos]) {
          s.indexSums[x] += answer.code;
          ++s.indexCounts[x];
        }
        break;
      case ItemType::MultipleChoice:
        if (!answer.codes.empty()) ++ic.n;
        break;
      case ItemType::Number:
        // One value at a time through Chan et al.'s merge is Welford's update.
        if (std::isfinite(answer.number)) {
          ic.number.merge(Moments{1, answer.number, 0.0});
          ++ic.n;
        }
        break;
      case ItemType::SingleChoice:
      case ItemType::Text:
        ++ic.n;
        break;
    }
  }
  for (std::size_t pos = 0; pos < items.size(); ++pos) {
    if (v.indicesOfItem[pos].empty() || !(s.seen[pos] || surveys::isVisible(items[pos], response))) continue;
    for (std::size_t x : v.indicesOfItem[pos]) ++s.indexShown[x];
  }
  for (std::size_t x = 0; x < s.indexCounts.size(); ++x) {
    if (!detail::countsInIndex(s.indexCounts[x], s.indexShown[x])) continue;
    cell.indices[x].merge(Moments{1, s.indexSums[x] / s.indexCounts[x], 0.0});
  }
}

void TrendBuilder::merge(const TrendBuilder& other) {
  if (&other == this) {
    // Merging with itself doubles every count; work from a copy of the cells.
    const auto copy = state_->cells;
    for (auto& [key, cell] : state_->cells) {
      cell.merge(copy.at(key));
    }
    state_->ignored *= 2;
    return;
  }
  State& s = *state_;
  const State& o = *other.state_;
  if (s.versions.front().def.id != o.versions.front().def.id || s.byNumber.size() != o.byNumber.size() ||
      !std::equal(s.byNumber.begin(), s.byNumber.end(), o.byNumber.begin(),
                  [](const auto& a, const auto& b) { return a.first == b.first; })) {
    throw std::invalid_argument("cannot merge trends of different surveys or versions");
  }
  if (s.options.period != o.options.period || s.minGroupSize != o.minGroupSize || s.twoCourts != o.twoCourts) {
    throw std::invalid_argument("cannot merge trends made with different options");
  }
  for (const auto& [key, theirs] : o.cells) {
    s.cell(key.first, s.version(key.second)).merge(theirs);
  }
  s.ignored += o.ignored;
}

TrendReport TrendBuilder::result() const { return detail::buildTrendReport(*state_); }

namespace detail {

namespace {

/// The report in named steps: the periods, then each item's series (recording where items break),
/// then each index's series (which also breaks where an item feeding it does).
class TrendReportBuilder {
 public:
  explicit TrendReportBuilder(const TrendData& data)
      : s(data), period(data.options.period), minSize(data.minGroupSize) {}

  TrendReport build() {
    out.surveyId = s.versions.front().def.id;
    out.period = period;
    out.minGroupSize = minSize;
    out.ignoredResponses = s.ignored;
    addPeriods();
    const auto itemIds = orderedIds([](const SurveyDefinition& def) {
      std::vector<std::string> ids;
      for (const auto& item : def.items) ids.push_back(item.id);
      return ids;
    });
    for (const std::string& itemId : itemIds) addItemSeries(itemId);
    const auto indexIds = orderedIds([](const SurveyDefinition& def) {
      std::vector<std::string> ids;
      for (const auto& index : def.indices) ids.push_back(index.id);
      return ids;
    });
    for (const std::string& indexId : indexIds) addIndexSeries(indexId);
    return std::move(out);
  }

 private:
  /// Every period from the first to the last with responses, and the periods of each version.
  void addPeriods() {
    // Periods with responses, per version and overall.
    std::map<std::int64_t, std::int64_t> responsesOfPeriod;
    std::map<std::int64_t, detail::CourtSpread<std::string>> courtsOfPeriod;
    for (const auto& [key, cell] : s.cells) {
      periodsOfVersion[key.second].insert(key.first);
      responsesOfPeriod[key.first] += cell.responses;
      courtsOfPeriod[key.first].merge(cell.courts);
    }
    if (!responsesOfPeriod.empty()) {
      const std::int64_t first = responsesOfPeriod.begin()->first;
      const std::int64_t last = responsesOfPeriod.rbegin()->first;
      if (last - first + 1 > kMaxPeriods) {
        throw surveys::DomainError(surveys::ErrorKind::Invalid, "too_many_periods",
                                   "the responses span " + std::to_string(last - first + 1) + " " + toString(period) +
                                       "s, more than " + std::to_string(kMaxPeriods) +
                                       "; choose a longer period or a date range",
                                   "period");
      }
      for (std::int64_t p = first; p <= last; ++p) {
        TrendPeriod tp;
        tp.period = keyOf(p, period);
        const auto it = responsesOfPeriod.find(p);
        const std::int64_t responses = it == responsesOfPeriod.end() ? 0 : it->second;
        if (responses < minSize || responses == 0 || fewCourts(courtsOfPeriod[p])) {
          tp.suppressed = true;
        } else {
          tp.responses = responses;
        }
        out.periods.push_back(std::move(tp));
      }
    }
  }

  /// Whether the rule "at least two courts" applies and these responses break it.
  bool fewCourts(const detail::CourtSpread<std::string>& courts) const { return s.twoCourts && !courts.several; }

  /// The first period with responses to version `from` or later: where a break shows on a chart.
  std::string breakPeriod(int from) const {
    std::optional<std::int64_t> firstSeen;
    for (const auto& [number, periods] : periodsOfVersion) {
      if (number < from || periods.empty()) continue;
      if (!firstSeen || *periods.begin() < *firstSeen) firstSeen = *periods.begin();
    }
    return firstSeen ? keyOf(*firstSeen, period) : std::string();
  }

  /// The span of periods with responses to any of `versions`.
  std::optional<std::pair<std::int64_t, std::int64_t>> spanOf(const std::vector<int>& versions) const {
    std::optional<std::pair<std::int64_t, std::int64_t>> span;
    for (int number : versions) {
      const auto it = periodsOfVersion.find(number);
      if (it == periodsOfVersion.end() || it->second.empty()) continue;
      const std::int64_t lo = *it->second.begin();
      const std::int64_t hi = *it->second.rbegin();
      if (!span) {
        span = std::make_pair(lo, hi);
      } else {
        span->first = std::min(span->first, lo);
        span->second = std::max(span->second, hi);
      }
    }
    return span;
  }

  /// Ids in the newest version's order, then those only older versions have (newest first).
  template <typename IdsOf>
  std::vector<std::string> orderedIds(IdsOf idsOf) const {
    std::vector<std::string> ids;
    std::set<std::string> listed;
    for (auto v = s.versions.rbegin(); v != s.versions.rend(); ++v) {
      for (const std::string& id : idsOf(v->def)) {
        if (listed.insert(id).second) ids.push_back(id);
      }
    }
    return ids;
  }

  /// An item's runs of versions, split where its meaning changed, and a point per period of each.
  void addItemSeries(const std::string& itemId) {
    ItemTrend series;
    series.itemId = itemId;
    std::vector<Run> runs;
    const surveys::Item* previous = nullptr;
    for (const Version& v : s.versions) {
      const surveys::Item* item = v.def.findItem(itemId);
      if (item == nullptr) continue;
      std::string reason;
      if (previous != nullptr && item->seriesBreak) {
        reason = "series_break";
      } else if (previous != nullptr && item->type != previous->type) {
        reason = "type_changed";  // validateNewVersion refuses this; the report must not mix scales anyway
      }
      if (runs.empty() || !reason.empty()) runs.push_back(Run{{}, reason});
      if (!reason.empty()) itemBreaks.insert({itemId, v.def.version});
      runs.back().versions.push_back(v.def.version);
      previous = item;
      series.type = item->type;
      series.dimension = item->dimension;
      series.text = item->text;
    }
    for (const Run& run : runs) {
      ItemSegment segment;
      segment.fromVersion = run.versions.front();
      segment.toVersion = run.versions.back();
      const Version& newest = s.version(segment.toVersion);
      segment.type = newest.def.items[newest.itemPositions.at(itemId)].type;
      if (!run.reason.empty()) {
        out.breaks.push_back({itemId, segment.fromVersion, breakPeriod(segment.fromVersion), run.reason});
      }
      if (const auto span = spanOf(run.versions)) {
        std::optional<PointState> before;
        for (std::int64_t p = span->first; p <= span->second; ++p) {
          ItemCell sum;
          detail::CourtSpread<std::string> courts;
          for (int number : run.versions) {
            const auto it = s.cells.find({p, number});
            if (it == s.cells.end()) continue;
            const Version& v = s.version(number);
            sum.merge(it->second.items[v.itemPositions.at(itemId)]);
            courts.merge(it->second.courts);
          }
          PointState now = itemPoint(keyOf(p, period), sum, segment.type, minSize, fewCourts(courts));
          if (before && !before->point.suppressed && !now.point.suppressed) {
            if (surveys::isScale(segment.type)) {
              now.point.favourableChange =
                  compareProportions(before->favourable, before->point.n, now.favourable, now.point.n);
            }
            if (surveys::isScale(segment.type) || segment.type == ItemType::Number) {
              now.point.meanChange = compareMeans(before->moments, now.moments);
            }
          }
          segment.points.push_back(now.point);
          before = std::move(now);
        }
      }
      series.segments.push_back(std::move(segment));
    }
    out.items.push_back(std::move(series));
  }

  /// An index's runs: a run breaks where the index's dimensions change or an item feeding it breaks.
  void addIndexSeries(const std::string& indexId) {
    IndexTrend series;
    series.indexId = indexId;
    std::vector<Run> runs;
    const Version* previous = nullptr;
    for (const Version& v : s.versions) {
      const surveys::IndexDefinition* index = findIndex(v.def, indexId);
      if (index == nullptr) continue;
      std::string reason;
      if (previous != nullptr) {
        const surveys::IndexDefinition* before = findIndex(previous->def, indexId);
        const std::set<std::string> dimsNow(index->dimensions.begin(), index->dimensions.end());
        const std::set<std::string> dimsBefore(before->dimensions.begin(), before->dimensions.end());
        if (dimsNow != dimsBefore) {
          reason = "dimensions_changed";
        } else {
          for (const auto& [itemId, startsAt] : itemBreaks) {
            if (startsAt != v.def.version) continue;
            const surveys::Item* now = v.def.findItem(itemId);
            const surveys::Item* was = previous->def.findItem(itemId);
            if ((now != nullptr && v.feeds(*now, *index)) || (was != nullptr && previous->feeds(*was, *before))) {
              reason = "item_break";
              break;
            }
          }
        }
      }
      if (runs.empty() || !reason.empty()) runs.push_back(Run{{}, reason});
      runs.back().versions.push_back(v.def.version);
      previous = &v;
      series.name = index->name;
    }
    for (const Run& run : runs) {
      IndexSegment segment;
      segment.fromVersion = run.versions.front();
      segment.toVersion = run.versions.back();
      if (!run.reason.empty()) {
        out.indexBreaks.push_back({indexId, segment.fromVersion, breakPeriod(segment.fromVersion), run.reason});
      }
      if (const auto span = spanOf(run.versions)) {
        std::optional<Moments> before;
        for (std::int64_t p = span->first; p <= span->second; ++p) {
          Moments sum;
          detail::CourtSpread<std::string> courts;
          for (int number : run.versions) {
            const auto it = s.cells.find({p, number});
            if (it == s.cells.end()) continue;
            sum.merge(it->second.indices[indexPosition(s.version(number).def, indexId)]);
            courts.merge(it->second.courts);
          }
          IndexPoint point;
          point.period = keyOf(p, period);
          if (sum.n < minSize || sum.n == 0 || fewCourts(courts)) {
            point.suppressed = true;
          } else {
            point.n = sum.n;
            // 1..5 mapped onto 0..100, as in the summaries.
            point.value = detail::indexValue(sum.mean);
            if (before) {
              if (auto change = compareMeans(*before, sum)) {
                change->difference *= detail::kIndexScale;
                change->ci = {change->ci.low * detail::kIndexScale, change->ci.high * detail::kIndexScale};
                point.change = change;
              }
            }
          }
          before = point.suppressed ? std::nullopt : std::optional<Moments>(sum);
          segment.points.push_back(std::move(point));
        }
      }
      series.segments.push_back(std::move(segment));
    }
    out.indices.push_back(std::move(series));
  }

  const TrendData& s;
  const Period period;
  const int minSize;
  TrendReport out;
  std::map<int, std::set<std::int64_t>> periodsOfVersion;
  std::set<std::pair<std::string, int>> itemBreaks;  // (item id, version starting a new run)
};

}  // namespace

TrendReport buildTrendReport(const TrendData& data) { return TrendReportBuilder(data).build(); }

}  // namespace detail

TrendReport trend(const std::vector<SurveyDefinition>& definitions, surveys::ResponseStore& store,
                  const surveys::ResponseQuery& query, const TrendOptions& options) {
  TrendBuilder builder(definitions, options);
  store.forEach(query, [&builder](const surveys::StoredResponse& stored) { builder.add(stored); });
  return builder.result();
}

}  // namespace courtvoice::analytics
