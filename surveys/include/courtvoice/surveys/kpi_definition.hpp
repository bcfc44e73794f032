#pragma once
// A public-confidence KPI of the strategy team (docs/api.md, "KPIs"): what is measured (a metric
// of one survey), where (a scope), per which period, from which baseline to which target. The
// structure and its JSON only; checks against surveys and courts are the server's (kpi_service).
#include <optional>
#include <string>
#include <vector>

#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::surveys {

enum class KpiMetricKind { Favourable, Index, Nps, OptionShare };
enum class KpiScopeKind { Country, Region, Level, Court };
enum class KpiPeriodUnit { Year, Quarter };

std::string toString(KpiMetricKind);
std::string toString(KpiScopeKind);
std::string toString(KpiPeriodUnit);

struct KpiMetric {
  KpiMetricKind kind = KpiMetricKind::Favourable;
  std::string item;          ///< favourable, nps, option_share
  std::string index;         ///< index
  std::vector<int> options;  ///< option_share: the option codes counted
};

struct KpiScope {
  KpiScopeKind kind = KpiScopeKind::Country;
  std::string code;  ///< region code, court level or court code; empty for the country
};

struct KpiYearValue {
  int year = 0;
  double value = 0;
};

struct KpiBaseline {
  std::string period;            ///< "2025" (year) or "2025-Q1" (quarter)
  std::optional<double> value;   ///< absent on input: computed from the period's data when saved
  bool computed = false;         ///< the value was computed from the data, not given
};

/// Values are on the metric's own scale: percent (0..100) for favourable and option_share, the
/// index (0..100), NPS (-100..100).
struct KpiDefinition {
  std::string id;  ///< 1-64 of a-z 0-9 _ -
  LocalizedText name;
  std::string surveyId;
  KpiMetric metric;
  KpiScope scope;
  KpiPeriodUnit period = KpiPeriodUnit::Year;
  KpiBaseline baseline;
  std::vector<KpiYearValue> milestones;  ///< yearly, ascending years
  KpiYearValue target;
  bool higherIsBetter = true;
};

/// What a save carries besides the definition: who (a name the caller gives) and why.
struct KpiChangeNote {
  std::string changedBy;
  std::string note;
  std::optional<int> basedOn;  ///< "version": the version the editor started from, when given
};

/// Parses a KPI definition. Checks the shape only (types, required fields, known names, text
/// lengths) and throws DomainError(Invalid) listing every problem with its field ("metric.item",
/// "milestones[1].year", ...). Also reads the optional "changed_by", "note" and "version" (the
/// version edited) into `change` when given. Values, periods and order are checked by the server (validateKpi).
KpiDefinition parseKpiDefinition(const std::string& json, KpiChangeNote* change = nullptr);

/// The definition as JSON (what parseKpiDefinition reads; baseline with "computed").
std::string kpiDefinitionToJson(const KpiDefinition& definition);

}  // namespace courtvoice::surveys
