#include "courtvoice/server/summary_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "courtvoice/server/access_scope.hpp"
#include "courtvoice/server/disclosure_guard.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/server/population_csv.hpp"
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

// "weighted": {value, ci, n_eff, n} beside an item's share or an index value; value, ci and
// n_eff are null when no respondent of the figure has a weight above 0.
template <typename IntervalLike>
void writeWeighted(JsonWriter& out, std::optional<double> value, const std::optional<IntervalLike>& ci,
                   std::optional<double> kishN, std::int64_t n) {
  out.key("weighted").beginObject();
  out.key("value").value(value).key("ci");
  writeInterval(out, ci);
  out.key("n_eff").value(kishN).key("n").value(n);
  out.endObject();
}

void writeItemSummary(JsonWriter& out, const analytics::ItemSummary& item, const analytics::WeightedShare* weighted) {
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
  if (weighted != nullptr) {
    writeWeighted(out, weighted->weighted, weighted->weightedCi, weighted->kishN, weighted->weightedN);
  }
  out.endObject();
}

// A group's region, when it has one: region groups and court groups (docs/api.md).
struct GroupRegion {
  std::string code;
  std::string name;
};

void writeGroup(JsonWriter& out, const analytics::GroupSummary& group, const std::string& label,
                const std::optional<GroupRegion>& region, const analytics::WeightedGroup* weighted = nullptr) {
  out.beginObject();
  out.key("key").value(group.key);
  out.key("label").value(label);
  if (region) out.key("region").value(region->code).key("region_name").value(region->name);
  out.key("suppressed").value(group.suppressed);
  if (!group.suppressed) {
    out.key("responses").value(group.responses);
    if (weighted != nullptr) {
      out.key("weights").beginObject();
      out.key("weighted_responses").value(weighted->weightedRespondents);
      out.key("unmatched_responses").value(weighted->unmatched);
      out.key("n_eff").value(weighted->kishN);
      out.endObject();
    }
    out.key("items").beginArray();
    for (const auto& item : group.items) writeItemSummary(out, item, weighted == nullptr ? nullptr : weightedItemOf(*weighted, item.itemId));
    out.endArray();
    out.key("indices").beginArray();
    for (const auto& index : group.indices) {
      beginIndexJson(out, index);
      const analytics::WeightedIndex* w =
          index.suppressed || weighted == nullptr ? nullptr : weightedIndexOf(*weighted, index.indexId);
      if (w != nullptr) writeWeighted(out, w->value, w->ci, w->kishN, w->weightedN);
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

// The population counts as the weights arithmetic keys them: "COURT" or "COURT|CODE".
analytics::PopulationCounts populationCounts(const surveys::PopulationSet& set) {
  analytics::PopulationCounts counts;
  for (const auto& cell : set.cells) {
    counts[cell.court + (cell.caseType ? "|" + std::to_string(*cell.caseType) : "")] = static_cast<double>(cell.population);
  }
  return counts;
}

// The reply's "weights": when and by whom the counts were loaded, and the cells of shown groups
// that had respondents but no count (for a survey never reported by court: how many, not which).
void writeWeightsHead(JsonWriter& out, const SummaryWeights& weights, const analytics::SurveySummary& summary,
                      const surveys::SurveyDefinition& def) {
  std::set<std::string> unmatched;
  for (const auto& group : summary.groups) {
    const auto found = weights.groups.find(group.key);
    if (group.suppressed || found == weights.groups.end()) continue;
    unmatched.insert(found->second.unmatchedCells.begin(), found->second.unmatchedCells.end());
  }
  out.key("weights").beginObject();
  out.key("loaded_on").value(weights.population.loadedOn);
  out.key("loaded_by").value(weights.population.loadedBy);
  out.key("cells").value(weights.byCaseType ? "court_case_type" : "court");
  out.key("unmatched_cells").value(static_cast<std::int64_t>(unmatched.size()));
  out.key("unmatched").beginArray();
  if (def.reportByCourt) {
    for (const std::string& cell : unmatched) {
      const auto bar = cell.find('|');
      out.beginObject().key("court").value(cell.substr(0, bar));
      if (bar == std::string::npos) {
        out.key("case_type").null().key("reason").value("no_count");
      } else if (bar + 1 == cell.size()) {
        out.key("case_type").null().key("reason").value("no_case_type_answer");
      } else {
        out.key("case_type").value(std::stoi(cell.substr(bar + 1))).key("reason").value("no_count");
      }
      out.endObject();
    }
  }
  out.endArray();
  out.endObject();
}

}  // namespace

const analytics::WeightedGroup& SummaryWeights::group(const std::string& key) const {
  static const analytics::WeightedGroup kNoRespondents;
  const auto found = groups.find(key);
  return found == groups.end() ? kNoRespondents : found->second;
}

const analytics::WeightedShare* weightedItemOf(const analytics::WeightedGroup& group, const std::string& itemId) {
  for (const auto& item : group.items) {
    if (item.itemId == itemId) return &item.share;
  }
  return nullptr;
}

const analytics::WeightedIndex* weightedIndexOf(const analytics::WeightedGroup& group, const std::string& indexId) {
  for (const auto& index : group.indices) {
    if (index.indexId == indexId) return &index;
  }
  return nullptr;
}

const std::vector<std::string>& weightedExportColumns() {
  static const std::vector<std::string> columns = {"weighted_value", "weighted_ci_low", "weighted_ci_high", "n_eff",
                                                   "weighted_n"};
  return columns;
}

bool parseWeightsParam(const std::optional<std::string>& value) {
  if (!value || value->empty() || *value == "off") return false;
  if (*value == "on") return true;
  throw DomainError(ErrorKind::Invalid, "invalid_weights", "weights must be on or off", "weights");
}

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
                               surveys::CourtStore& courts, surveys::PopulationStore* population)
    : surveys_(surveys), engine_(engine), courts_(courts), population_(population) {}

std::string SummaryService::summaryJson(const std::string& surveyId, const SummaryRequest& request) {
  const SummaryResult result = summary(surveyId, request);
  return summaryToJson(result.summary, result.def, result.request, result.courts,
                       result.weights ? &*result.weights : nullptr);
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
  std::optional<SummaryWeights> weights;
  if (request.weights) {
    std::optional<surveys::PopulationSet> set = population_ ? population_->find(def.id) : std::nullopt;
    if (!set) {
      throw DomainError(ErrorKind::Invalid, "no_weights",
                        "no population counts are loaded for survey " + def.id +
                            ": load them with PUT .../weights (or courtvoice-admin weights load) first",
                        "weights");
    }
    weights.emplace();
    weights->byCaseType = !set->cells.empty() && set->cells.front().caseType.has_value();
    if (weights->byCaseType && findCaseTypeItem(def) == nullptr) {
      throw DomainError(ErrorKind::Conflict, "weights_mismatch",
                        "the population counts are per case type but this version of " + def.id +
                            " has no case_type item: load counts per court",
                        "weights");
    }
    weights->groups = analytics::weightedGroups(engine_, def, courts, resultsFilter(request), request.groupBy,
                                                populationCounts(*set), weights->byCaseType ? kCaseTypeItemId : "");
    weights->population = std::move(*set);
  }
  return SummaryResult{std::move(def), std::move(summary), courts, std::move(weights), std::move(request)};
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

Poco::JSON::Object::Ptr engineStatus(const analytics::EngineStats& stats, std::optional<std::int64_t> milliseconds) {
  auto root = makeObject();
  root->set("responses", stats.responses);
  root->set("sequence", stats.sequence);
  root->set("answer_bytes", stats.answerBytes);
  root->set("cell_bytes", stats.cellBytes);
  root->set("cells", stats.cells);
  if (milliseconds) root->set("milliseconds", *milliseconds);
  return root;
}

}  // namespace

Poco::JSON::Object::Ptr SummaryService::resultsStatus(std::optional<std::int64_t> milliseconds) {
  const auto stats = engine_.stats();
  auto status = engineStatus(stats, milliseconds);
  status->set("source", source_.name);
  if (source_.primarySequence) {
    try {
      const std::int64_t primary = source_.primarySequence();
      status->set("primary_sequence", primary);
      status->set("behind", std::max<std::int64_t>(0, primary - stats.sequence));
    } catch (const std::exception&) {
      // The primary is unreachable: the replica's figures still stand; the lag is unknown.
    }
  }
  return status;
}

std::string SummaryService::resultsStatusJson() {
  engine_.catchUp();
  return toJson(resultsStatus(std::nullopt));
}

std::string SummaryService::rebuildResultsJson() {
  const auto start = std::chrono::steady_clock::now();
  engine_.rebuild();
  warmUp();  // the cells of the current reports, as at start-up, so the next click does not pay for them
  const auto elapsed = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - start);
  return toJson(resultsStatus(elapsed.count()));
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
                          const SummaryRequest& request, const std::vector<surveys::Court>& courts,
                          const SummaryWeights* weights) {
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
  if (weights != nullptr) writeWeightsHead(out, *weights, summary, def);
  out.key("groups").beginArray();
  for (const auto& group : summary.groups) {
    const analytics::WeightedGroup* weighted = weights == nullptr ? nullptr : &weights->group(group.key);
    if (summary.groupBy == analytics::GroupBy::Region) {
      const std::string name = surveys::regionName(group.key, lang);
      writeGroup(out, group, name, GroupRegion{group.key, name}, weighted);
    } else if (summary.groupBy == analytics::GroupBy::Court) {
      const auto court = courtByCode.find(group.key);
      if (court == courtByCode.end()) {
        writeGroup(out, group, group.key, std::nullopt, weighted);
      } else {
        writeGroup(out, group, surveys::pick(court->second->name, lang),
                   GroupRegion{court->second->region, surveys::regionName(court->second->region, lang)}, weighted);
      }
    } else {
      writeGroup(out, group, group.key, std::nullopt, weighted);
    }
  }
  out.endArray();
  out.endObject();
  return out.take();
}

}  // namespace courtvoice::server
