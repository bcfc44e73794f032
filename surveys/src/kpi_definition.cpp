#include "courtvoice/surveys/kpi_definition.hpp"

#include <algorithm>
#include <sstream>

#include "json_support.hpp"

namespace courtvoice::surveys {

using detail::ObjectReader;
using detail::Problems;
using Poco::JSON::Array;
using Poco::JSON::Object;

namespace {

constexpr std::size_t kMaxIdLength = 64;
constexpr std::size_t kMaxNameLength = 200;
constexpr std::size_t kMaxNoteLength = 500;
constexpr std::size_t kMaxChangedByLength = 100;
constexpr std::size_t kMaxMilestones = 50;
constexpr std::size_t kMaxOptionCodes = 100;

template <typename Kind>
std::optional<Kind> parseName(const std::string& text, std::initializer_list<Kind> kinds) {
  for (const Kind kind : kinds) {
    if (toString(kind) == text) return kind;
  }
  return std::nullopt;
}

class KpiReader {
 public:
  explicit KpiReader(Problems& problems) : problems_(problems) {}

  KpiDefinition read(const Object::Ptr& root, KpiChangeNote* change) {
    KpiDefinition kpi;
    const ObjectReader in(root, "", problems_);
    in.refuseUnknownKeys({"id", "name", "survey_id", "metric", "scope", "period", "baseline", "milestones", "target",
                          "direction", "changed_by", "note",
                          // "version": the version edited. Read-only fields of GET are accepted (and ignored)
                          // so that an edited GET can be sent back.
                          "version", "archived", "changed_on"});
    kpi.id = in.string("id", true, kMaxIdLength).value_or("");
    kpi.name = name(in);
    kpi.surveyId = in.string("survey_id", true, kMaxIdLength).value_or("");
    if (auto metric = in.object("metric", true)) kpi.metric = readMetric(ObjectReader(metric, "metric", problems_));
    if (auto scope = in.object("scope", true)) kpi.scope = readScope(ObjectReader(scope, "scope", problems_));
    if (auto period = in.string("period", true, kMaxIdLength)) {
      const auto unit = parseName(*period, {KpiPeriodUnit::Year, KpiPeriodUnit::Quarter});
      if (unit) kpi.period = *unit;
      else problems_.add("unknown_value", "period must be year or quarter", "period");
    }
    if (auto baseline = in.object("baseline", true)) {
      const ObjectReader b(baseline, "baseline", problems_);
      b.refuseUnknownKeys({"period", "value", "computed"});
      kpi.baseline.period = b.string("period", true, kMaxIdLength).value_or("");
      if (b.has("value") && !b.get("value").isEmpty()) kpi.baseline.value = b.number("value", true);
      kpi.baseline.computed = b.has("computed") && b.boolean("computed", false).value_or(false);
    }
    if (auto milestones = in.array("milestones", false, kMaxMilestones)) {
      for (std::size_t i = 0; i < milestones->size(); ++i) {
        const std::string path = detail::indexed("milestones", i);
        const auto value = detail::at(milestones, i);
        if (detail::kindOf(value) != detail::JsonKind::Object) {
          problems_.add("wrong_type", "each milestone must be an object {year, value}", path);
          continue;
        }
        kpi.milestones.push_back(yearValue(ObjectReader(value.extract<Object::Ptr>(), path, problems_)));
      }
    }
    if (auto target = in.object("target", true)) kpi.target = yearValue(ObjectReader(target, "target", problems_));
    if (auto direction = in.string("direction", false, kMaxIdLength)) {
      if (*direction == "higher" || *direction == "lower") kpi.higherIsBetter = *direction == "higher";
      else problems_.add("unknown_value", "direction must be higher or lower (which is better)", "direction");
    }
    const auto changedBy = in.string("changed_by", false, kMaxChangedByLength);
    const auto note = in.string("note", false, kMaxNoteLength);
    const auto basedOn = in.integer("version", false);
    if (change != nullptr) {
      change->basedOn = basedOn;
      if (changedBy) change->changedBy = *changedBy;
      if (note) change->note = *note;
    }
    return kpi;
  }

 private:
  LocalizedText name(const ObjectReader& in) {
    LocalizedText out;
    auto object = in.object("name", true);
    if (!object) return out;
    const ObjectReader names(object, "name", problems_);
    names.refuseUnknownKeys({"kk", "ru", "en"});
    for (const auto& lang : kSupportedLanguages) {
      if (auto text = names.string(lang, true, kMaxNameLength)) out[lang] = *text;
    }
    return out;
  }

  KpiMetric readMetric(const ObjectReader& in) {
    KpiMetric metric;
    in.refuseUnknownKeys({"kind", "item", "index", "options"});
    const auto kind = in.string("kind", true, kMaxIdLength);
    if (!kind) return metric;
    const auto parsed = parseName(*kind, {KpiMetricKind::Favourable, KpiMetricKind::Index, KpiMetricKind::Nps,
                                          KpiMetricKind::OptionShare});
    if (!parsed) {
      problems_.add("unknown_value", "metric.kind must be favourable, index, nps or option_share", in.field("kind"));
      return metric;
    }
    metric.kind = *parsed;
    if (metric.kind == KpiMetricKind::Index) {
      metric.index = in.string("index", true, kMaxIdLength).value_or("");
      return metric;
    }
    metric.item = in.string("item", true, kMaxIdLength).value_or("");
    if (metric.kind == KpiMetricKind::OptionShare) {
      if (auto options = in.array("options", true, kMaxOptionCodes)) {
        for (std::size_t i = 0; i < options->size(); ++i) {
          if (auto code = detail::toInt(detail::at(options, i), detail::indexed(in.field("options"), i), problems_)) {
            metric.options.push_back(*code);
          }
        }
        if (options->size() == 0) problems_.add("required", "name at least one option code", in.field("options"));
      }
    }
    return metric;
  }

  KpiScope readScope(const ObjectReader& in) {
    KpiScope scope;
    in.refuseUnknownKeys({"kind", "region", "level", "court"});
    const auto kind = in.string("kind", true, kMaxIdLength);
    if (!kind) return scope;
    const auto parsed =
        parseName(*kind, {KpiScopeKind::Country, KpiScopeKind::Region, KpiScopeKind::Level, KpiScopeKind::Court});
    if (!parsed) {
      problems_.add("unknown_value", "scope.kind must be country, region, level or court", in.field("kind"));
      return scope;
    }
    scope.kind = *parsed;
    if (scope.kind != KpiScopeKind::Country) scope.code = in.string(toString(scope.kind), true, kMaxIdLength).value_or("");
    return scope;
  }

  KpiYearValue yearValue(const ObjectReader& in) {
    in.refuseUnknownKeys({"year", "value"});
    KpiYearValue out;
    out.year = in.integer("year", true).value_or(0);
    out.value = in.number("value", true).value_or(0);
    return out;
  }

  Problems& problems_;
};

Object::Ptr yearValueJson(const KpiYearValue& entry) {
  Object::Ptr object = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  object->set("year", entry.year);
  object->set("value", entry.value);
  return object;
}

}  // namespace

std::string toString(KpiMetricKind kind) {
  switch (kind) {
    case KpiMetricKind::Favourable: return "favourable";
    case KpiMetricKind::Index: return "index";
    case KpiMetricKind::Nps: return "nps";
    case KpiMetricKind::OptionShare: return "option_share";
  }
  return "favourable";
}

std::string toString(KpiScopeKind kind) {
  switch (kind) {
    case KpiScopeKind::Country: return "country";
    case KpiScopeKind::Region: return "region";
    case KpiScopeKind::Level: return "level";
    case KpiScopeKind::Court: return "court";
  }
  return "country";
}

std::string toString(KpiPeriodUnit unit) { return unit == KpiPeriodUnit::Year ? "year" : "quarter"; }

KpiDefinition parseKpiDefinition(const std::string& json, KpiChangeNote* change) {
  Problems problems;
  const auto parsed = detail::parseJson(json, problems);
  if (!parsed) throw DomainError(problems.take());
  if (detail::kindOf(*parsed) != detail::JsonKind::Object) {
    throw DomainError(ErrorKind::Invalid, "wrong_type", "a KPI definition is a JSON object", "");
  }
  KpiDefinition kpi = KpiReader(problems).read(parsed->extract<Object::Ptr>(), change);
  if (!problems.empty()) throw DomainError(problems.take());
  return kpi;
}

std::string kpiDefinitionToJson(const KpiDefinition& kpi) {
  Object::Ptr root = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  root->set("id", kpi.id);
  Object::Ptr name = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  for (const auto& lang : kSupportedLanguages) name->set(lang, pick(kpi.name, lang));
  root->set("name", name);
  root->set("survey_id", kpi.surveyId);
  Object::Ptr metric = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  metric->set("kind", toString(kpi.metric.kind));
  if (kpi.metric.kind == KpiMetricKind::Index) {
    metric->set("index", kpi.metric.index);
  } else {
    metric->set("item", kpi.metric.item);
  }
  if (kpi.metric.kind == KpiMetricKind::OptionShare) {
    Array::Ptr options = new Array;
    for (const int code : kpi.metric.options) options->add(code);
    metric->set("options", options);
  }
  root->set("metric", metric);
  Object::Ptr scope = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  scope->set("kind", toString(kpi.scope.kind));
  if (kpi.scope.kind != KpiScopeKind::Country) scope->set(toString(kpi.scope.kind), kpi.scope.code);
  root->set("scope", scope);
  root->set("period", toString(kpi.period));
  Object::Ptr baseline = new Object(Poco::JSON_PRESERVE_KEY_ORDER);
  baseline->set("period", kpi.baseline.period);
  baseline->set("value", kpi.baseline.value ? Poco::Dynamic::Var(*kpi.baseline.value) : Poco::Dynamic::Var());
  baseline->set("computed", kpi.baseline.computed);
  root->set("baseline", baseline);
  Array::Ptr milestones = new Array;
  for (const auto& milestone : kpi.milestones) milestones->add(yearValueJson(milestone));
  root->set("milestones", milestones);
  root->set("target", yearValueJson(kpi.target));
  root->set("direction", kpi.higherIsBetter ? "higher" : "lower");
  std::ostringstream out;
  root->stringify(out);
  return out.str();
}

}  // namespace courtvoice::surveys
