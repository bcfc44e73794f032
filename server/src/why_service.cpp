#include "courtvoice/server/why_service.hpp"

#include "courtvoice/server/access_scope.hpp"

#include <algorithm>
#include <map>

#include "courtvoice/analytics/crossed.hpp"
#include "courtvoice/analytics/drivers.hpp"
#include "courtvoice/analytics/reliability.hpp"
#include "courtvoice/server/disclosure_guard.hpp"
#include "courtvoice/server/json_io.hpp"
#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/server/report_scope.hpp"
#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/localized_text.hpp"
#include "courtvoice/surveys/regions.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

// The head every reply of this file starts with (as the summary's).
void writeHead(JsonWriter& out, const surveys::SurveyDefinition& def, const ReportFilters& request, int minGroupSize) {
  out.key("survey_id").value(def.id);
  out.key("version").value(def.version);
  out.key("language").value(request.lang);
  out.key("title").value(surveys::pick(def.title, request.lang));
  out.key("report_by_court").value(def.reportByCourt);
  out.key("min_group_size").value(minGroupSize);
  out.key("filters").raw(toJson(filtersToJson(request)));
}

std::string itemText(const surveys::SurveyDefinition& def, const std::string& itemId, const std::string& lang) {
  const surveys::Item* item = def.findItem(itemId);
  return item == nullptr ? itemId : surveys::pick(item->text, lang);
}

void writeAlpha(JsonWriter& out, const analytics::AlphaValue& value) {
  out.key("alpha").value(value.alpha);
  out.key("reason");
  if (value.reason.empty()) {
    out.null();
  } else {
    out.value(value.reason);
  }
}

void writeCorrelation(JsonWriter& out, const char* coefficient, const analytics::Correlation& c) {
  out.beginObject();
  out.key(coefficient).value(c.r);
  out.key("n").value(c.n);
  out.key("ci");
  writeInterval(out, c.ci);
  out.key("reason");
  if (c.reason.empty()) {
    out.null();
  } else {
    out.value(c.reason);
  }
  out.endObject();
}

std::vector<std::string> indicesOf(const surveys::SurveyDefinition& def, const std::string& dimension) {
  std::vector<std::string> out;
  for (const auto& index : def.indices) {
    if (std::find(index.dimensions.begin(), index.dimensions.end(), dimension) != index.dimensions.end()) {
      out.push_back(index.id);
    }
  }
  return out;
}

int minGroupSizeOf(const surveys::SurveyDefinition& def) { return def.effectiveMinGroupSize(); }

// "Yes"/"No" in a CSV: the column is read by people, in their language.
std::string yesNo(bool value, const std::string& lang) {
  if (lang == "kk") return value ? "иә" : "жоқ";
  if (lang == "ru") return value ? "да" : "нет";
  return value ? "yes" : "no";
}

std::string noAnswerLabel(const std::string& lang) {
  if (lang == "kk") return "Жауап жоқ";
  if (lang == "ru") return "Нет ответа";
  return "No answer";
}

std::optional<double> percent(const std::optional<double>& share) {
  if (!share) return std::nullopt;
  return *share * 100;
}

}  // namespace

WhyService::WhyService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine, surveys::CourtStore& courts)
    : surveys_(surveys), engine_(engine), courts_(courts) {}

std::string WhyService::reliabilityJson(const std::string& surveyId, const ReportFilters& asked) {
  surveys::SurveyDefinition def = reportDefinition(surveys_, surveyId);
  const std::vector<surveys::Court> courts = courts_.list();
  ReportFilters request = asked;
  narrowToCurrentScope(courts, request, ScopeQuery{reportedByCourt(surveys_, def)});
  applyCourtReporting(surveys_, def, request, false);
  checkDisclosure(engine_, def, courts, request);
  const analytics::ReliabilityReport report =
      analytics::reliability(engine_, def, courts, resultsFilter(request), minGroupSizeOf(def));

  std::map<std::string, std::string> indexNames;
  for (const auto& index : def.indices) indexNames[index.id] = surveys::pick(index.name, request.lang);
  JsonWriter out;
  out.beginObject();
  writeHead(out, def, request, report.minGroupSize);
  out.key("suppressed").value(report.suppressed);
  if (!report.suppressed) out.key("responses").value(report.responses);
  out.key("scales").beginArray();
  for (const auto& entry : report.entries) {
    out.beginObject();
    out.key("kind").value(entry.kind);
    out.key("id").value(entry.id);
    out.key("name").value(entry.kind == "index" ? indexNames[entry.id] : entry.id);
    out.key("items").beginArray();
    for (const auto& id : entry.itemIds) out.value(id);
    out.endArray();
    out.key("k").value(static_cast<std::int64_t>(entry.itemIds.size()));
    out.key("suppressed").value(entry.suppressed);
    if (!entry.suppressed) {
      out.key("n").value(entry.n);
      writeAlpha(out, entry.value);
      out.key("if_deleted").beginArray();
      for (const auto& deleted : entry.ifDeleted) {
        out.beginObject();
        out.key("item_id").value(deleted.itemId);
        out.key("text").value(itemText(def, deleted.itemId, request.lang));
        writeAlpha(out, deleted.value);
        out.endObject();
      }
      out.endArray();
    }
    out.endObject();
  }
  out.endArray();
  out.endObject();
  return out.take();
}

std::string WhyService::drivers(const std::string& surveyId, const DriversRequest& asked,
                                const std::optional<CsvStyle>& csv) {
  surveys::SurveyDefinition def = reportDefinition(surveys_, surveyId);
  const std::vector<surveys::Court> courts = courts_.list();
  DriversRequest request = asked;
  narrowToCurrentScope(courts, request, ScopeQuery{reportedByCourt(surveys_, def)});
  applyCourtReporting(surveys_, def, request, false);
  std::string outcome;
  if (request.outcome && !request.outcome->empty()) {
    const surveys::Item* item = def.findItem(*request.outcome);
    if (item == nullptr || !surveys::isScale(item->type)) {
      throw DomainError(ErrorKind::Invalid, "invalid_outcome", "outcome must be a scale item of the survey", "outcome");
    }
    outcome = item->id;
  } else {
    const auto found = analytics::defaultOutcome(def);
    if (!found) {
      throw DomainError(ErrorKind::Invalid, "invalid_outcome",
                        "this survey has no overall item: choose a scale item as outcome", "outcome");
    }
    outcome = *found;
  }
  checkDisclosure(engine_, def, courts, request);
  const analytics::DriversReport report =
      analytics::drivers(engine_, def, courts, resultsFilter(request), outcome, minGroupSizeOf(def));
  const std::string& lang = request.lang;

  if (csv) {
    std::string text = kCsvBom;
    text += csvLine({"item_id", "text", "dimension", "suppressed", "quadrant", "pearson_r", "pearson_low",
                     "pearson_high", "pearson_n", "spearman_rho", "spearman_low", "spearman_high", "spearman_n",
                     "favourable_pct", "favourable_n"},
                    *csv);
    for (const auto& item : report.items) {
      std::vector<std::string> fields{item.itemId, itemText(def, item.itemId, lang), item.dimension,
                                      yesNo(item.suppressed, lang)};
      if (item.suppressed) {
        fields.resize(15);
      } else {
        const auto low = [](const std::optional<analytics::Interval>& ci) {
          return ci ? std::optional<double>(ci->low) : std::nullopt;
        };
        const auto high = [](const std::optional<analytics::Interval>& ci) {
          return ci ? std::optional<double>(ci->high) : std::nullopt;
        };
        fields.push_back(item.quadrant ? analytics::toString(*item.quadrant) : "");
        fields.push_back(csvNumber(item.pearson.r, *csv, 4));
        fields.push_back(csvNumber(low(item.pearson.ci), *csv, 4));
        fields.push_back(csvNumber(high(item.pearson.ci), *csv, 4));
        fields.push_back(std::to_string(item.pearson.n));
        fields.push_back(csvNumber(item.spearman.r, *csv, 4));
        fields.push_back(csvNumber(low(item.spearman.ci), *csv, 4));
        fields.push_back(csvNumber(high(item.spearman.ci), *csv, 4));
        fields.push_back(std::to_string(item.spearman.n));
        fields.push_back(csvNumber(percent(item.favourable), *csv, 1));
        fields.push_back(std::to_string(item.favourableN));
      }
      text += csvLine(fields, *csv);
    }
    return text;
  }

  JsonWriter out;
  out.beginObject();
  writeHead(out, def, request, report.minGroupSize);
  out.key("outcome").beginObject();
  out.key("item_id").value(outcome);
  out.key("text").value(itemText(def, outcome, lang));
  out.endObject();
  out.key("suppressed").value(report.suppressed);
  if (!report.suppressed) out.key("responses").value(report.responses);
  out.key("importance_median").value(report.importanceMedian);
  out.key("performance_median").value(report.performanceMedian);
  out.key("items").beginArray();
  for (const auto& item : report.items) {
    out.beginObject();
    out.key("item_id").value(item.itemId);
    out.key("text").value(itemText(def, item.itemId, lang));
    out.key("dimension").value(item.dimension);
    out.key("indices").beginArray();
    for (const auto& id : indicesOf(def, item.dimension)) out.value(id);
    out.endArray();
    out.key("suppressed").value(item.suppressed);
    if (!item.suppressed) {
      out.key("quadrant");
      if (item.quadrant) {
        out.value(analytics::toString(*item.quadrant));
      } else {
        out.null();
      }
      out.key("importance").value(item.pearson.r);
      out.key("performance").value(item.favourable);
      out.key("pearson");
      writeCorrelation(out, "r", item.pearson);
      out.key("spearman");
      writeCorrelation(out, "rho", item.spearman);
      out.key("favourable").value(item.favourable);
      out.key("favourable_n").value(item.favourableN);
      out.key("favourable_ci");
      writeInterval(out, item.favourableCi);
    }
    out.endObject();
  }
  out.endArray();
  out.endObject();
  return out.take();
}

namespace {

analytics::CrossKey crossKeyParam(const std::string& text, const std::string& field,
                                  const surveys::SurveyDefinition& def) {
  const auto key = analytics::parseCrossKey(text);
  if (!key) {
    throw DomainError(ErrorKind::Invalid, "invalid_" + field,
                      field + " must be court, region, level, channel, language, month, quarter, year or item:<id>",
                      field);
  }
  if (key->kind == analytics::CrossKeyKind::Item) {
    const surveys::Item* item = def.findItem(key->itemId);
    if (item == nullptr || item->type != surveys::ItemType::SingleChoice) {
      throw DomainError(ErrorKind::Invalid, "invalid_" + field,
                        field + ": item:" + key->itemId + " is not a single-choice item of the survey", field);
    }
  }
  return *key;
}

// The name of a key's column in the CSV ("region", "case_type"), and of its label column.
std::string keyColumn(const analytics::CrossKey& key) {
  return key.kind == analytics::CrossKeyKind::Item ? key.itemId : analytics::toString(key);
}
std::string labelColumn(const analytics::CrossKey& key) {
  return key.kind == analytics::CrossKeyKind::Region ? "region_name" : keyColumn(key) + "_label";
}

class KeyLabels {
 public:
  KeyLabels(const surveys::SurveyDefinition& def, const std::vector<surveys::Court>& courts, std::string lang)
      : def_(def), lang_(std::move(lang)) {
    for (const auto& court : courts) courtNames_[court.code] = surveys::pick(court.name, lang_);
  }

  std::string operator()(const analytics::CrossKey& key, const std::string& value) const {
    switch (key.kind) {
      case analytics::CrossKeyKind::Court: {
        const auto found = courtNames_.find(value);
        return found == courtNames_.end() ? value : found->second;
      }
      case analytics::CrossKeyKind::Region: return value.empty() ? value : surveys::regionName(value, lang_);
      case analytics::CrossKeyKind::Item: {
        if (value == analytics::kNoAnswerKey) return noAnswerLabel(lang_);
        const surveys::Item* item = def_.findItem(key.itemId);
        for (const auto& option : item->options) {
          if (std::to_string(option.code) == value) return surveys::pick(option.label, lang_);
        }
        return value;
      }
      default: return value;
    }
  }

 private:
  const surveys::SurveyDefinition& def_;
  std::string lang_;
  std::map<std::string, std::string> courtNames_;
};

}  // namespace

std::string WhyService::crossed(const std::string& surveyId, const CrossedRequest& asked,
                                const std::optional<CsvStyle>& csv) {
  CrossedRequest request = asked;
  surveys::SurveyDefinition def = reportDefinition(surveys_, surveyId);
  if (request.group.empty()) throw DomainError(ErrorKind::Invalid, "invalid_group", "group is required", "group");
  if (request.by.empty()) throw DomainError(ErrorKind::Invalid, "invalid_by", "by is required", "by");
  const analytics::CrossKey rows = crossKeyParam(request.group, "group", def);
  const analytics::CrossKey columns = crossKeyParam(request.by, "by", def);
  if (request.group == request.by) {
    throw DomainError(ErrorKind::Invalid, "invalid_by", "by must differ from group", "by");
  }
  const bool rowsByCourt = rows.kind == analytics::CrossKeyKind::Court;
  const bool columnsByCourt = columns.kind == analytics::CrossKeyKind::Court;
  const std::vector<surveys::Court> courts = courts_.list();
  const bool rowsByRegion = rows.kind == analytics::CrossKeyKind::Region;
  narrowToCurrentScope(courts, request,
                       ScopeQuery{reportedByCourt(surveys_, def),
                                  rowsByRegion || columns.kind == analytics::CrossKeyKind::Region, rowsByRegion ? "group" : "by"});
  applyCourtReporting(surveys_, def, request, rowsByCourt || columnsByCourt, rowsByCourt ? "group" : "by");
  checkDisclosure(engine_, def, courts, request);
  analytics::SummaryOptions options;
  const analytics::CrossedTable table =
      analytics::crossed(engine_, def, courts, resultsFilter(request), options, rows, columns);
  if (table.rowKeys.size() * table.columnKeys.size() > kMaxCrossedCells) {
    throw DomainError(ErrorKind::Invalid, "too_many_cells",
                      "the table would have more than " + std::to_string(kMaxCrossedCells) +
                          " cells: narrow the filters or choose coarser keys",
                      "by");
  }
  const std::string& lang = request.lang;
  const KeyLabels label(def, courts, lang);
  const auto split = [](const std::string& key) {
    const std::size_t bar = key.find('|');
    return std::make_pair(key.substr(0, bar), key.substr(bar + 1));
  };

  if (csv) {
    std::vector<std::string> header{keyColumn(rows), labelColumn(rows), keyColumn(columns), labelColumn(columns),
                                    "suppressed", "responses"};
    std::vector<const surveys::Item*> scaleItems;
    for (const auto& item : def.items) {
      if (!surveys::isScale(item.type)) continue;
      scaleItems.push_back(&item);
      for (const char* what : {"_mean", "_favourable_pct", "_n"}) header.push_back(item.id + what);
    }
    for (const auto& index : def.indices) {
      for (const char* what : {"", "_low", "_high", "_n"}) header.push_back(index.id + what);
    }
    std::string text = kCsvBom;
    text += csvLine(header, *csv);
    for (const auto& cell : table.cells) {
      const auto [row, column] = split(cell.key);
      std::vector<std::string> fields{row, label(rows, row), column, label(columns, column),
                                      yesNo(cell.suppressed, lang)};
      if (cell.suppressed) {
        fields.resize(header.size());
      } else {
        fields.push_back(std::to_string(cell.responses));
        for (const surveys::Item* item : scaleItems) {
          const auto found = std::find_if(cell.items.begin(), cell.items.end(),
                                          [&](const analytics::ItemSummary& s) { return s.itemId == item->id; });
          const bool shown = found != cell.items.end() && !found->suppressed;
          fields.push_back(shown ? csvNumber(found->mean, *csv, 3) : "");
          fields.push_back(shown ? csvNumber(percent(found->favourable), *csv, 1) : "");
          fields.push_back(shown ? std::to_string(found->n) : "");
        }
        for (const auto& index : cell.indices) {
          const bool shown = !index.suppressed;
          fields.push_back(shown ? csvNumber(index.value, *csv, 1) : "");
          fields.push_back(shown && index.ci ? csvNumber(index.ci->low, *csv, 1) : "");
          fields.push_back(shown && index.ci ? csvNumber(index.ci->high, *csv, 1) : "");
          fields.push_back(shown ? std::to_string(index.n) : "");
        }
      }
      text += csvLine(fields, *csv);
    }
    return text;
  }

  JsonWriter out;
  out.beginObject();
  writeHead(out, def, request, table.minGroupSize);
  out.key("group").value(analytics::toString(rows));
  out.key("by").value(analytics::toString(columns));
  const auto writeKeys = [&](const char* name, const analytics::CrossKey& key, const std::vector<std::string>& keys) {
    out.key(name).beginArray();
    for (const auto& value : keys) {
      out.beginObject().key("key").value(value).key("label").value(label(key, value));
      if (key.kind == analytics::CrossKeyKind::Region) out.key("region_name").value(label(key, value));
      out.endObject();
    }
    out.endArray();
  };
  writeKeys("rows", rows, table.rowKeys);
  writeKeys("columns", columns, table.columnKeys);
  out.key("complementary_suppressed").value(table.complementary);
  auto items = makeArray();
  for (const auto& item : def.items) items->add(itemDefinitionJson(item, lang));
  out.key("items").raw(toJson(items));
  out.key("indices").raw(toJson(indexDefinitionsJson(def, lang)));
  out.key("cells").beginArray();
  for (const auto& cell : table.cells) {
    const auto [row, column] = split(cell.key);
    writeGroupJson(out, cell, label(rows, row) + " · " + label(columns, column));
  }
  out.endArray();
  out.endObject();
  return out.take();
}

}  // namespace courtvoice::server
