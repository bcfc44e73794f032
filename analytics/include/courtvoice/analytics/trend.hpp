#pragma once
// Trends of one survey across all its versions, per month, quarter or year: per item id and per
// index, one series of points, split into segments where the series breaks (an item marked
// series_break in a new version). Consecutive points within a segment carry the change and
// whether it is significant; no change is computed across a break. Small cells are suppressed.
// See docs/analytics.md, "Trends across versions".
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/statistics.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/localized_text.hpp"
#include "courtvoice/surveys/stores.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::analytics {

enum class Period { Month, Quarter, Year };
std::string toString(Period);                          ///< "month", "quarter", "year"
std::optional<Period> parsePeriod(const std::string&);
/// The period a day falls in: "2025-03", "2025-Q1" or "2025" (these sort chronologically).
std::string periodKey(const surveys::Date& day, Period period);

struct TrendOptions {
  Period period = Period::Quarter;
  int minGroupSize = 0;  ///< 0: the newest definition's effectiveMinGroupSize()
};

/// What makes a period partial and which period is the baseline (docs/analytics.md, "Partial
/// periods"). Apart from TrendOptions so that `TrendOptions{period, min}` stays complete.
struct TrendContext {
  /// The day the report is made (UTC): the period containing it is partial ("running").
  std::optional<surveys::Date> today;
  /// The date filter the responses were chosen with: a period it cuts is partial ("cut_by_filter").
  std::optional<surveys::Date> from;
  std::optional<surveys::Date> to;
  /// The baseline period (a periodKey of the trend's period); none: each segment's first full period.
  std::optional<std::string> baseline;
};
// When any of the definitions has report_by_court false, a period and a point whose responses
// come from fewer than two courts are suppressed too (docs/analytics.md).

/// Change of the % favourable between two points (later minus earlier, as a share -1..1):
/// Newcombe's hybrid score interval (his method 10) from the two Wilson intervals at kZ95. The
/// change is significant exactly when that interval excludes 0; pValue is the 1 - level at which
/// the interval just touches 0, so pValue < 0.05 exactly when significant.
struct ProportionChange {
  double difference = 0;
  Interval ci;                       ///< 95%
  double pValue = 1;
  bool significant = false;          ///< the interval excludes 0
  bool significantAdjusted = false;  ///< significant and Holm-adjusted p < 0.05 within the series
  double pAdjusted = 1;              ///< Holm-adjusted p within the series' family of tests
};

/// Change of a mean between two points (later minus earlier), Welch's t.
struct MeanChange {
  double difference = 0;
  Interval ci;               ///< 95%, t quantile at floor(df)
  double t = 0;
  double df = 0;             ///< Welch-Satterthwaite degrees of freedom
  double pValue = 1;         ///< two-sided, t distribution on floor(df) degrees of freedom
  bool significant = false;  ///< |t| > t(0.975, floor(df))
  bool significantAdjusted = false;  ///< significant and Holm-adjusted p < 0.05 within the series
  double pAdjusted = 1;
};

/// Why a period is partial (left out of every test and comparison, still shown).
enum class PartialReason { None, Running, CutByFilter, MonthsMissing };
std::string toString(PartialReason);  ///< "", "running", "cut_by_filter", "months_missing"

/// How many tests a family (one series, one measure, one kind of comparison) holds and how many
/// of them chance alone would mark significant at 5%.
struct TestFamily {
  int tests = 0;
  double expectedByChance() const { return 0.05 * tests; }
};

/// The comparison families of one measure of a series: previous period, baseline, a year before.
struct SeriesTests {
  TestFamily previous;
  TestFamily baseline;
  TestFamily yearAgo;
};

/// One item in one period of one segment. Scale items: all fields; number items: n, mean, sd
/// and meanChange; choice and text items: n only.
struct TrendPoint {
  std::string period;                         ///< periodKey
  std::int64_t n = 0;                         ///< substantive answers
  std::optional<double> mean;
  std::optional<double> sd;                   ///< sample sd, n >= 2
  std::optional<double> favourable;           ///< share at 4-5 (5-point) or 9-10 (0-10)
  std::optional<Interval> favourableCi;       ///< 95% Wilson
  bool suppressed = false;                    ///< n under the minimum: only `period` is meaningful
  PartialReason partial = PartialReason::None;  ///< a partial point is shown but never compared
  std::optional<ProportionChange> favourableChange;  ///< vs the previous point of the segment, both full
  std::optional<MeanChange> meanChange;              ///< likewise; needs n >= 2 and some spread
  std::optional<ProportionChange> favourableVsBaseline;  ///< vs the segment's baseline point
  std::optional<MeanChange> meanVsBaseline;
  std::optional<ProportionChange> favourableVsYearAgo;   ///< vs the same period a year before
  std::optional<MeanChange> meanVsYearAgo;
};

/// A stretch of an item's series with one meaning: from the version where it starts (the first
/// version with the item, or one that broke its series) up to the next break.
struct ItemSegment {
  int fromVersion = 0;
  int toVersion = 0;                          ///< the last version of the segment that has the item
  surveys::ItemType type = surveys::ItemType::Agreement5;  ///< in the segment's newest version
  /// One point per period from the first to the last period with responses to the segment's
  /// versions; a period in between without any is a suppressed point with n = 0.
  std::vector<TrendPoint> points;
  std::string baseline;  ///< the baseline point's period; empty when there is none to compare with
};

struct ItemTrend {
  std::string itemId;
  surveys::ItemType type = surveys::ItemType::Agreement5;  ///< from the newest version that has the item
  std::string dimension;                                   ///< likewise
  surveys::LocalizedText text;                             ///< likewise
  std::vector<ItemSegment> segments;                       ///< oldest first; more than one = breaks
  SeriesTests favourableTests;                             ///< Holm families of the % favourable changes
  SeriesTests meanTests;                                   ///< and of the mean changes
};

struct IndexPoint {
  std::string period;
  std::int64_t n = 0;                         ///< respondents contributing
  std::optional<double> value;                ///< 0..100, (mean of respondent means - 1) * 25
  std::optional<Interval> ci;                 ///< 95%, indexInterval95 (n >= 2)
  bool suppressed = false;
  PartialReason partial = PartialReason::None;
  std::optional<MeanChange> change;           ///< on the 0..100 scale, vs the previous point
  std::optional<MeanChange> vsBaseline;       ///< on the 0..100 scale, vs the segment's baseline
  std::optional<MeanChange> vsYearAgo;        ///< on the 0..100 scale, vs the same period a year before
};

struct IndexSegment {
  int fromVersion = 0;
  int toVersion = 0;
  std::vector<IndexPoint> points;
  std::string baseline;
};

struct IndexTrend {
  std::string indexId;
  surveys::LocalizedText name;                ///< from the newest version that has the index
  std::vector<IndexSegment> segments;
  SeriesTests tests;
};

/// Where a series breaks, for the chart to draw: the first period in which responses to
/// `version` or later appear (empty while there are none).
struct SeriesBreak {
  std::string id;                             ///< item id or index id
  int version = 0;                            ///< the version that starts the new segment
  std::string period;
  /// Items: "series_break" (declared) or "type_changed" (the type changed without the flag).
  /// Indices: "dimensions_changed" or "item_break" (an item of the index broke its series).
  std::string reason;
  bool operator==(const SeriesBreak&) const = default;
};

struct TrendPeriod {
  std::string period;
  std::int64_t responses = 0;
  bool suppressed = false;                    ///< fewer responses than the minimum (or courts): count hidden
  PartialReason partial = PartialReason::None;  ///< over all the responses of the period
};

struct TrendReport {
  std::string surveyId;
  Period period = Period::Quarter;
  int minGroupSize = 0;
  std::vector<TrendPeriod> periods;           ///< every period from the first to the last response
  std::vector<ItemTrend> items;               ///< newest version's order, then dropped items (newest first)
  std::vector<IndexTrend> indices;            ///< likewise
  std::vector<SeriesBreak> breaks;            ///< item breaks, in item order
  std::vector<SeriesBreak> indexBreaks;
  std::int64_t ignoredResponses = 0;          ///< responses to a version not among the definitions
};

/// Streaming trend builder, like Summarizer: add() responses of any version, merge() partial
/// builders of the same definitions and options, result() the report. Throws
/// std::invalid_argument for no definitions, definitions of different surveys or a repeated
/// version, a negative minimum, or a response of another survey; DomainError(Invalid,
/// "invalid_baseline", field "baseline") for a baseline that is not a key of the period.
class TrendBuilder {
 public:
  TrendBuilder(std::vector<surveys::SurveyDefinition> definitions, TrendOptions options, TrendContext context = {});
  ~TrendBuilder();
  TrendBuilder(TrendBuilder&&) noexcept;
  TrendBuilder& operator=(TrendBuilder&&) noexcept;

  void add(const surveys::StoredResponse& response);
  void merge(const TrendBuilder& other);
  TrendReport result() const;

 private:
  struct State;
  std::unique_ptr<State> state_;
};

/// Convenience: all versions' definitions of the survey (every version that has responses),
/// the query's responses from the store, one report.
TrendReport trend(const std::vector<surveys::SurveyDefinition>& definitions, surveys::ResponseStore& store,
                  const surveys::ResponseQuery& query, const TrendOptions& options);

/// Two-proportion comparison of x1/n1 (earlier) with x2/n2 (later); n1, n2 > 0.
ProportionChange compareProportions(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2);
/// Newcombe's hybrid score interval for p2 - p1 at the normal quantile z.
Interval newcombeInterval(std::int64_t x1, std::int64_t n1, std::int64_t x2, std::int64_t n2, double z = kZ95);
/// Holm's step-down adjusted p-values, in the order given: p_(i) -> max_{j<=i} min(1, (m-j+1) p_(j)).
std::vector<double> holmAdjust(const std::vector<double>& pValues);
/// Whether `text` is the key of a period of kind `period` ("2025-Q1", "2025-03", "2025"): then
/// that period as an ordinal number (consecutive periods, consecutive numbers).
std::optional<std::int64_t> parsePeriodKey(const std::string& text, Period period);
/// Welch comparison of two samples' moments (earlier, later); nullopt when either has n < 2 or
/// both have zero variance.
std::optional<MeanChange> compareMeans(const Moments& earlier, const Moments& later);

}  // namespace courtvoice::analytics
