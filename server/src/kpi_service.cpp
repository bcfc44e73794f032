#include "courtvoice/server/kpi_service.hpp"

#include <algorithm>
#include <chrono>
#include <ctime>
#include <map>
#include <regex>
#include <set>

#include "courtvoice/server/access_scope.hpp"
#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/disclosure_guard.hpp"
#include "courtvoice/server/report_scope.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/server/utc_now.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/regions.hpp"

namespace courtvoice::server {

using analytics::KpiPeriod;
using analytics::KpiReading;
using surveys::DomainError;
using surveys::ErrorKind;
using surveys::KpiDefinition;
using surveys::KpiMetricKind;
using surveys::KpiRecord;
using surveys::KpiScopeKind;
using surveys::ValidationError;

namespace {

constexpr int kFirstYear = 2000;
constexpr int kLastYear = 2100;

std::string trimmed(const std::string& text) {
  const auto first = text.find_first_not_of(" \t\r\n");
  if (first == std::string::npos) return "";
  return text.substr(first, text.find_last_not_of(" \t\r\n") - first + 1);
}

const surveys::Item* findItem(const surveys::SurveyDefinition& def, const std::string& id) {
  const auto it = std::find_if(def.items.begin(), def.items.end(), [&](const surveys::Item& i) { return i.id == id; });
  return it == def.items.end() ? nullptr : &*it;
}

/// The range of the metric's values: NPS -100..100, everything else 0..100.
std::pair<double, double> valueRange(KpiMetricKind kind) {
  return kind == KpiMetricKind::Nps ? std::pair{-100.0, 100.0} : std::pair{0.0, 100.0};
}

std::string rangeText(KpiMetricKind kind) {
  return kind == KpiMetricKind::Nps ? "from -100 to 100" : "from 0 to 100";
}

void checkMetric(const KpiDefinition& kpi, const surveys::SurveyDefinition& def, std::vector<ValidationError>& errors) {
  const auto& metric = kpi.metric;
  if (metric.kind == KpiMetricKind::Index) {
    const bool known = std::any_of(def.indices.begin(), def.indices.end(),
                                   [&](const surveys::IndexDefinition& index) { return index.id == metric.index; });
    if (!known) errors.push_back({"unknown_index", "survey " + def.id + " has no index " + metric.index, "metric.index"});
    return;
  }
  const surveys::Item* item = findItem(def, metric.item);
  if (item == nullptr) {
    errors.push_back({"unknown_item", "survey " + def.id + " has no item " + metric.item, "metric.item"});
    return;
  }
  if (metric.kind == KpiMetricKind::Favourable && !surveys::isScale(item->type)) {
    errors.push_back({"wrong_item_type", "% favourable needs a scale item (5-point or 0-10)", "metric.item"});
  }
  if (metric.kind == KpiMetricKind::Nps && item->type != surveys::ItemType::Scale0to10) {
    errors.push_back({"wrong_item_type", "NPS needs a 0-10 item", "metric.item"});
  }
  if (metric.kind != KpiMetricKind::OptionShare) return;
  const bool choice = item->type == surveys::ItemType::SingleChoice;
  if (!choice && !surveys::isScale(item->type)) {
    errors.push_back({"wrong_item_type", "an option share needs a single-choice or scale item", "metric.item"});
    return;
  }
  std::set<int> seen;
  for (std::size_t i = 0; i < metric.options.size(); ++i) {
    const int code = metric.options[i];
    const std::string field = "metric.options[" + std::to_string(i) + "]";
    const bool exists = choice ? std::any_of(item->options.begin(), item->options.end(),
                                             [&](const surveys::Option& o) { return o.code == code; })
                               : code >= surveys::scaleMin(item->type) && code <= surveys::scaleMax(item->type);
    if (!exists) errors.push_back({"unknown_option", "item " + item->id + " has no answer code " + std::to_string(code), field});
    if (!seen.insert(code).second) errors.push_back({"duplicate_option", "answer code listed twice", field});
  }
}

void checkScope(const KpiDefinition& kpi, const std::optional<surveys::SurveyDefinition>& def,
                const std::vector<surveys::Court>& courts, std::vector<ValidationError>& errors) {
  const std::string& code = kpi.scope.code;
  switch (kpi.scope.kind) {
    case KpiScopeKind::Country:
      return;
    case KpiScopeKind::Region: {
      const auto& regions = surveys::kazakhstanRegions();
      if (std::none_of(regions.begin(), regions.end(), [&](const surveys::Region& r) { return r.code == code; })) {
        errors.push_back({"unknown_region", "no region " + code + " (codes of GET /api/v1/regions)", "scope.region"});
      }
      return;
    }
    case KpiScopeKind::Level:
      if (std::find(kCourtLevels.begin(), kCourtLevels.end(), code) == kCourtLevels.end()) {
        errors.push_back({"unknown_level", "level must be district, specialised, regional, cassation or supreme",
                          "scope.level"});
      }
      return;
    case KpiScopeKind::Court:
      if (std::none_of(courts.begin(), courts.end(), [&](const surveys::Court& c) { return c.code == code; })) {
        errors.push_back({"unknown_court", "court " + code + " is not in the registry", "scope.court"});
      } else if (def && !def->reportByCourt) {
        errors.push_back({"not_allowed", "survey " + def->id + " is never reported by court: choose a region or level",
                          "scope.court"});
      }
      return;
  }
}

void checkValue(double value, KpiMetricKind kind, const std::string& field, std::vector<ValidationError>& errors) {
  const auto [low, high] = valueRange(kind);
  if (value < low || value > high) errors.push_back({"out_of_range", "the value must be " + rangeText(kind), field});
}

void checkPlan(const KpiDefinition& kpi, std::vector<ValidationError>& errors) {
  const auto baseline = analytics::parseKpiPeriod(kpi.baseline.period, kpi.period);
  if (!baseline) {
    errors.push_back({"invalid_period",
                      kpi.period == surveys::KpiPeriodUnit::Year ? "a yearly KPI's baseline period is a year, e.g. 2025"
                                                                 : "a quarterly KPI's baseline period is e.g. 2025-Q1",
                      "baseline.period"});
  }
  if (kpi.baseline.value) checkValue(*kpi.baseline.value, kpi.metric.kind, "baseline.value", errors);
  std::optional<surveys::Date> previous;
  if (baseline) previous = baseline->end;
  const auto inOrder = [&](int year, const std::string& field, const std::string& what) {
    if (year < kFirstYear || year > kLastYear) {
      errors.push_back({"out_of_range", "the year must be from 2000 to 2100", field});
      return;
    }
    const surveys::Date end{year, 12, 31};
    if (previous && end <= *previous) {
      errors.push_back({"out_of_order", what + " must come after the baseline period and the milestones before it",
                        field});
    }
    previous = end;
  };
  for (std::size_t i = 0; i < kpi.milestones.size(); ++i) {
    const std::string path = "milestones[" + std::to_string(i) + "]";
    inOrder(kpi.milestones[i].year, path + ".year", "each milestone's year");
    checkValue(kpi.milestones[i].value, kpi.metric.kind, path + ".value", errors);
  }
  inOrder(kpi.target.year, "target.year", "the target's year");
  checkValue(kpi.target.value, kpi.metric.kind, "target.value", errors);
}

bool sameMetric(const surveys::KpiMetric& a, const surveys::KpiMetric& b) {
  return a.kind == b.kind && a.item == b.item && a.index == b.index && a.options == b.options;
}

bool sameYearValues(const std::vector<surveys::KpiYearValue>& a, const std::vector<surveys::KpiYearValue>& b) {
  return std::equal(a.begin(), a.end(), b.begin(), b.end(), [](const auto& x, const auto& y) {
    return x.year == y.year && x.value == y.value;
  });
}

const std::map<std::string, std::map<std::string, std::string>>& levelNames() {
  static const std::map<std::string, std::map<std::string, std::string>> names = {
      {"district", {{"kk", "Аудандық соттар"}, {"ru", "Районные суды"}, {"en", "District courts"}}},
      {"specialised", {{"kk", "Мамандандырылған соттар"}, {"ru", "Специализированные суды"}, {"en", "Specialised courts"}}},
      {"regional", {{"kk", "Облыстық соттар"}, {"ru", "Областные суды"}, {"en", "Regional courts"}}},
      {"cassation", {{"kk", "Кассациялық сот"}, {"ru", "Кассационный суд"}, {"en", "Cassation court"}}},
      {"supreme", {{"kk", "Жоғарғы Сот"}, {"ru", "Верховный суд"}, {"en", "Supreme Court"}}},
  };
  return names;
}

}  // namespace

std::string courtLevelName(const std::string& level, const std::string& lang) {
  const auto it = levelNames().find(level);
  if (it == levelNames().end()) return level;
  const auto name = it->second.find(lang);
  return name == it->second.end() ? it->second.at("ru") : name->second;
}

std::vector<ValidationError> validateKpi(const KpiDefinition& kpi, const std::optional<surveys::SurveyDefinition>& def,
                                         const std::vector<surveys::Court>& courts) {
  std::vector<ValidationError> errors;
  static const std::regex idPattern("^[a-z0-9][a-z0-9_-]{0,63}$");
  if (!std::regex_match(kpi.id, idPattern)) {
    errors.push_back({"invalid_id", "id must be 1-64 of a-z 0-9 _ -, starting with a letter or digit", "id"});
  } else if (kpi.id == "values") {
    errors.push_back({"invalid_id", "\"values\" is reserved (GET /api/v1/admin/kpis/values)", "id"});
  }
  for (const auto& lang : surveys::kSupportedLanguages) {
    const auto name = kpi.name.find(lang);
    if (name == kpi.name.end() || trimmed(name->second).empty()) {
      errors.push_back({"required", "the KPI needs a name in " + lang, "name." + lang});
    }
  }
  if (!def) {
    errors.push_back({"unknown_survey", "no survey " + kpi.surveyId, "survey_id"});
  } else {
    checkMetric(kpi, *def, errors);
  }
  checkScope(kpi, def, courts, errors);
  checkPlan(kpi, errors);
  return errors;
}

std::vector<std::string> kpiChanges(const KpiRecord& before, const KpiRecord& after) {
  const KpiDefinition& a = before.definition;
  const KpiDefinition& b = after.definition;
  std::vector<std::string> changed;
  if (a.name != b.name) changed.emplace_back("name");
  if (a.surveyId != b.surveyId) changed.emplace_back("survey_id");
  if (!sameMetric(a.metric, b.metric)) changed.emplace_back("metric");
  if (a.scope.kind != b.scope.kind || a.scope.code != b.scope.code) changed.emplace_back("scope");
  if (a.period != b.period) changed.emplace_back("period");
  if (a.baseline.period != b.baseline.period || a.baseline.value != b.baseline.value) changed.emplace_back("baseline");
  if (!sameYearValues(a.milestones, b.milestones)) changed.emplace_back("milestones");
  if (a.target.year != b.target.year || a.target.value != b.target.value) changed.emplace_back("target");
  if (a.higherIsBetter != b.higherIsBetter) changed.emplace_back("direction");
  if (before.archived != after.archived) changed.emplace_back("archived");
  return changed;
}

KpiReading kpiReadingOf(const KpiDefinition& kpi, const analytics::GroupSummary& group, std::int64_t& n) {
  KpiReading reading;
  n = 0;
  if (group.suppressed) {
    reading.suppressed = true;
    return reading;
  }
  const auto percent = [](const analytics::Interval& ci) { return analytics::Interval{100 * ci.low, 100 * ci.high}; };
  if (kpi.metric.kind == KpiMetricKind::Index) {
    const auto it = std::find_if(group.indices.begin(), group.indices.end(),
                                 [&](const analytics::IndexSummary& x) { return x.indexId == kpi.metric.index; });
    if (it == group.indices.end()) return reading;
    if (it->suppressed) {
      reading.suppressed = true;
      return reading;
    }
    reading.value = it->value;
    reading.ci = it->ci;
    n = it->n;
    return reading;
  }
  const auto it = std::find_if(group.items.begin(), group.items.end(),
                               [&](const analytics::ItemSummary& x) { return x.itemId == kpi.metric.item; });
  if (it == group.items.end()) return reading;
  if (it->suppressed) {
    reading.suppressed = true;
    return reading;
  }
  n = it->n;
  switch (kpi.metric.kind) {
    case KpiMetricKind::Favourable:
      if (it->favourable) reading.value = 100 * *it->favourable;
      if (it->favourableCi) reading.ci = percent(*it->favourableCi);
      break;
    case KpiMetricKind::Nps:
      reading.value = it->nps;
      reading.ci = it->npsCi;
      break;
    case KpiMetricKind::OptionShare: {
      if (it->n <= 0) break;
      std::int64_t chosen = 0;
      for (const int code : kpi.metric.options) {
        const auto count = it->counts.find(code);
        if (count != it->counts.end()) chosen += count->second;
      }
      reading.value = 100.0 * static_cast<double>(chosen) / static_cast<double>(it->n);
      reading.ci = percent(analytics::wilsonInterval(chosen, it->n));
      break;
    }
    case KpiMetricKind::Index:
      break;
  }
  return reading;
}

KpiService::KpiService(surveys::SurveyStore& surveys, surveys::CourtStore& courts, surveys::KpiStore& kpis,
                       analytics::ResultsEngine& engine, const surveys::Clock& clock, std::function<std::string()> now)
    : surveys_(surveys), courts_(courts), kpis_(kpis), engine_(engine), clock_(clock),
      now_(now ? std::move(now) : std::function<std::string()>(utcNowText)) {}

namespace {

// A KPI's value covers its whole scope, which only a country account may set or change.
void requireCountryScope() {
  const AccessScope& scope = currentRequest().principal.scope;
  if (!scope.country) {
    throw DomainError(ErrorKind::Forbidden, "out_of_scope",
                      "only an account with the whole country may define or change KPIs; this account may see " +
                          describeScope(scope),
                      "scope");
  }
}

}  // namespace

bool KpiService::visible(const KpiDefinition& kpi, const std::vector<surveys::Court>& courts) {
  const Principal& principal = currentRequest().principal;
  if (principal.scope.country) return true;
  const auto def = findReportDefinition(surveys_, kpi.surveyId);
  return kpiInScope(principal, kpi.scope, courts, !def || def->reportByCourt);
}

void KpiService::requireVisible(const KpiDefinition& kpi) {
  const Principal& principal = currentRequest().principal;
  if (principal.scope.country) return;
  const auto def = findReportDefinition(surveys_, kpi.surveyId);
  requireKpiInCurrentScope(kpi.id, kpi.scope, courts_.list(), !def || def->reportByCourt);
}

KpiRecord KpiService::create(const std::string& json, const std::string& user) {
  requireCountryScope();
  surveys::KpiChangeNote change;
  KpiDefinition kpi = surveys::parseKpiDefinition(json, &change);
  return store(std::move(kpi), change, user, 0, std::nullopt);
}

KpiRecord KpiService::update(const std::string& id, const std::string& json, const std::string& user) {
  requireCountryScope();
  surveys::KpiChangeNote change;
  KpiDefinition kpi = surveys::parseKpiDefinition(json, &change);
  if (kpi.id != id) throw DomainError(ErrorKind::Invalid, "id_mismatch", "the body's id is not the KPI of the URL", "id");
  const auto previous = kpis_.find(id);
  if (!previous) throw DomainError(ErrorKind::NotFound, "kpi_not_found", "no KPI " + id, "");
  return store(std::move(kpi), change, user, change.basedOn, previous);
}

KpiRecord KpiService::archive(const std::string& id, const std::string& user, const std::string& note) {
  requireCountryScope();
  auto previous = kpis_.find(id);
  if (!previous) throw DomainError(ErrorKind::NotFound, "kpi_not_found", "no KPI " + id, "");
  if (previous->archived) throw DomainError(ErrorKind::Conflict, "already_archived", "KPI " + id + " is archived", "");
  KpiRecord record = *previous;
  record.archived = true;
  record.changedBy = trimmed(user);
  if (record.changedBy.empty()) {
    throw DomainError(ErrorKind::Invalid, "missing_field",
                      "say who archives it: the X-CourtVoice-User header or the changed_by query value", "changed_by");
  }
  record.changedOn = now_();
  record.note = note;
  record.version = kpis_.save(record, previous->version);
  return record;
}

KpiRecord KpiService::get(const std::string& id) {
  auto record = kpis_.find(id);
  if (!record) throw DomainError(ErrorKind::NotFound, "kpi_not_found", "no KPI " + id, "");
  requireVisible(record->definition);
  return *record;
}

std::vector<KpiRecord> KpiService::list(bool withArchived) {
  std::vector<KpiRecord> records = kpis_.list(withArchived);
  const auto courts = courts_.list();
  std::erase_if(records, [&](const KpiRecord& record) { return !visible(record.definition, courts); });
  return records;
}

std::vector<KpiRecord> KpiService::history(const std::string& id) {
  auto versions = kpis_.history(id);
  if (versions.empty()) throw DomainError(ErrorKind::NotFound, "kpi_not_found", "no KPI " + id, "");
  requireVisible(versions.back().definition);  // the current version's scope decides
  return versions;
}

KpiRecord KpiService::store(KpiDefinition kpi, const surveys::KpiChangeNote& change, const std::string& user,
                            std::optional<int> expectedVersion, const std::optional<KpiRecord>& previous) {
  const auto def = findReportDefinition(surveys_, kpi.surveyId);
  const auto courts = courts_.list();
  auto errors = validateKpi(kpi, def, courts);
  // The header names the caller; a body sent back from GET still carries the previous editor.
  const std::string changedBy = trimmed(trimmed(user).empty() ? change.changedBy : user);
  if (changedBy.empty()) {
    errors.push_back({"missing_field", "say who makes the change: \"changed_by\" or the X-CourtVoice-User header",
                      "changed_by"});
  }
  if (!errors.empty()) throw DomainError(std::move(errors));

  if (kpi.baseline.value) {
    // A value computed earlier stays "computed" while it is sent back unchanged; any other is given.
    const auto& before = previous ? std::optional(previous->definition.baseline) : std::nullopt;
    kpi.baseline.computed = kpi.baseline.computed && before && before->computed && before->period == kpi.baseline.period &&
                            before->value == kpi.baseline.value;
  } else {
    const KpiPeriod period = *analytics::parseKpiPeriod(kpi.baseline.period, kpi.period);
    if (!(period.end < clock_.today())) {
      throw DomainError(ErrorKind::Invalid, "period_not_complete",
                        "the baseline period " + period.key + " has not ended: give the baseline value", "baseline.period");
    }
    const KpiPeriodValue value = periodValue(kpi, *def, courts, period);
    if (value.reading.suppressed || !value.reading.value) {
      throw DomainError(ErrorKind::Invalid, "no_data",
                        "not enough responses in " + period.key + " in this scope to compute the baseline: give its value",
                        "baseline.period");
    }
    kpi.baseline.value = value.reading.value;
    kpi.baseline.computed = true;
  }
  KpiRecord record;
  record.definition = std::move(kpi);
  record.changedBy = changedBy;
  record.changedOn = now_();
  record.note = change.note;
  record.version = kpis_.save(record, expectedVersion);
  return record;
}

KpiPeriodValue KpiService::periodValue(const KpiDefinition& kpi, const surveys::SurveyDefinition& def,
                                       const std::vector<surveys::Court>& courts, const KpiPeriod& period) {
  KpiPeriodValue out;
  out.period = period.key;
  out.end = period.end;
  ReportFilters filters;
  switch (kpi.scope.kind) {
    case KpiScopeKind::Country: break;
    case KpiScopeKind::Region: filters.regions = {kpi.scope.code}; break;
    case KpiScopeKind::Level: filters.levels = {kpi.scope.code}; break;
    case KpiScopeKind::Court: filters.courts = {kpi.scope.code}; break;
  }
  filters.from = period.start;
  filters.to = period.end;
  try {
    checkDisclosure(engine_, def, courts, filters);
  } catch (const DomainError& refused) {
    if (refused.kind() != ErrorKind::Invalid) throw;
    // The disclosure rule refuses this scope and period: "not enough data", never a number.
    out.hasData = true;
    out.reading.suppressed = true;
    return out;
  }
  const analytics::ResultsFilter filter = resultsFilter(filters);
  const analytics::SurveySummary summary = engine_.summary(def, courts, filter, {});
  if (summary.groups.empty()) return out;  // no response at all
  const analytics::GroupSummary& group = summary.groups.front();
  if (group.suppressed) {
    // A suppressed group hides its count, also when it is 0: a scan tells "no responses" (the
    // period is skipped) from "too few" (not enough data). The count is never shown.
    bool any = false;
    engine_.scan(def.id, courts, filter, {}, [&any](const analytics::ScannedRow&) { any = true; });
    if (!any) return out;
  }
  out.hasData = true;
  out.reading = kpiReadingOf(kpi, group, out.n);
  return out;
}

KpiPeriodValue KpiService::measure(const KpiDefinition& kpi, const std::string& periodKey) {
  const auto def = findReportDefinition(surveys_, kpi.surveyId);
  if (!def) throw DomainError(ErrorKind::Invalid, "unknown_survey", "no survey " + kpi.surveyId, "survey_id");
  requireVisible(kpi);
  const auto period = analytics::parseKpiPeriod(periodKey, kpi.period);
  if (!period) throw DomainError(ErrorKind::Invalid, "invalid_period", "no period " + periodKey, "baseline.period");
  return periodValue(kpi, *def, courts_.list(), *period);
}

KpiEvaluation KpiService::evaluate(const KpiRecord& record) {
  KpiEvaluation evaluation;
  evaluation.record = record;
  const KpiDefinition& kpi = record.definition;
  const auto def = findReportDefinition(surveys_, kpi.surveyId);
  const auto first = analytics::parseKpiPeriod(kpi.baseline.period, kpi.period);
  if (!def || !first) return evaluation;
  const auto courts = courts_.list();
  for (const KpiPeriod& period : analytics::completeKpiPeriods(*first, kpi.period, clock_.today())) {
    evaluation.series.push_back(periodValue(kpi, *def, courts, period));
  }
  for (auto it = evaluation.series.rbegin(); it != evaluation.series.rend(); ++it) {
    if (it->hasData) {
      evaluation.latest = *it;
      break;
    }
  }
  if (evaluation.latest) {
    evaluation.dueOn = evaluation.latest->end;
  } else if (!evaluation.series.empty()) {
    evaluation.dueOn = evaluation.series.back().end;
  }
  if (evaluation.dueOn) evaluation.milestoneDue = analytics::plannedValueAt(analytics::kpiPlan(kpi), *evaluation.dueOn);
  if (evaluation.latest) {
    evaluation.status = analytics::kpiStatus(evaluation.latest->reading, evaluation.milestoneDue, kpi.higherIsBetter);
  }
  return evaluation;
}

std::vector<KpiEvaluation> KpiService::evaluateAll() {
  std::vector<KpiEvaluation> all;
  for (const KpiRecord& record : list(false)) all.push_back(evaluate(record));  // those in the account's scope
  return all;
}

}  // namespace courtvoice::server
