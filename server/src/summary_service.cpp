#include "courtvoice/server/summary_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "courtvoice/server/access_scope.hpp"
#include "courtvoice/server/disclosure_guard.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/server/report_scope.hpp"
#include "courtvoice/server/trend_csv.hpp"
#include "courtvoice/server/trend_json.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/localized_text.hpp"
#include "courtvoice/surveys/regions.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

std::optional<surveys::Date> parseDateParam(const std::optional<std::string>& text, const std::string& field) {
  if (!text || text->empty()) return std::nullopt;
  auto date = surveys::Date::parse(*text);
  if (!date) throw DomainError(ErrorKind::Invalid, "invalid_date", field + " must be a date YYYY-MM-DD", field);
  return date;
}

// Options {"code","label"} or scale points {"value","label"}, labels in `lang`.
Poco::JSON::Array::Ptr labelledCodesToJson(const std::vector<surveys::Option>& entries, const std::string& codeKey,
                                           const std::string& lang) {
  auto array = makeArray();
  for (const auto& entry : entries) {
    auto o = makeObject();
    o->set(codeKey, entry.code);
    o->set("label", surveys::pick(entry.label, lang));
    array->add(o);
  }
  return array;
}

Poco::JSON::Object::Ptr itemToJson(const surveys::Item& item, const std::string& lang) {
  auto object = itemHeadToJson(item.id, item.type, item.dimension, item.text, lang);
  if (surveys::isScale(item.type)) {
    object->set("scale_min", surveys::scaleMin(item.type));
    object->set("scale_max", surveys::scaleMax(item.type));
  }
  if (!item.options.empty()) object->set("options", labelledCodesToJson(item.options, "code", lang));
  // The points' own labels (scale5; a 0-10 item that names its ends): the dashboard shows them.
  if (!item.scaleLabels.empty()) object->set("scale_labels", labelledCodesToJson(item.scaleLabels, "value", lang));
  return object;
}

void writeItemSummary(JsonWriter& out, const analytics::ItemSummary& item) {
  out.beginObject();
  out.key("item_id").value(item.itemId);
  out.key("suppressed").value(item.suppressed);
  if (item.suppressed) {
    out.endObject();  // too few answers: not even how many
    return;
  }
  out.key("n").value(item.n);
  out.key("counts").beginObject();
  for (const auto& [code, count] : item.counts) out.key(std::to_string(code)).value(count);
  out.endObject();
  out.key("non_answers").beginObject();
  for (const auto& [name, count] : item.nonAnswers) out.key(name).value(count);
  out.endObject();
  out.key("mean").value(item.mean);
  out.key("sd").value(item.sd);
  out.key("median").value(item.median);
  out.key("favourable").value(item.favourable);
  out.key("favourable_ci");
  writeInterval(out, item.favourableCi);
  out.key("nps").value(item.nps);
  out.key("nps_ci");
  writeInterval(out, item.npsCi);
  out.endObject();
}

// A group's region, when it has one: region groups and court groups (docs/api.md).
struct GroupRegion {
  std::string code;
  std::string name;
};

void writeGroup(JsonWriter& out, const analytics::GroupSummary& group, const std::string& label,
                const std::optional<GroupRegion>& region) {
  out.beginObject();
  out.key("key").value(group.key);
  out.key("label").value(label);
  if (region) out.key("region").value(region->code).key("region_name").value(region->name);
  out.key("suppressed").value(group.suppressed);
  if (!group.suppressed) {
    out.key("responses").value(group.responses);
    out.key("items").beginArray();
    for (const auto& item : group.items) writeItemSummary(out, item);
    out.endArray();
    out.key("indices").beginArray();
    for (const auto& index : group.indices) {
      beginIndexJson(out, index);
      out.endObject();
    }
    out.endArray();
  }
  out.endObject();
}

/// A survey is not reported by court when any version respondents could answer says so: they
/// were told their answers would never be shown per court, whichever version a report reads.
bool reportedByCourt(const std::vector<surveys::SurveyDefinition>& versions) {
  return std::all_of(versions.begin(), versions.end(),
                     [](const surveys::SurveyDefinition& def) { return def.reportByCourt; });
}

/// For a survey not reported by court: no court groups, no court filter (not even of one court,
/// which would report that court under another name).
void refuseCourtReporting(const ReportFilters& request, analytics::GroupBy groupBy) {
  if (groupBy == analytics::GroupBy::Court) {
    throw DomainError(ErrorKind::Invalid, "not_allowed",
                      "this survey is never reported by court: group by region or level instead", "group");
  }
  if (!request.courts.empty()) {
    throw DomainError(ErrorKind::Invalid, "not_allowed",
                      "this survey is never reported by court: filter by region or level instead", "court");
  }
}

}  // namespace

void writeGroupJson(JsonWriter& out, const analytics::GroupSummary& group, const std::string& label) {
  writeGroup(out, group, label, std::nullopt);
}

Poco::JSON::Object::Ptr itemDefinitionJson(const surveys::Item& item, const std::string& lang) {
  return itemToJson(item, lang);
}

Poco::JSON::Array::Ptr indexDefinitionsJson(const surveys::SurveyDefinition& def, const std::string& lang) {
  auto indices = makeArray();
  for (const auto& index : def.indices) {
    auto object = makeObject();
    object->set("id", index.id);
    object->set("name", surveys::pick(index.name, lang));
    object->set("dimensions", stringList(index.dimensions));
    indices->add(object);
  }
  return indices;
}

ReportFilters makeReportFilters(std::vector<std::string> courts, std::vector<std::string> regions,
                                const std::optional<std::string>& from, const std::optional<std::string>& to,
                                const std::optional<std::string>& lang) {
  ReportFilters filters;
  filters.courts = std::move(courts);
  filters.regions = std::move(regions);
  filters.from = parseDateParam(from, "from");
  filters.to = parseDateParam(to, "to");
  if (filters.from && filters.to && *filters.from > *filters.to) {
    throw DomainError(ErrorKind::Invalid, "invalid_range", "from must not be after to", "to");
  }
  if (lang && !lang->empty()) {
    const auto& supported = surveys::kSupportedLanguages;
    if (std::find(supported.begin(), supported.end(), *lang) == supported.end()) {
      throw DomainError(ErrorKind::Invalid, "invalid_language", "lang must be kk, ru or en", "lang");
    }
    filters.lang = *lang;
  }
  return filters;
}

SummaryRequest makeSummaryRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                                  const std::optional<std::string>& from, const std::optional<std::string>& to,
                                  const std::optional<std::string>& group, const std::optional<std::string>& lang) {
  SummaryRequest request;
  static_cast<ReportFilters&>(request) = makeReportFilters(std::move(courts), std::move(regions), from, to, lang);
  if (group && !group->empty()) {
    const auto groupBy = analytics::parseGroupBy(*group);
    if (!groupBy) {
      throw DomainError(ErrorKind::Invalid, "invalid_group",
                        "group must be none, court, region, level, month or quarter", "group");
    }
    request.groupBy = *groupBy;
  }
  return request;
}

TrendRequest makeTrendRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                              const std::optional<std::string>& from, const std::optional<std::string>& to,
                              const std::optional<std::string>& period, const std::optional<std::string>& lang) {
  TrendRequest request;
  static_cast<ReportFilters&>(request) = makeReportFilters(std::move(courts), std::move(regions), from, to, lang);
  if (period && !period->empty()) {
    const auto parsed = analytics::parsePeriod(*period);
    if (!parsed) throw DomainError(ErrorKind::Invalid, "invalid_period", "period must be month, quarter or year", "period");
    request.period = *parsed;
  }
  return request;
}

void addScopeFilters(ReportFilters& filters, std::vector<std::string> levels, const std::vector<std::string>& versions) {
  filters.levels = std::move(levels);
  for (const std::string& text : versions) {
    const bool digits = !text.empty() && text.size() <= 6 && std::all_of(text.begin(), text.end(), [](char c) {
      return c >= '0' && c <= '9';
    });
    if (!digits || std::stoi(text) < 1) {
      throw DomainError(ErrorKind::Invalid, "invalid_version", "version must be a whole number from 1", "version");
    }
    filters.versions.push_back(std::stoi(text));
  }
}

SummaryService::SummaryService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine,
                               surveys::CourtStore& courts)
    : surveys_(surveys), engine_(engine), courts_(courts) {}

std::string SummaryService::summaryJson(const std::string& surveyId, const SummaryRequest& request) {
  const SummaryResult result = summary(surveyId, request);
  return summaryToJson(result.summary, result.def, result.request, result.courts);
}

SummaryResult SummaryService::summary(const std::string& surveyId, const SummaryRequest& asked) {
  surveys::SurveyDefinition def = reportDefinition(surveys_, surveyId);
  const std::vector<surveys::Court> courts = courts_.list();
  SummaryRequest request = asked;
  narrowToCurrentScope(courts, request,
                       ScopeQuery{reportedByCourt(surveys_, def), request.groupBy == analytics::GroupBy::Region, "group"});
  applyCourtReporting(surveys_, def, request, request.groupBy == analytics::GroupBy::Court);

  analytics::SummaryOptions options;
  options.groupBy = request.groupBy;
  checkDisclosure(engine_, def, courts, request);
  analytics::SurveySummary summary = engine_.summary(def, courts, resultsFilter(request), options);
  suppressComplementaryGroups(engine_, def, courts, request, summary);
  return SummaryResult{std::move(def), std::move(summary), courts, std::move(request)};
}

struct SummaryService::Trend {
  std::vector<surveys::SurveyDefinition> definitions;
  analytics::TrendReport report;
  TrendRequest request;  ///< narrowed to the account's scope
};

SummaryService::Trend SummaryService::trend(const std::string& surveyId, const TrendRequest& asked) {
  // Only versions respondents could see: a draft's wording must not show in a report.
  auto definitions = surveys::loadAllVersions(surveys_, surveyId, /*withDrafts=*/false);
  if (definitions.empty()) {
    if (!surveys_.findLatest(surveyId)) throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
    throw DomainError(ErrorKind::NotFound, "version_not_found",
                      "survey " + surveyId + " has no published, closed or archived version yet", "");
  }
  const std::vector<surveys::Court> courts = courts_.list();
  TrendRequest request = asked;
  narrowToCurrentScope(courts, request, ScopeQuery{reportedByCourt(definitions), false, "group"});
  // The trend suppresses periods and points from fewer than two courts when any version says so.
  if (!reportedByCourt(definitions)) refuseCourtReporting(request, analytics::GroupBy::None);
  analytics::TrendOptions options;
  options.period = request.period;
  analytics::TrendContext context;
  context.baseline = request.baseline;
  context.today = request.today;
  context.from = request.from;
  context.to = request.to;
  checkDisclosure(engine_, definitions.back(), courts, request);
  analytics::TrendReport report = engine_.trend(definitions, courts, resultsFilter(request), options, context);
  return Trend{std::move(definitions), std::move(report), std::move(request)};
}

std::string SummaryService::trendJson(const std::string& surveyId, const TrendRequest& request) {
  const Trend trended = trend(surveyId, request);
  return trendToJson(trended.report, trended.definitions, trended.request);
}

std::string SummaryService::trendCsv(const std::string& surveyId, const TrendRequest& request, const CsvStyle& style) {
  const Trend trended = trend(surveyId, request);
  return trendToCsv(trended.report, trended.definitions, trended.request, style);
}

namespace {

std::string engineStatusJson(const analytics::EngineStats& stats, std::optional<std::int64_t> milliseconds) {
  auto root = makeObject();
  root->set("responses", stats.responses);
  root->set("sequence", stats.sequence);
  root->set("answer_bytes", stats.answerBytes);
  root->set("cell_bytes", stats.cellBytes);
  root->set("cells", stats.cells);
  if (milliseconds) root->set("milliseconds", *milliseconds);
  return toJson(root);
}

}  // namespace

std::string SummaryService::resultsStatusJson() {
  engine_.catchUp();
  return engineStatusJson(engine_.stats(), std::nullopt);
}

std::string SummaryService::rebuildResultsJson() {
  const auto start = std::chrono::steady_clock::now();
  engine_.rebuild();
  warmUp();  // the cells of the current reports, as at start-up, so the next click does not pay for them
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return engineStatusJson(engine_.stats(), elapsed.count());
}

int SummaryService::warmUp() {
  std::set<std::string> ids;
  for (const auto& info : surveys_.listVersions()) {
    if (info.status != surveys::VersionStatus::Draft) ids.insert(info.surveyId);
  }
  for (const std::string& id : ids) {
    summaryJson(id, SummaryRequest{});
    trendJson(id, TrendRequest{});
  }
  return static_cast<int>(ids.size());
}

std::string summaryToJson(const analytics::SurveySummary& summary, const surveys::SurveyDefinition& def,
                          const SummaryRequest& request, const std::vector<surveys::Court>& courts) {
  const std::string& lang = request.lang;
  std::map<std::string, const surveys::Court*> courtByCode;
  for (const auto& court : courts) courtByCode[court.code] = &court;

  auto items = makeArray();
  for (const auto& item : def.items) items->add(itemToJson(item, lang));
  const auto indices = indexDefinitionsJson(def, lang);

  // The groups make up nearly all of a large reply: written directly, not as Poco objects.
  JsonWriter out;
  out.beginObject();
  out.key("survey_id").value(summary.surveyId);
  out.key("version").value(def.version);
  out.key("language").value(lang);
  out.key("title").value(surveys::pick(def.title, lang));
  out.key("group_by").value(analytics::toString(summary.groupBy));
  out.key("report_by_court").value(def.reportByCourt);
  out.key("min_group_size").value(summary.minGroupSize);
  out.key("total_responses").value(summary.totalResponses);
  out.key("filters").raw(toJson(filtersToJson(request)));
  out.key("items").raw(toJson(items));
  out.key("indices").raw(toJson(indices));
  out.key("groups").beginArray();
  for (const auto& group : summary.groups) {
    if (summary.groupBy == analytics::GroupBy::Region) {
      const std::string name = surveys::regionName(group.key, lang);
      writeGroup(out, group, name, GroupRegion{group.key, name});
    } else if (summary.groupBy == analytics::GroupBy::Court) {
      const auto court = courtByCode.find(group.key);
      if (court == courtByCode.end()) {
        writeGroup(out, group, group.key, std::nullopt);
      } else {
        writeGroup(out, group, surveys::pick(court->second->name, lang),
                   GroupRegion{court->second->region, surveys::regionName(court->second->region, lang)});
      }
    } else {
      writeGroup(out, group, group.key, std::nullopt);
    }
  }
  out.endArray();
  out.endObject();
  return out.take();
}

}  // namespace courtvoice::server
