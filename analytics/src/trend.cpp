#include "courtvoice/analytics/trend.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <unordered_map>
#include <utility>

#include <boost/math/distributions/students_t.hpp>

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

bool isLeapYear(std::int64_t year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(std::int64_t year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeapYear(year) ? 29 : kDays[month - 1];
}

std::int64_t monthOrdinal(const surveys::Date& day) { return static_cast<std::int64_t>(day.year) * 12 + day.month - 1; }

/// Why period `ordinal` is partial (docs/analytics.md, "Partial periods"); `months` has bit m-1
/// set for each month m of the period's year with responses. The first reason that applies.
PartialReason partialReason(std::int64_t ordinal, Period period, std::uint16_t months, const TrendContext& context) {
  std::int64_t firstMonth = ordinal * 12;  // month ordinals, as monthOrdinal
  std::int64_t monthCount = 12;
  if (period == Period::Month) {
    firstMonth = ordinal;
    monthCount = 1;
  } else if (period == Period::Quarter) {
    firstMonth = (ordinal / 4) * 12 + (ordinal % 4) * 3;
    monthCount = 3;
  }
  const std::int64_t lastMonth = firstMonth + monthCount - 1;
  const auto within = [&](const surveys::Date& day) {
    const std::int64_t m = monthOrdinal(day);
    return m >= firstMonth && m <= lastMonth;
  };
  if (context.today && within(*context.today)) return PartialReason::Running;
  if (context.from && within(*context.from) && (monthOrdinal(*context.from) > firstMonth || context.from->day > 1)) {
    return PartialReason::CutByFilter;
  }
  if (context.to && within(*context.to) &&
      (monthOrdinal(*context.to) < lastMonth || context.to->day < daysInMonth(context.to->year, context.to->month))) {
    return PartialReason::CutByFilter;
  }
  if (monthCount > 1) {
    const int firstBit = static_cast<int>(firstMonth % 12);
    for (int bit = firstBit; bit < firstBit + static_cast<int>(monthCount); ++bit) {
      if ((months & (1u << bit)) == 0) return PartialReason::MonthsMissing;
    }
  }
  return PartialReason::None;
}

/// Periods per year: the distance to "the same period a year before".
std::int64_t periodsPerYear(Period period) {
  switch (period) {
    case Period::Month: return 12;
    case Period::Quarter: return 4;
    case Period::Year: return 1;
  }
  return 1;
}

/// Which point of a segment is the baseline: the chosen period when it is a full, shown point of
/// the segment, else (nothing chosen) the first full, shown point; none otherwise.
std::optional<std::size_t> baselineOf(const std::vector<bool>& usable, std::int64_t firstOrdinal,
                                      const std::optional<std::int64_t>& chosen) {
  if (chosen) {
    const std::int64_t at = *chosen - firstOrdinal;
    if (at < 0 || at >= static_cast<std::int64_t>(usable.size()) || !usable[static_cast<std::size_t>(at)]) {
      return std::nullopt;
    }
    return static_cast<std::size_t>(at);
  }
  for (std::size_t i = 0; i < usable.size(); ++i) {
    if (usable[i]) return i;
  }
  return std::nullopt;
}

/// For each point, the earlier point it is compared with: previous, baseline, year before.
struct Partners {
  std::optional<std::size_t> previous;
  std::optional<std::size_t> baseline;
  std::optional<std::size_t> yearAgo;
};

std::vector<Partners> partnersOf(const std::vector<bool>& usable, std::int64_t firstOrdinal, Period period,
                                 const std::optional<std::int64_t>& chosenBaseline, std::optional<std::size_t>& baseline) {
  baseline = baselineOf(usable, firstOrdinal, chosenBaseline);
  const auto lag = static_cast<std::size_t>(periodsPerYear(period));
  std::vector<Partners> out(usable.size());
  for (std::size_t i = 0; i < usable.size(); ++i) {
    if (!usable[i]) continue;
    if (i > 0 && usable[i - 1]) out[i].previous = i - 1;
    if (baseline && i > *baseline) out[i].baseline = *baseline;
    if (i >= lag && usable[i - lag]) out[i].yearAgo = i - lag;
  }
  return out;
}

/// Applies Holm within one family of changes (ProportionChange or MeanChange) and counts it.
template <typename Change>
void adjustFamily(const std::vector<Change*>& family, TestFamily& count) {
  count.tests = static_cast<int>(family.size());
  std::vector<double> p;
  p.reserve(family.size());
  for (const Change* change : family) p.push_back(change->pValue);
  const std::vector<double> adjusted = holmAdjust(p);
  for (std::size_t i = 0; i < family.size(); ++i) {
    family[i]->pAdjusted = adjusted[i];
    family[i]->significantAdjusted = family[i]->significant && adjusted[i] < 0.05;
  }
}

/// A change on the 1..5 scale of respondents' means expressed on the index's 0..100 scale.
MeanChange onIndexScale(MeanChange change) {
  change.difference *= detail::kIndexScale;
  change.ci = {change.ci.low * detail::kIndexScale, change.ci.high * detail::kIndexScale};
  return change;
}

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

std::string toString(PartialReason reason) {
  switch (reason) {
    case PartialReason::None: return "";
    case PartialReason::Running: return "running";
    case PartialReason::CutByFilter: return "cut_by_filter";
    case PartialReason::MonthsMissing: return "months_missing";
  }
  return "";
}

std::optional<std::int64_t> parsePeriodKey(const std::string& text, Period period) {
  const auto digits = [&](std::size_t from, std::size_t count) -> std::optional<int> {
    if (from + count > text.size()) return std::nullopt;
    int value = 0;
    for (std::size_t i = from; i < from + count; ++i) {
      if (text[i] < '0' || text[i] > '9') return std::nullopt;
      value = value * 10 + (text[i] - '0');
    }
    return value;
  };
  const auto year = digits(0, 4);
  if (!year) return std::nullopt;
  switch (period) {
    case Period::Year:
      if (text.size() != 4) return std::nullopt;
      return detail::periodOrdinal(*year, 1, period);
    case Period::Quarter: {
      if (text.size() != 7 || text.substr(4, 2) != "-Q") return std::nullopt;
      const auto quarter = digits(6, 1);
      if (!quarter || *quarter < 1 || *quarter > 4) return std::nullopt;
      return detail::periodOrdinal(*year, (*quarter - 1) * 3 + 1, period);
    }
    case Period::Month: {
      if (text.size() != 7 || text[4] != '-') return std::nullopt;
      const auto month = digits(5, 2);
      if (!month || *month < 1 || *month > 12) return std::nullopt;
      return detail::periodOrdinal(*year, *month, period);
    }
  }
  return std::nullopt;
}

// Newcombe, R. G. (1998), "Interval estimation for the difference between independent
// proportions: comparison of eleven methods", Statistics in Medicine 17:873-890, method 10 (the
// hybrid score interval). With (l1, u1), (l2, u2) the Wilson intervals of p1 and p2 at z and
// d = p2 - p1:
//   low  = d - sqrt((p2 - l2)^2 + (u1 - p1)^2),   high = d + sqrt((u2 - p2)^2 + (p1 - l1)^2).
Interval newcombeInterval(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2, double z) {
  const double p1 = static_cast<double>(x1) / static_cast<double>(n1);
  const double p2 = static_cast<double>(x2) / static_cast<double>(n2);
  const Interval w1 = wilsonInterval(x1, n1, z);
  const Interval w2 = wilsonInterval(x2, n2, z);
  const double d = p2 - p1;
  return {d - std::hypot(p2 - w2.low, w1.high - p1), d + std::hypot(w2.high - p2, p1 - w1.low)};
}

// The test is the interval's: significant when the 95% interval excludes 0. Its p-value is the
// 1 - level of the interval that just touches 0: the interval widens monotonically with z (each
// Wilson interval does), is [d, d] at z = 0 and contains 0 as z grows without bound, so the z*
// where the bound nearest 0 reaches it is found by bisection, and p = 2 (1 - Phi(z*)) =
// erfc(z* / sqrt 2). p < 0.05 exactly when z* > kZ95, i.e. when the 95% interval excludes 0.
ProportionChange compareProportions(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2) {
  if (n1 <= 0 || n2 <= 0 || x1 < 0 || x2 < 0 || x1 > n1 || x2 > n2) {
    throw std::invalid_argument("compareProportions: need 0 <= x <= n and n > 0");
  }
  ProportionChange out;
  out.difference = static_cast<double>(x2) / static_cast<double>(n2) - static_cast<double>(x1) / static_cast<double>(n1);
  out.ci = newcombeInterval(x1, n1, x2, n2, kZ95);
  out.significant = out.ci.low > 0 || out.ci.high < 0;
  if (out.difference == 0) {
    out.pValue = 1;
  } else {
    const bool up = out.difference > 0;
    const auto reachesZero = [&](double z) {
      const Interval ci = newcombeInterval(x1, n1, x2, n2, z);
      return up ? ci.low <= 0 : ci.high >= 0;
    };
    double lo = 0;     // the interval excludes 0
    double hi = 40.0;  // it includes 0 (erfc(40 / sqrt 2) underflows to 0 anyway)
    if (!reachesZero(hi)) {
      out.pValue = 0;
    } else {
      for (int step = 0; step < 80 && hi - lo > 1e-13; ++step) {
        const double mid = 0.5 * (lo + hi);
        (reachesZero(mid) ? hi : lo) = mid;
      }
      out.pValue = std::erfc(0.5 * (lo + hi) / std::sqrt(2.0));
    }
  }
  out.pAdjusted = out.pValue;
  return out;
}

// Holm, S. (1979), "A simple sequentially rejective multiple test procedure", Scandinavian
// Journal of Statistics 6:65-70; adjusted p-values as in Wright, S. P. (1992), "Adjusted P-values
// for simultaneous inference", Biometrics 48:1005-1013: with p sorted ascending,
//   p~_(i) = max_{j <= i} min(1, (m - j + 1) p_(j)).
std::vector<double> holmAdjust(const std::vector<double>& pValues) {
  const std::size_t m = pValues.size();
  std::vector<std::size_t> order(m);
  for (std::size_t i = 0; i < m; ++i) order[i] = i;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return pValues[a] < pValues[b]; });
  std::vector<double> adjusted(m);
  double running = 0;
  for (std::size_t rank = 0; rank < m; ++rank) {
    running = std::max(running, std::min(1.0, static_cast<double>(m - rank) * pValues[order[rank]]));
    adjusted[order[rank]] = running;
  }
  return adjusted;
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
  // The p-value of the same test (t on floor(df)), so that p < 0.05 where the mark is.
  const boost::math::students_t distribution(static_cast<double>(wholeDf));
  out.pValue = std::min(1.0, 2.0 * boost::math::cdf(boost::math::complement(distribution, std::abs(out.t))));
  out.pAdjusted = out.pValue;
  return out;
}

namespace detail {

TrendData::TrendData(std::vector<SurveyDefinition> definitions, TrendOptions trendOptions, TrendContext trendContext)
    : context(std::move(trendContext)) {
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
  if (context.baseline) {
    baselineOrdinal = parsePeriodKey(*context.baseline, options.period);
    if (!baselineOrdinal) {
      throw surveys::DomainError(surveys::ErrorKind::Invalid, "invalid_baseline",
                                 "baseline must name a " + toString(options.period) + " like " +
                                     keyOf(detail::periodOrdinal(2025, 1, options.period), options.period),
                                 "baseline");
    }
  }
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

TrendBuilder::TrendBuilder(std::vector<SurveyDefinition> definitions, TrendOptions options, TrendContext context)
    : state_(std::make_unique<State>(std::move(definitions), options, std::move(context))) {}

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
  cell.months = static_cast<std::uint16_t>(cell.months | (1u << (response.givenOn.month - 1)));
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
  if (s.options.period != o.options.period || s.minGroupSize != o.minGroupSize || s.twoCourts != o.twoCourts ||
      s.context.today != o.context.today || s.context.from != o.context.from || s.context.to != o.context.to ||
      s.baselineOrdinal != o.baselineOrdinal) {
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
    std::map<std::int64_t, std::uint16_t> monthsOfPeriod;
    for (const auto& [key, cell] : s.cells) {
      periodsOfVersion[key.second].insert(key.first);
      responsesOfPeriod[key.first] += cell.responses;
      courtsOfPeriod[key.first].merge(cell.courts);
      monthsOfPeriod[key.first] = static_cast<std::uint16_t>(monthsOfPeriod[key.first] | cell.months);
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
        tp.partial = partialReason(p, period, monthsOfPeriod[p], s.context);
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
        std::vector<PointState> states;
        std::vector<bool> usable;  // shown and full: may be compared
        for (std::int64_t p = span->first; p <= span->second; ++p) {
          ItemCell sum;
          detail::CourtSpread<std::string> courts;
          std::uint16_t months = 0;
          for (int number : run.versions) {
            const auto it = s.cells.find({p, number});
            if (it == s.cells.end()) continue;
            const Version& v = s.version(number);
            sum.merge(it->second.items[v.itemPositions.at(itemId)]);
            courts.merge(it->second.courts);
            months = static_cast<std::uint16_t>(months | it->second.months);
          }
          PointState now = itemPoint(keyOf(p, period), sum, segment.type, minSize, fewCourts(courts));
          now.point.partial = partialReason(p, period, months, s.context);
          usable.push_back(!now.point.suppressed && now.point.partial == PartialReason::None);
          states.push_back(std::move(now));
        }
        std::optional<std::size_t> baseline;
        const auto partners = partnersOf(usable, span->first, period, s.baselineOrdinal, baseline);
        if (baseline) segment.baseline = states[*baseline].point.period;
        const bool scale = surveys::isScale(segment.type);
        const bool numeric = scale || segment.type == ItemType::Number;
        const auto proportion = [&](std::size_t earlier, std::size_t later) {
          return compareProportions(states[earlier].favourable, states[earlier].point.n, states[later].favourable,
                                    states[later].point.n);
        };
        const auto mean = [&](std::size_t earlier, std::size_t later) {
          return compareMeans(states[earlier].moments, states[later].moments);
        };
        for (std::size_t i = 0; i < states.size(); ++i) {
          TrendPoint& point = states[i].point;
          const Partners& with = partners[i];
          if (scale) {
            if (with.previous) point.favourableChange = proportion(*with.previous, i);
            if (with.baseline) point.favourableVsBaseline = proportion(*with.baseline, i);
            if (with.yearAgo) point.favourableVsYearAgo = proportion(*with.yearAgo, i);
          }
          if (numeric) {
            if (with.previous) point.meanChange = mean(*with.previous, i);
            if (with.baseline) point.meanVsBaseline = mean(*with.baseline, i);
            if (with.yearAgo) point.meanVsYearAgo = mean(*with.yearAgo, i);
          }
          segment.points.push_back(std::move(point));
        }
      }
      series.segments.push_back(std::move(segment));
    }
    adjustItemFamilies(series);
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
        std::vector<Moments> sums;
        std::vector<bool> usable;
        for (std::int64_t p = span->first; p <= span->second; ++p) {
          Moments sum;
          detail::CourtSpread<std::string> courts;
          std::uint16_t months = 0;
          for (int number : run.versions) {
            const auto it = s.cells.find({p, number});
            if (it == s.cells.end()) continue;
            sum.merge(it->second.indices[indexPosition(s.version(number).def, indexId)]);
            courts.merge(it->second.courts);
            months = static_cast<std::uint16_t>(months | it->second.months);
          }
          IndexPoint point;
          point.period = keyOf(p, period);
          point.partial = partialReason(p, period, months, s.context);
          if (sum.n < minSize || sum.n == 0 || fewCourts(courts)) {
            point.suppressed = true;
          } else {
            point.n = sum.n;
            // 1..5 mapped onto 0..100, as in the summaries.
            point.value = detail::indexValue(sum.mean);
            point.ci = indexInterval95(sum);
          }
          usable.push_back(!point.suppressed && point.partial == PartialReason::None);
          sums.push_back(sum);
          segment.points.push_back(std::move(point));
        }
        std::optional<std::size_t> baseline;
        const auto partners = partnersOf(usable, span->first, period, s.baselineOrdinal, baseline);
        if (baseline) segment.baseline = segment.points[*baseline].period;
        const auto change = [&](std::size_t earlier, std::size_t later) -> std::optional<MeanChange> {
          if (auto found = compareMeans(sums[earlier], sums[later])) return onIndexScale(*found);
          return std::nullopt;
        };
        for (std::size_t i = 0; i < segment.points.size(); ++i) {
          IndexPoint& point = segment.points[i];
          const Partners& with = partners[i];
          if (with.previous) point.change = change(*with.previous, i);
          if (with.baseline) point.vsBaseline = change(*with.baseline, i);
          if (with.yearAgo) point.vsYearAgo = change(*with.yearAgo, i);
        }
      }
      series.segments.push_back(std::move(segment));
    }
    adjustIndexFamilies(series);
    out.indices.push_back(std::move(series));
  }

  /// Holm within each family of an item's series: one measure, one kind of comparison, all segments.
  static void adjustItemFamilies(ItemTrend& series) {
    std::array<std::vector<ProportionChange*>, 3> favourable;
    std::array<std::vector<MeanChange*>, 3> mean;
    for (ItemSegment& segment : series.segments) {
      for (TrendPoint& point : segment.points) {
        if (point.favourableChange) favourable[0].push_back(&*point.favourableChange);
        if (point.favourableVsBaseline) favourable[1].push_back(&*point.favourableVsBaseline);
        if (point.favourableVsYearAgo) favourable[2].push_back(&*point.favourableVsYearAgo);
        if (point.meanChange) mean[0].push_back(&*point.meanChange);
        if (point.meanVsBaseline) mean[1].push_back(&*point.meanVsBaseline);
        if (point.meanVsYearAgo) mean[2].push_back(&*point.meanVsYearAgo);
      }
    }
    adjustFamily(favourable[0], series.favourableTests.previous);
    adjustFamily(favourable[1], series.favourableTests.baseline);
    adjustFamily(favourable[2], series.favourableTests.yearAgo);
    adjustFamily(mean[0], series.meanTests.previous);
    adjustFamily(mean[1], series.meanTests.baseline);
    adjustFamily(mean[2], series.meanTests.yearAgo);
  }

  static void adjustIndexFamilies(IndexTrend& series) {
    std::array<std::vector<MeanChange*>, 3> families;
    for (IndexSegment& segment : series.segments) {
      for (IndexPoint& point : segment.points) {
        if (point.change) families[0].push_back(&*point.change);
        if (point.vsBaseline) families[1].push_back(&*point.vsBaseline);
        if (point.vsYearAgo) families[2].push_back(&*point.vsYearAgo);
      }
    }
    adjustFamily(families[0], series.tests.previous);
    adjustFamily(families[1], series.tests.baseline);
    adjustFamily(families[2], series.tests.yearAgo);
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
