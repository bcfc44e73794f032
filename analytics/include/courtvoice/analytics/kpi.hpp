#pragma once
// The pure logic of KPIs (docs/analytics.md, "KPI status"): reporting periods, the milestone due
// at a day (linear between the planned points), and the status of a value with its interval.
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/analytics/statistics.hpp"
#include "courtvoice/surveys/date.hpp"
#include "courtvoice/surveys/kpi_definition.hpp"

namespace courtvoice::analytics {

/// One reporting period of a KPI: "2025" (a year) or "2025-Q3" (a quarter), first and last day.
struct KpiPeriod {
  std::string key;
  surveys::Date start;
  surveys::Date end;
};

/// The period named `key` in `unit`, or nullopt when the key is not one ("2025" for a year,
/// "2025-Q1".."2025-Q4" for a quarter; years 2000..2100).
std::optional<KpiPeriod> parseKpiPeriod(const std::string& key, surveys::KpiPeriodUnit unit);
/// The period of `unit` that contains `day`.
KpiPeriod kpiPeriodOf(const surveys::Date& day, surveys::KpiPeriodUnit unit);
/// The periods from `first` to the last one that ended before `today` (complete periods only),
/// in order; empty when `first` has not ended yet.
std::vector<KpiPeriod> completeKpiPeriods(const KpiPeriod& first, surveys::KpiPeriodUnit unit,
                                          const surveys::Date& today);

/// A point of the planned path: the value planned for a day (a period's or a year's last day).
struct KpiPlanPoint {
  surveys::Date date;
  double value = 0;
};

/// The planned path of a KPI: the baseline at its period's last day, each milestone and the
/// target at 31 December of their years. Needs the baseline value.
std::vector<KpiPlanPoint> kpiPlan(const surveys::KpiDefinition& kpi);

/// The value planned for `day`: linear in days between the two surrounding points; the first
/// point's value before it and the last point's (the target) after it. nullopt without points.
std::optional<double> plannedValueAt(const std::vector<KpiPlanPoint>& plan, const surveys::Date& day);

enum class KpiStatus { OnTrack, AtRisk, OffTrack, InsufficientData };
std::string toString(KpiStatus);

/// A period's value of a KPI as the report shows it.
struct KpiReading {
  std::optional<double> value;
  std::optional<Interval> ci;
  bool suppressed = false;  ///< too few responses: no value is shown
};

/// Two values this close count as equal (rounding of the interpolation), so that a value
/// exactly at its milestone is on track.
inline constexpr double kKpiTolerance = 1e-9;

/// For "higher is better": on_track when value >= milestone; at_risk when value < milestone <=
/// the interval's upper bound; off_track when the whole interval is below the milestone. Mirrored
/// for "lower is better". insufficient_data when suppressed, without a value, interval or
/// milestone.
KpiStatus kpiStatus(const KpiReading& reading, std::optional<double> milestone, bool higherIsBetter);

}  // namespace courtvoice::analytics
