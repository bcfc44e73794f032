#include "courtvoice/server/summary_service.hpp"

#include <algorithm>
#include <cmath>
#include <map>

#include "courtvoice/server/json_io.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/localized_text.hpp"

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

Poco::Dynamic::Var optionalNumber(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) return {};
  return *value;
}

Poco::Dynamic::Var stringList(const std::vector<std::string>& values) {
  auto array = makeArray();
  for (const auto& value : values) array->add(value);
  return array;
}

Poco::JSON::Object::Ptr itemToJson(const surveys::Item& item, const std::string& lang) {
  auto object = makeObject();
  object->set("id", item.id);
  object->set("type", toString(item.type));
  object->set("dimension", item.dimension);
  object->set("text", surveys::pick(item.text, lang));
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
  if (item.favourableCi) {
    auto ci = makeObject();
    ci->set("low", optionalNumber(item.favourableCi->low));
    ci->set("high", optionalNumber(item.favourableCi->high));
    object->set("favourable_ci", ci);
  } else {
    object->set("favourable_ci", Poco::Dynamic::Var());
  }
  object->set("nps", optionalNumber(item.nps));
  return object;
}

}  // namespace

SummaryRequest makeSummaryRequest(std::vector<std::string> courts, std::vector<std::string> regions,
                                  const std::optional<std::string>& from, const std::optional<std::string>& to,
                                  const std::optional<std::string>& group, const std::optional<std::string>& lang) {
  SummaryRequest request;
  request.courts = std::move(courts);
  request.regions = std::move(regions);
  request.from = parseDateParam(from, "from");
  request.to = parseDateParam(to, "to");
  if (request.from && request.to && *request.from > *request.to) {
    throw DomainError(ErrorKind::Invalid, "invalid_range", "from must not be after to", "to");
  }
  if (group && !group->empty()) {
    const auto groupBy = analytics::parseGroupBy(*group);
    if (!groupBy) {
      throw DomainError(ErrorKind::Invalid, "invalid_group", "group must be none, court, region, month or quarter",
                        "group");
    }
    request.groupBy = *groupBy;
  }
  if (lang && !lang->empty()) {
    const auto& supported = surveys::kSupportedLanguages;
    if (std::find(supported.begin(), supported.end(), *lang) == supported.end()) {
      throw DomainError(ErrorKind::Invalid, "invalid_language", "lang must be kk, ru or en", "lang");
    }
    request.lang = *lang;
  }
  return request;
}

SummaryService::SummaryService(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                               surveys::CourtStore& courts)
    : surveys_(surveys), responses_(responses), courts_(courts) {}

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

  surveys::ResponseQuery query;
  query.surveyId = surveyId;
  query.courts = request.courts;
  query.regions = request.regions;
  query.from = request.from;
  query.to = request.to;
  analytics::SummaryOptions options;
  options.groupBy = request.groupBy;
  const analytics::SurveySummary summary = analytics::summarize(*def, responses_, query, options);
  return summaryToJson(summary, *def, request, courts_.list());
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

  auto filters = makeObject();
  filters->set("courts", stringList(request.courts));
  filters->set("regions", stringList(request.regions));
  filters->set("from", request.from ? Poco::Dynamic::Var(request.from->toString()) : Poco::Dynamic::Var());
  filters->set("to", request.to ? Poco::Dynamic::Var(request.to->toString()) : Poco::Dynamic::Var());
  root->set("filters", filters);

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
