#include "courtvoice/server/demo_kpis.hpp"

#include <algorithm>
#include <cmath>


namespace courtvoice::server {

namespace {

struct DemoKpi {
  surveys::KpiDefinition definition;
  double yearlyStep;  ///< the planned gain per year (points on the metric's scale)
};

double round1(double value) { return std::round(value * 10.0) / 10.0; }

std::vector<DemoKpi> demoKpis() {
  std::vector<DemoKpi> kpis(3);
  auto& satisfaction = kpis[0].definition;
  satisfaction.id = "citizen_satisfaction";
  satisfaction.name = {{"kk", "Азаматтардың жалпы қанағаттануы"},
                       {"ru", "Общая удовлетворённость граждан"},
                       {"en", "Citizens' overall satisfaction"}};
  satisfaction.surveyId = "court_user";
  satisfaction.metric = {surveys::KpiMetricKind::Favourable, "overall", "", {}};
  satisfaction.period = surveys::KpiPeriodUnit::Quarter;
  satisfaction.baseline.period = "2025-Q4";
  kpis[0].yearlyStep = 3.0;

  auto& fairness = kpis[1].definition;
  fairness.id = "fairness_index";
  fairness.name = {{"kk", "Әділдік индексі"}, {"ru", "Индекс справедливости"}, {"en", "Fairness index"}};
  fairness.surveyId = "court_user";
  fairness.metric = {surveys::KpiMetricKind::Index, "", "fairness_index", {}};
  fairness.period = surveys::KpiPeriodUnit::Quarter;
  fairness.baseline.period = "2025-Q4";
  kpis[1].yearlyStep = 2.5;

  auto& engagement = kpis[2].definition;
  engagement.id = "staff_engagement";
  engagement.name = {{"kk", "Қызметкерлердің тартылуы"}, {"ru", "Вовлечённость сотрудников"}, {"en", "Staff engagement"}};
  engagement.surveyId = "court_staff";
  engagement.metric = {surveys::KpiMetricKind::Index, "", "engagement_index_v2", {}};
  engagement.period = surveys::KpiPeriodUnit::Year;  // staff answer in one wave a year
  engagement.baseline.period = "2025";
  kpis[2].yearlyStep = 2.0;
  return kpis;
}

}  // namespace

void loadDemoKpis(KpiService& service, std::ostream& out) {
  const auto existing = service.list(/*withArchived=*/true);
  for (DemoKpi& demo : demoKpis()) {
    surveys::KpiDefinition& kpi = demo.definition;
    if (std::any_of(existing.begin(), existing.end(), [&](const auto& r) { return r.definition.id == kpi.id; })) {
      out << "KPI " << kpi.id << ": already defined\n";
      continue;
    }
    // The milestones are planned from the baseline; saving without a baseline value makes the
    // service compute (and mark) it from the same data.
    const KpiPeriodValue baseline = service.measure(kpi, kpi.baseline.period);
    if (!baseline.reading.value || baseline.reading.suppressed) {
      out << "KPI " << kpi.id << ": skipped, not enough responses in " << kpi.baseline.period << " for a baseline\n";
      continue;
    }
    const double start = *baseline.reading.value;
    for (int year = 2026; year <= 2028; ++year) {
      kpi.milestones.push_back({year, std::min(100.0, round1(start + demo.yearlyStep * (year - 2025)))});
    }
    kpi.target = {2029, std::min(100.0, round1(start + demo.yearlyStep * 4))};
    std::string json = surveys::kpiDefinitionToJson(kpi);  // "baseline": {"value": null, ...}
    json.pop_back();
    json += ",\"note\":\"demo: a 2025-2029 strategy target\"}";
    const auto saved = service.create(json, "demo");
    out << "KPI " << kpi.id << ": defined, baseline " << kpi.baseline.period << " = " << round1(start) << ", target "
        << kpi.target.year << " = " << kpi.target.value << " (version " << saved.version << ")\n";
  }
}

}  // namespace courtvoice::server
