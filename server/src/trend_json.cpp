#include "courtvoice/server/trend_json.hpp"

#include <algorithm>
#include <cstddef>

#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::server {

namespace {

// The parts every change has: the difference, its 95% interval, the p-value of the test the
// interval implies, and whether it is significant before and after Holm's adjustment.
template <typename Change>
Poco::JSON::Object::Ptr changeToJson(const Change& change) {
  auto object = makeObject();
  object->set("difference", optionalNumber(change.difference));
  object->set("low", optionalNumber(change.ci.low));
  object->set("high", optionalNumber(change.ci.high));
  object->set("p_value", optionalNumber(change.pValue));
  object->set("significant", change.significant);
  object->set("p_adjusted", optionalNumber(change.pAdjusted));
  object->set("significant_adjusted", change.significantAdjusted);
  return object;
}

Poco::Dynamic::Var proportionChangeToJson(const std::optional<analytics::ProportionChange>& change) {
  if (!change) return {};
  return changeToJson(*change);
}

Poco::Dynamic::Var meanChangeToJson(const std::optional<analytics::MeanChange>& change) {
  if (!change) return {};
  auto object = changeToJson(*change);
  object->set("t", optionalNumber(change->t));
  object->set("df", optionalNumber(change->df));
  return object;
}

Poco::JSON::Object::Ptr familyToJson(const analytics::TestFamily& family) {
  auto object = makeObject();
  object->set("tests", family.tests);
  object->set("expected_by_chance", optionalNumber(family.expectedByChance()));
  return object;
}

Poco::JSON::Object::Ptr testsToJson(const analytics::SeriesTests& tests) {
  auto object = makeObject();
  object->set("previous", familyToJson(tests.previous));
  object->set("baseline", familyToJson(tests.baseline));
  object->set("year_ago", familyToJson(tests.yearAgo));
  return object;
}

void setPartial(Poco::JSON::Object& object, analytics::PartialReason reason) {
  object.set("partial", reason != analytics::PartialReason::None);
  object.set("partial_reason", reason == analytics::PartialReason::None ? Poco::Dynamic::Var()
                                                                       : Poco::Dynamic::Var(analytics::toString(reason)));
}

// A suppressed point says only that it is: no n, no figure, no change.
Poco::JSON::Object::Ptr pointHead(const std::string& period, bool suppressed) {
  auto object = makeObject();
  object->set("period", period);
  object->set("suppressed", suppressed);
  return object;
}

Poco::JSON::Object::Ptr itemPointToJson(const analytics::TrendPoint& point) {
  auto object = pointHead(point.period, point.suppressed);
  if (point.suppressed) return object;
  setPartial(*object, point.partial);
  object->set("n", point.n);
  object->set("mean", optionalNumber(point.mean));
  object->set("sd", optionalNumber(point.sd));
  object->set("favourable", optionalNumber(point.favourable));
  object->set("favourable_ci", intervalToJson(point.favourableCi));
  object->set("favourable_change", proportionChangeToJson(point.favourableChange));
  object->set("mean_change", meanChangeToJson(point.meanChange));
  object->set("favourable_vs_baseline", proportionChangeToJson(point.favourableVsBaseline));
  object->set("mean_vs_baseline", meanChangeToJson(point.meanVsBaseline));
  object->set("favourable_vs_year_ago", proportionChangeToJson(point.favourableVsYearAgo));
  object->set("mean_vs_year_ago", meanChangeToJson(point.meanVsYearAgo));
  return object;
}

Poco::JSON::Object::Ptr indexPointToJson(const analytics::IndexPoint& point) {
  auto object = pointHead(point.period, point.suppressed);
  if (point.suppressed) return object;
  setPartial(*object, point.partial);
  object->set("n", point.n);
  object->set("value", optionalNumber(point.value));
  object->set("ci", intervalToJson(point.ci));
  object->set("change", meanChangeToJson(point.change));
  object->set("vs_baseline", meanChangeToJson(point.vsBaseline));
  object->set("vs_year_ago", meanChangeToJson(point.vsYearAgo));
  return object;
}

// Segments of items and of indices differ only in their points.
template <typename Segment, typename RenderPoint>
Poco::JSON::Array::Ptr segmentsToJson(const std::vector<Segment>& segments, RenderPoint renderPoint) {
  auto array = makeArray();
  for (const auto& segment : segments) {
    auto object = makeObject();
    object->set("from_version", segment.fromVersion);
    object->set("to_version", segment.toVersion);
    object->set("baseline", segment.baseline.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(segment.baseline));
    auto points = makeArray();
    for (const auto& point : segment.points) points->add(renderPoint(point));
    object->set("points", points);
    array->add(object);
  }
  return array;
}

Poco::JSON::Array::Ptr breaksToJson(const std::vector<analytics::SeriesBreak>& breaks, const std::string& idName) {
  auto array = makeArray();
  for (const auto& seriesBreak : breaks) {
    auto object = makeObject();
    object->set(idName, seriesBreak.id);
    object->set("version", seriesBreak.version);
    object->set("period", seriesBreak.period.empty() ? Poco::Dynamic::Var() : Poco::Dynamic::Var(seriesBreak.period));
    object->set("reason", seriesBreak.reason);
    array->add(object);
  }
  return array;
}

}  // namespace

std::string trendToJson(const analytics::TrendReport& report, const std::vector<surveys::SurveyDefinition>& definitions,
                        const TrendRequest& request) {
  const std::string& lang = request.lang;
  auto root = makeObject();
  root->set("survey_id", report.surveyId);
  root->set("language", lang);
  root->set("title", definitions.empty() ? std::string() : surveys::pick(definitions.back().title, lang));
  auto versions = makeArray();
  for (const auto& def : definitions) versions->add(def.version);
  root->set("versions", versions);
  root->set("period", analytics::toString(report.period));
  root->set("min_group_size", report.minGroupSize);
  root->set("baseline", request.baseline ? Poco::Dynamic::Var(*request.baseline) : Poco::Dynamic::Var());
  root->set("today", request.today ? Poco::Dynamic::Var(request.today->toString()) : Poco::Dynamic::Var());
  root->set("adjustment", "holm");
  // false when any version is not reported by court (as the trend then treats it).
  root->set("report_by_court", std::all_of(definitions.begin(), definitions.end(),
                                           [](const surveys::SurveyDefinition& def) { return def.reportByCourt; }));
  root->set("filters", filtersToJson(request));

  auto periods = makeArray();
  for (const auto& period : report.periods) {
    auto object = pointHead(period.period, period.suppressed);
    if (!period.suppressed) {
      setPartial(*object, period.partial);
      object->set("responses", period.responses);
    }
    periods->add(object);
  }
  root->set("periods", periods);

  auto items = makeArray();
  for (const auto& item : report.items) {
    auto object = itemHeadToJson(item.itemId, item.type, item.dimension, item.text, lang);
    auto segments = segmentsToJson(item.segments, itemPointToJson);
    // A segment has its own type only after a type change (old data the report guards against).
    for (std::size_t i = 0; i < item.segments.size(); ++i) {
      segments->getObject(static_cast<unsigned>(i))->set("type", toString(item.segments[i].type));
    }
    object->set("segments", segments);
    auto tests = makeObject();
    tests->set("favourable", testsToJson(item.favourableTests));
    tests->set("mean", testsToJson(item.meanTests));
    object->set("tests", tests);
    items->add(object);
  }
  root->set("items", items);

  auto indices = makeArray();
  for (const auto& index : report.indices) {
    auto object = makeObject();
    object->set("id", index.indexId);
    object->set("name", surveys::pick(index.name, lang));
    object->set("segments", segmentsToJson(index.segments, indexPointToJson));
    object->set("tests", testsToJson(index.tests));
    indices->add(object);
  }
  root->set("indices", indices);

  root->set("breaks", breaksToJson(report.breaks, "item"));
  root->set("index_breaks", breaksToJson(report.indexBreaks, "index"));
  root->set("ignored_responses", report.ignoredResponses);
  return toJson(root);
}

}  // namespace courtvoice::server
