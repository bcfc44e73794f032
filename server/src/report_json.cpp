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
  object->set("levels", stringList(filters.levels));
  auto versions = makeArray();
  for (int version : filters.versions) versions->add(version);
  object->set("versions", versions);
  object->set("from", filters.from ? Poco::Dynamic::Var(filters.from->toString()) : Poco::Dynamic::Var());
  object->set("to", filters.to ? Poco::Dynamic::Var(filters.to->toString()) : Poco::Dynamic::Var());
  return object;
}

analytics::ResultsFilter resultsFilter(const ReportFilters& filters) {
  analytics::ResultsFilter out;
  out.courts = filters.courts;
  out.regions = filters.regions;
  out.levels = filters.levels;
  out.from = filters.from;
  out.to = filters.to;
  out.versions = filters.versions;
  return out;
}

}  // namespace courtvoice::server
