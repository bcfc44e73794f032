#include "courtvoice/analytics/kpi.hpp"

#include <chrono>
#include <regex>

namespace courtvoice::analytics {

using surveys::Date;
using surveys::KpiPeriodUnit;

namespace {

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

Date lastDayOfMonth(int year, int month) {
  const std::chrono::year_month_day_last last{
      std::chrono::year{year}, std::chrono::month_day_last{std::chrono::month{static_cast<unsigned>(month)}}};
  return {year, month, static_cast<int>(static_cast<unsigned>(last.day()))};
}

long long dayNumber(const Date& date) {
  const std::chrono::sys_days days = std::chrono::year_month_day{
      std::chrono::year{date.year}, std::chrono::month{static_cast<unsigned>(date.month)},
      std::chrono::day{static_cast<unsigned>(date.day)}};
  return days.time_since_epoch().count();
}

KpiPeriod quarter(int year, int q) {
  return {std::to_string(year) + "-Q" + std::to_string(q), {year, 3 * q - 2, 1}, lastDayOfMonth(year, 3 * q)};
}

KpiPeriod wholeYear(int year) { return {std::to_string(year), {year, 1, 1}, {year, 12, 31}}; }

KpiPeriod next(const KpiPeriod& period, KpiPeriodUnit unit) {
  if (unit == KpiPeriodUnit::Year) return wholeYear(period.start.year + 1);
  const int q = (period.start.month - 1) / 3 + 1;
  return q == 4 ? quarter(period.start.year + 1, 1) : quarter(period.start.year, q + 1);
}

}  // namespace

std::optional<KpiPeriod> parseKpiPeriod(const std::string& key, KpiPeriodUnit unit) {
  static const std::regex yearPattern(R"(^([0-9]{4})$)");
  static const std::regex quarterPattern(R"(^([0-9]{4})-Q([1-4])$)");
  std::smatch match;
  if (!std::regex_match(key, match, unit == KpiPeriodUnit::Year ? yearPattern : quarterPattern)) return std::nullopt;
  const int year = std::stoi(match[1].str());
  if (year < kFirstYear || year > kLastYear) return std::nullopt;
  return unit == KpiPeriodUnit::Year ? wholeYear(year) : quarter(year, std::stoi(match[2].str()));
}

KpiPeriod kpiPeriodOf(const Date& day, KpiPeriodUnit unit) {
  return unit == KpiPeriodUnit::Year ? wholeYear(day.year) : quarter(day.year, (day.month - 1) / 3 + 1);
}

std::vector<KpiPeriod> completeKpiPeriods(const KpiPeriod& first, KpiPeriodUnit unit, const Date& today) {
  std::vector<KpiPeriod> periods;
  for (KpiPeriod period = first; period.end < today; period = next(period, unit)) periods.push_back(period);
  return periods;
}

std::vector<KpiPlanPoint> kpiPlan(const surveys::KpiDefinition& kpi) {
  std::vector<KpiPlanPoint> plan;
  const auto baseline = parseKpiPeriod(kpi.baseline.period, kpi.period);
  if (baseline && kpi.baseline.value) plan.push_back({baseline->end, *kpi.baseline.value});
  for (const auto& milestone : kpi.milestones) plan.push_back({Date{milestone.year, 12, 31}, milestone.value});
  if (kpi.target.year > 0) plan.push_back({Date{kpi.target.year, 12, 31}, kpi.target.value});
  return plan;
}

std::optional<double> plannedValueAt(const std::vector<KpiPlanPoint>& plan, const Date& day) {
  if (plan.empty()) return std::nullopt;
  if (day <= plan.front().date) return plan.front().value;
  for (std::size_t i = 1; i < plan.size(); ++i) {
    const KpiPlanPoint& before = plan[i - 1];
    const KpiPlanPoint& after = plan[i];
    if (day > after.date) continue;
    const double span = static_cast<double>(dayNumber(after.date) - dayNumber(before.date));
    if (span <= 0) return after.value;
    const double done = static_cast<double>(dayNumber(day) - dayNumber(before.date)) / span;
    return before.value + (after.value - before.value) * done;
  }
  return plan.back().value;
}

std::string toString(KpiStatus status) {
  switch (status) {
    case KpiStatus::OnTrack: return "on_track";
    case KpiStatus::AtRisk: return "at_risk";
    case KpiStatus::OffTrack: return "off_track";
    case KpiStatus::InsufficientData: return "insufficient_data";
  }
  return "insufficient_data";
}

KpiStatus kpiStatus(const KpiReading& reading, std::optional<double> milestone, bool higherIsBetter) {
  if (reading.suppressed || !reading.value || !reading.ci || !milestone) return KpiStatus::InsufficientData;
  // "Lower is better" is "higher is better" of the negated values.
  const double sign = higherIsBetter ? 1.0 : -1.0;
  const double value = sign * *reading.value;
  const double goal = sign * *milestone;
  const double bestBound = higherIsBetter ? reading.ci->high : -reading.ci->low;
  if (value >= goal - kKpiTolerance) return KpiStatus::OnTrack;
  if (bestBound >= goal - kKpiTolerance) return KpiStatus::AtRisk;
  return KpiStatus::OffTrack;
}

}  // namespace courtvoice::analytics
