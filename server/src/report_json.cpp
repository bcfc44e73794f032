#include "courtvoice/server/report_json.hpp"

#include <cmath>

#include "courtvoice/server/json_io.hpp"

namespace courtvoice::server {

Poco::Dynamic::Var optionalNumber(const std::optional<double>& value) {
  if (!value || !std::isfinite(*value)) return {};
  return *value;
}

Poco::Dynamic::Var intervalToJson(const std::optional<analytics::Interval>& interval) {
  if (!interval) return {};
  auto object = makeObject();
  object->set("low", optionalNumber(interval->low));
  object->set("high", optionalNumber(interval->high));
  return object;
}

Poco::Dynamic::Var stringList(const std::vector<std::string>& values) {
  auto array = makeArray();
  for (const auto& value : values) array->add(value);
  return array;
}

Poco::JSON::Object::Ptr itemHeadToJson(const std::string& id, surveys::ItemType type, const std::string& dimension,
                                       const surveys::LocalizedText& text, const std::string& lang) {
  auto object = makeObject();
  object->set("id", id);
  object->set("type", toString(type));
  object->set("dimension", dimension);
  object->set("text", surveys::pick(text, lang));
  return object;
}

Poco::JSON::Object::Ptr filtersToJson(const ReportFilters& filters) {
  auto object = makeObject();
  object->set("courts", stringList(filters.courts));
  object->set("regions", stringList(filters.regions));
  object->set("from", filters.from ? Poco::Dynamic::Var(filters.from->toString()) : Poco::Dynamic::Var());
  object->set("to", filters.to ? Poco::Dynamic::Var(filters.to->toString()) : Poco::Dynamic::Var());
  return object;
}

surveys::ResponseQuery responseQuery(const std::string& surveyId, const ReportFilters& filters) {
  surveys::ResponseQuery query;
  query.surveyId = surveyId;
  query.courts = filters.courts;
  query.regions = filters.regions;
  query.from = filters.from;
  query.to = filters.to;
  return query;
}

}  // namespace courtvoice::server
