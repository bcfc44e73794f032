#include "courtvoice/server/summary_service.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <set>

#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/server/trend_json.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/localized_text.hpp"
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

Poco::JSON::Object::Ptr itemToJson(const surveys::Item& item, const std::string& lang) {
  auto object = itemHeadToJson(item.id, item.type, item.dimension, item.text, lang);
  if (surveys::isScale(item.type)) {
    object->set("scale_min", surveys::scaleMin(item.type));
    object->set("scale_max", surveys::scaleMax(item.type));
  }
  if (!item.options.empty()) {
    auto options = makeArray();
    for (const auto& option : item.options) {
      auto o = makeObject();
      o->set("code", option.code);
      o->set("label", surveys::pick(option.label, lang));
      options->add(o);
    }
    object->set("options", options);
  }
  return object;
}

Poco::JSON::Object::Ptr itemSummaryToJson(const analytics::ItemSummary& item) {
  auto object = makeObject();
  object->set("item_id", item.itemId);
  object->set("suppressed", item.suppressed);
  if (item.suppressed) return object;  // too few answers: not even how many
  object->set("n", item.n);
  auto counts = makeObject();
  for (const auto& [code, count] : item.counts) counts->set(std::to_string(code), count);
  object->set("counts", counts);
  auto nonAnswers = makeObject();
  for (const auto& [name, count] : item.nonAnswers) nonAnswers->set(name, count);
  object->set("non_answers", nonAnswers);
  object->set("mean", optionalNumber(item.mean));
  object->set("sd", optionalNumber(item.sd));
  object->set("median", optionalNumber(item.median));
  object->set("favourable", optionalNumber(item.favourable));
  object->set("favourable_ci", intervalToJson(item.favourableCi));
  object->set("nps", optionalNumber(item.nps));
  return object;
}

}  // namespace

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
      throw DomainError(ErrorKind::Invalid, "invalid_group", "group must be none, court, region, month or quarter",
                        "group");
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
  // The texts and items of the version people answer now, else of the last one they answered.
  std::optional<surveys::SurveyDefinition> def = surveys_.findPublished(surveyId);
  if (!def) {
    int newestAnswered = 0;
    for (const auto& info : surveys_.listVersions(surveyId)) {
      if (info.status != surveys::VersionStatus::Draft) newestAnswered = std::max(newestAnswered, info.version);
    }
    def = newestAnswered > 0 ? surveys_.findVersion(surveyId, newestAnswered) : surveys_.findLatest(surveyId);
  }
  if (!def) throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");

  analytics::SummaryOptions options;
  options.groupBy = request.groupBy;
  const std::vector<surveys::Court> courts = courts_.list();
  const analytics::SurveySummary summary = engine_.summary(*def, courts, resultsFilter(request), options);
  return summaryToJson(summary, *def, request, courts);
}

std::string SummaryService::trendJson(const std::string& surveyId, const TrendRequest& request) {
  // Only versions respondents could see: a draft's wording must not show in a report.
  const auto definitions = surveys::loadAllVersions(surveys_, surveyId, /*withDrafts=*/false);
  if (definitions.empty()) {
    if (!surveys_.findLatest(surveyId)) throw DomainError(ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
    throw DomainError(ErrorKind::NotFound, "version_not_found",
                      "survey " + surveyId + " has no published, closed or archived version yet", "");
  }
  analytics::TrendOptions options;
  options.period = request.period;
  const analytics::TrendReport report = engine_.trend(definitions, courts_.list(), resultsFilter(request), options);
  return trendToJson(report, definitions, request);
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
  std::map<std::string, std::string> courtNames;
  for (const auto& court : courts) courtNames[court.code] = surveys::pick(court.name, lang);

  auto root = makeObject();
  root->set("survey_id", summary.surveyId);
  root->set("version", def.version);
  root->set("language", lang);
  root->set("title", surveys::pick(def.title, lang));
  root->set("group_by", analytics::toString(summary.groupBy));
  root->set("min_group_size", summary.minGroupSize);
  root->set("total_responses", summary.totalResponses);

  root->set("filters", filtersToJson(request));

  auto items = makeArray();
  for (const auto& item : def.items) items->add(itemToJson(item, lang));
  root->set("items", items);

  auto indices = makeArray();
  for (const auto& index : def.indices) {
    auto object = makeObject();
    object->set("id", index.id);
    object->set("name", surveys::pick(index.name, lang));
    object->set("dimensions", stringList(index.dimensions));
    indices->add(object);
  }
  root->set("indices", indices);

  auto groups = makeArray();
  for (const auto& group : summary.groups) {
    auto object = makeObject();
    object->set("key", group.key);
    const auto name = courtNames.find(group.key);
    const bool byCourt = summary.groupBy == analytics::GroupBy::Court && name != courtNames.end();
    object->set("label", byCourt ? name->second : group.key);
    object->set("suppressed", group.suppressed);
    if (!group.suppressed) {
      object->set("responses", group.responses);
      auto groupItems = makeArray();
      for (const auto& item : group.items) groupItems->add(itemSummaryToJson(item));
      object->set("items", groupItems);
      auto groupIndices = makeArray();
      for (const auto& index : group.indices) {
        auto i = makeObject();
        i->set("index_id", index.indexId);
        i->set("suppressed", index.suppressed);
        if (index.suppressed) {
          groupIndices->add(i);
          continue;
        }
        i->set("value", optionalNumber(index.value));
        i->set("n", index.n);
        groupIndices->add(i);
      }
      object->set("indices", groupIndices);
    }
    groups->add(object);
  }
  root->set("groups", groups);
  return toJson(root);
}

}  // namespace courtvoice::server
