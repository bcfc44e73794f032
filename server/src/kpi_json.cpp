#include "courtvoice/server/kpi_json.hpp"

#include <algorithm>

#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/surveys/regions.hpp"

namespace courtvoice::server {

using surveys::KpiRecord;
using surveys::KpiScopeKind;

namespace {

const surveys::Court* findCourt(const std::vector<surveys::Court>& courts, const std::string& code) {
  const auto it = std::find_if(courts.begin(), courts.end(), [&](const surveys::Court& c) { return c.code == code; });
  return it == courts.end() ? nullptr : &*it;
}

/// The region of the scope: the region itself, or the court's region; "" otherwise.
std::string scopeRegion(const surveys::KpiScope& scope, const std::vector<surveys::Court>& courts) {
  if (scope.kind == KpiScopeKind::Region) return scope.code;
  if (scope.kind == KpiScopeKind::Court) {
    if (const auto* court = findCourt(courts, scope.code)) return court->region;
  }
  return "";
}

const char* unitOf(surveys::KpiMetricKind kind) {
  switch (kind) {
    case surveys::KpiMetricKind::Index: return "index";
    case surveys::KpiMetricKind::Nps: return "nps";
    default: return "percent";
  }
}

/// The definition's JSON object with the record's fields appended: the definition is written by
/// kpiDefinitionToJson (one place), its closing brace replaced by the extra members.
void writeRecord(JsonWriter& out, const KpiRecord& record) {
  std::string json = surveys::kpiDefinitionToJson(record.definition);
  json.pop_back();  // the object's closing '}'
  JsonWriter extra;
  extra.beginObject()
      .key("version").value(record.version)
      .key("archived").value(record.archived)
      .key("changed_by").value(record.changedBy)
      .key("changed_on").value(record.changedOn)
      .key("note").value(record.note)
      .endObject();
  out.raw(json + "," + extra.text().substr(1));
}

void writeReading(JsonWriter& out, const KpiPeriodValue& value) {
  const bool shown = value.hasData && !value.reading.suppressed;
  out.beginObject();
  out.key("period").value(value.period);
  out.key("end").value(value.end.toString());
  // A suppressed period shows that, never a number: no value, interval or n.
  out.key("suppressed").value(value.reading.suppressed);
  out.key("value").value(shown ? value.reading.value : std::nullopt);
  out.key("ci");
  writeInterval(out, shown ? value.reading.ci : std::nullopt);
  if (value.reading.suppressed) out.key("n").null();
  else out.key("n").value(value.n);
  out.endObject();
}

}  // namespace

std::string kpiScopeName(const surveys::KpiScope& scope, const std::vector<surveys::Court>& courts,
                         const std::string& lang) {
  switch (scope.kind) {
    case KpiScopeKind::Country:
      return lang == "kk" ? "Қазақстан" : lang == "en" ? "Kazakhstan" : "Казахстан";
    case KpiScopeKind::Region:
      return surveys::regionName(scope.code, lang);
    case KpiScopeKind::Level:
      return courtLevelName(scope.code, lang);
    case KpiScopeKind::Court:
      if (const auto* court = findCourt(courts, scope.code)) return surveys::pick(court->name, lang);
      return scope.code;
  }
  return scope.code;
}

std::string kpiRecordJson(const KpiRecord& record) {
  JsonWriter out;
  writeRecord(out, record);
  return out.take();
}

std::string kpiListJson(const std::vector<KpiRecord>& records) {
  JsonWriter out;
  out.beginObject().key("kpis").beginArray();
  for (const auto& record : records) writeRecord(out, record);
  out.endArray().endObject();
  return out.take();
}

std::string kpiHistoryJson(const std::string& id, const std::vector<KpiRecord>& versions) {
  JsonWriter out;
  out.beginObject().key("id").value(id).key("versions").beginArray();
  for (std::size_t i = 0; i < versions.size(); ++i) {
    const KpiRecord& record = versions[i];
    out.beginObject();
    out.key("version").value(record.version);
    out.key("changed_by").value(record.changedBy);
    out.key("changed_on").value(record.changedOn);
    out.key("note").value(record.note);
    out.key("archived").value(record.archived);
    out.key("changes").beginArray();
    if (i == 0) {
      out.value("created");
    } else {
      for (const auto& field : kpiChanges(versions[i - 1], record)) out.value(field);
    }
    out.endArray();
    out.key("definition").raw(surveys::kpiDefinitionToJson(record.definition));
    out.endObject();
  }
  out.endArray().endObject();
  return out.take();
}

std::string kpiValuesJson(const std::vector<KpiEvaluation>& evaluations, const std::vector<surveys::Court>& courts,
                          const std::string& lang, const surveys::Date& asOf) {
  JsonWriter out;
  out.beginObject();
  out.key("language").value(lang);
  out.key("as_of").value(asOf.toString());
  out.key("kpis").beginArray();
  for (const KpiEvaluation& e : evaluations) {
    const surveys::KpiDefinition& kpi = e.record.definition;
    out.beginObject();
    out.key("id").value(kpi.id);
    out.key("version").value(e.record.version);
    out.key("name").value(surveys::pick(kpi.name, lang));
    out.key("survey_id").value(kpi.surveyId);
    out.key("metric").beginObject().key("kind").value(surveys::toString(kpi.metric.kind));
    if (kpi.metric.kind == surveys::KpiMetricKind::Index) out.key("index").value(kpi.metric.index);
    else out.key("item").value(kpi.metric.item);
    if (kpi.metric.kind == surveys::KpiMetricKind::OptionShare) {
      out.key("options").beginArray();
      for (const int code : kpi.metric.options) out.value(code);
      out.endArray();
    }
    out.endObject();
    out.key("unit").value(unitOf(kpi.metric.kind));
    const std::string region = scopeRegion(kpi.scope, courts);
    out.key("scope").beginObject();
    out.key("kind").value(surveys::toString(kpi.scope.kind));
    if (kpi.scope.kind == KpiScopeKind::Country) out.key("code").null();
    else out.key("code").value(kpi.scope.code);
    out.key("name").value(kpiScopeName(kpi.scope, courts, lang));
    if (region.empty()) out.key("region").null().key("region_name").null();
    else out.key("region").value(region).key("region_name").value(surveys::regionName(region, lang));
    out.endObject();
    out.key("period").value(surveys::toString(kpi.period));
    out.key("direction").value(kpi.higherIsBetter ? "higher" : "lower");
    out.key("baseline").beginObject().key("period").value(kpi.baseline.period).key("value").value(kpi.baseline.value);
    out.key("computed").value(kpi.baseline.computed).endObject();
    out.key("milestones").beginArray();
    for (const auto& m : kpi.milestones) {
      out.beginObject().key("year").value(m.year).key("value").value(std::optional<double>(m.value)).endObject();
    }
    out.endArray();
    out.key("target").beginObject().key("year").value(kpi.target.year);
    out.key("value").value(std::optional<double>(kpi.target.value)).endObject();
    out.key("latest");
    if (e.latest) writeReading(out, *e.latest);
    else out.null();
    out.key("milestone_due");
    if (e.milestoneDue && e.dueOn) {
      out.beginObject().key("date").value(e.dueOn->toString()).key("value").value(e.milestoneDue).endObject();
    } else {
      out.null();
    }
    out.key("status").value(analytics::toString(e.status));
    out.key("series").beginArray();
    for (const auto& point : e.series) writeReading(out, point);
    out.endArray();
    out.endObject();
  }
  out.endArray();
  out.endObject();
  return out.take();
}

std::string kpiValuesCsv(const std::vector<KpiEvaluation>& evaluations, const std::vector<surveys::Court>& courts,
                         const std::string& lang, const CsvStyle& style) {
  std::string text = kCsvBom;
  text += csvLine({"id", "name", "survey_id", "metric", "item_or_index", "scope", "scope_code", "scope_name", "region",
                   "region_name", "period", "value", "ci_low", "ci_high", "n", "milestone_due", "target_year",
                   "target_value", "status"},
                  style);
  for (const KpiEvaluation& e : evaluations) {
    const surveys::KpiDefinition& kpi = e.record.definition;
    const bool shown = e.latest && !e.latest->reading.suppressed;
    const auto reading = shown ? e.latest->reading : analytics::KpiReading{};
    const std::string region = scopeRegion(kpi.scope, courts);
    text += csvLine({kpi.id, surveys::pick(kpi.name, lang), kpi.surveyId, surveys::toString(kpi.metric.kind),
                     kpi.metric.kind == surveys::KpiMetricKind::Index ? kpi.metric.index : kpi.metric.item,
                     surveys::toString(kpi.scope.kind), kpi.scope.code, kpiScopeName(kpi.scope, courts, lang), region,
                     region.empty() ? "" : surveys::regionName(region, lang), e.latest ? e.latest->period : "",
                     csvNumber(reading.value, style, 1),
                     csvNumber(reading.ci ? std::optional(reading.ci->low) : std::nullopt, style, 1),
                     csvNumber(reading.ci ? std::optional(reading.ci->high) : std::nullopt, style, 1),
                     shown ? std::to_string(e.latest->n) : "", csvNumber(e.milestoneDue, style, 1),
                     std::to_string(kpi.target.year), csvNumber(kpi.target.value, style, 1),
                     analytics::toString(e.status)},
                    style);
  }
  return text;
}

}  // namespace courtvoice::server
