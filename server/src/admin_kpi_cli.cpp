#include "courtvoice/server/admin_kpi_cli.hpp"

#include <iomanip>
#include <sstream>

#include "courtvoice/server/kpi_json.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

const char* const kKpiCliHelp =
    "kpi list                  every KPI (archived ones too) with its version, metric, scope, baseline, target\n"
    "kpi show ID               the KPI's definition as JSON (what set reads; edit it and set it again)\n"
    "kpi set FILE.json         create the KPI of the file, or store it as the next version of the KPI with\n"
    "                          its id; JSON as POST /api/v1/admin/kpis (docs/api.md, \"KPIs\"). Without\n"
    "                          baseline.value, the baseline is computed from that period's data. --by=NAME\n"
    "                          says who makes the change (default: $USER); a \"note\" in the file says why.\n"
    "kpi history ID            every version: when, by whom, what changed, the note\n"
    "kpi values                each KPI's latest complete period: value (95% interval), n, milestone due,\n"
    "                          status (on_track, at_risk, off_track, insufficient_data; docs/analytics.md)";

namespace {

std::string fixed1(std::optional<double> value) {
  if (!value) return "-";
  std::ostringstream out;
  out << std::fixed << std::setprecision(1) << *value;
  return out.str();
}

std::string metricText(const surveys::KpiMetric& metric) {
  std::string text = surveys::toString(metric.kind) + " " + (metric.kind == surveys::KpiMetricKind::Index ? metric.index : metric.item);
  if (metric.kind == surveys::KpiMetricKind::OptionShare) {
    text += " [";
    for (std::size_t i = 0; i < metric.options.size(); ++i) text += (i ? "," : "") + std::to_string(metric.options[i]);
    text += "]";
  }
  return text;
}

std::string scopeText(const surveys::KpiScope& scope) {
  return scope.kind == surveys::KpiScopeKind::Country ? "country" : surveys::toString(scope.kind) + " " + scope.code;
}

void requireOperands(const std::vector<std::string>& operands, std::size_t count, const std::string& usage) {
  if (operands.size() != count) throw KpiUsageError("usage: kpi " + usage);
}

int list(KpiService& service, std::ostream& out) {
  const auto records = service.list(true);
  if (records.empty()) {
    out << "no KPIs\n";
    return 0;
  }
  out << std::left << std::setw(28) << "ID" << std::setw(5) << "V" << std::setw(14) << "SURVEY" << std::setw(30)
      << "METRIC" << std::setw(24) << "SCOPE" << std::setw(9) << "PERIOD" << std::setw(18) << "BASELINE"
      << "TARGET\n";
  for (const auto& record : records) {
    const auto& kpi = record.definition;
    out << std::left << std::setw(28) << (kpi.id + (record.archived ? " (archived)" : "")) << std::setw(5)
        << record.version << std::setw(14) << kpi.surveyId << std::setw(30) << metricText(kpi.metric) << std::setw(24)
        << scopeText(kpi.scope) << std::setw(9) << surveys::toString(kpi.period) << std::setw(18)
        << (kpi.baseline.period + " " + fixed1(kpi.baseline.value)) << kpi.target.year << " " << fixed1(kpi.target.value)
        << "\n";
  }
  return 0;
}

int set(KpiService& service, const std::string& json, const std::string& user, std::ostream& out) {
  // The id decides between a new KPI and a new version of one.
  const std::string id = surveys::parseKpiDefinition(json).id;
  bool exists = true;
  try {
    service.get(id);
  } catch (const surveys::DomainError& error) {
    if (error.kind() != surveys::ErrorKind::NotFound) throw;
    exists = false;
  }
  const auto record = exists ? service.update(id, json, user) : service.create(json, user);
  out << (exists ? "updated" : "created") << " KPI " << id << " version " << record.version << " by "
      << record.changedBy << "; baseline " << record.definition.baseline.period << " = "
      << fixed1(record.definition.baseline.value) << (record.definition.baseline.computed ? " (computed)" : "") << "\n";
  return 0;
}

int history(KpiService& service, const std::string& id, std::ostream& out) {
  const auto versions = service.history(id);
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const auto& record = versions[i];
    std::string changes = "created";
    if (i > 0) {
      changes.clear();
      for (const auto& field : kpiChanges(versions[i - 1], record)) changes += (changes.empty() ? "" : ", ") + field;
      if (changes.empty()) changes = "nothing";
    }
    out << "v" << record.version << "  " << record.changedOn << " UTC  by " << record.changedBy << "  changed: " << changes
        << (record.note.empty() ? "" : "  note: " + record.note) << "\n";
  }
  return 0;
}

int values(KpiService& service, std::ostream& out) {
  const auto evaluations = service.evaluateAll();
  if (evaluations.empty()) {
    out << "no KPIs\n";
    return 0;
  }
  const auto courts = service.courts();
  out << std::left << std::setw(28) << "ID" << std::setw(9) << "PERIOD" << std::setw(26) << "VALUE (95% CI)"
      << std::setw(7) << "N" << std::setw(15) << "MILESTONE DUE" << "STATUS\n";
  for (const auto& e : evaluations) {
    std::string value = "no data";
    std::string n = "-";
    if (e.latest && e.latest->reading.suppressed) {
      value = "not enough data";
    } else if (e.latest && e.latest->reading.value) {
      const auto& r = e.latest->reading;
      value = fixed1(r.value) + (r.ci ? " (" + fixed1(r.ci->low) + "-" + fixed1(r.ci->high) + ")" : "");
      n = std::to_string(e.latest->n);
    }
    out << std::left << std::setw(28) << e.record.definition.id << std::setw(9) << (e.latest ? e.latest->period : "-")
        << std::setw(26) << value << std::setw(7) << n << std::setw(15) << fixed1(e.milestoneDue)
        << analytics::toString(e.status) << "  " << kpiScopeName(e.record.definition.scope, courts, "en") << "\n";
  }
  return 0;
}

}  // namespace

int runKpiCli(const std::vector<std::string>& operands, KpiService& service, const std::string& user,
              const std::function<std::string(const std::string&)>& readFile, std::ostream& out) {
  if (operands.empty()) throw KpiUsageError("kpi needs an action: list, show, set, history or values");
  const std::string& action = operands[0];
  if (action == "list") {
    requireOperands(operands, 1, "list");
    return list(service, out);
  }
  if (action == "show") {
    requireOperands(operands, 2, "show ID");
    out << kpiRecordJson(service.get(operands[1])) << "\n";
    return 0;
  }
  if (action == "set") {
    requireOperands(operands, 2, "set FILE.json");
    return set(service, readFile(operands[1]), user, out);
  }
  if (action == "history") {
    requireOperands(operands, 2, "history ID");
    return history(service, operands[1], out);
  }
  if (action == "values") {
    requireOperands(operands, 1, "values");
    return values(service, out);
  }
  throw KpiUsageError("unknown kpi action \"" + action + "\": list, show, set, history or values");
}

}  // namespace courtvoice::server
