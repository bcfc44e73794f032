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
// When any of the definitions has report_by_court false, a period and a point whose responses
// come from fewer than two courts are suppressed too (docs/analytics.md).

/// Change of the % favourable from the previous point to this one (later minus earlier, as a
/// share -1..1). The interval uses the unpooled standard error, the test the pooled one.
struct ProportionChange {
  double difference = 0;
  Interval ci;               ///< 95%
  double z = 0;              ///< two-proportion z statistic (0 when both shares are 0 or both 1)
  bool significant = false;  ///< |z| > 1.96 (5%, two-sided)
};

/// Change of a mean from the previous point to this one (later minus earlier), Welch's t.
struct MeanChange {
  double difference = 0;
  Interval ci;               ///< 95%, t quantile at floor(df)
  double t = 0;
  double df = 0;             ///< Welch-Satterthwaite degrees of freedom
  bool significant = false;  ///< |t| > t(0.975, floor(df))
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
  std::optional<ProportionChange> favourableChange;  ///< vs the previous point of the segment, both shown
  std::optional<MeanChange> meanChange;              ///< likewise; needs n >= 2 and some spread
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
};

struct ItemTrend {
  std::string itemId;
  surveys::ItemType type = surveys::ItemType::Agreement5;  ///< from the newest version that has the item
  std::string dimension;                                   ///< likewise
  surveys::LocalizedText text;                             ///< likewise
  std::vector<ItemSegment> segments;                       ///< oldest first; more than one = breaks
};

struct IndexPoint {
  std::string period;
  std::int64_t n = 0;                         ///< respondents contributing
  std::optional<double> value;                ///< 0..100, (mean of respondent means - 1) * 25
  bool suppressed = false;
  std::optional<MeanChange> change;           ///< on the 0..100 scale, vs the previous point
};

struct IndexSegment {
  int fromVersion = 0;
  int toVersion = 0;
  std::vector<IndexPoint> points;
};

struct IndexTrend {
  std::string indexId;
  surveys::LocalizedText name;                ///< from the newest version that has the index
  std::vector<IndexSegment> segments;
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
/// version, a negative minimum, or a response of another survey.
class TrendBuilder {
 public:
  TrendBuilder(std::vector<surveys::SurveyDefinition> definitions, TrendOptions options);
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
/// Welch comparison of two samples' moments (earlier, later); nullopt when either has n < 2 or
/// both have zero variance.
std::optional<MeanChange> compareMeans(const Moments& earlier, const Moments& later);

}  // namespace courtvoice::analytics
