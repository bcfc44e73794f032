#include "courtvoice/server/export_reports.hpp"

#include <algorithm>
#include <map>

#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/surveys/localized_text.hpp"
#include "courtvoice/surveys/regions.hpp"

namespace courtvoice::server {

namespace {

using Cell = ExportCell;

Cell count(std::int64_t value) { return Cell::of(static_cast<long long>(value)); }
Cell low(const std::optional<analytics::Interval>& ci) { return ci ? Cell::of(std::optional<double>(ci->low)) : Cell{}; }
Cell high(const std::optional<analytics::Interval>& ci) { return ci ? Cell::of(std::optional<double>(ci->high)) : Cell{}; }

// "1=3 2=0 5=7": the answers per code, in one cell.
std::string countsText(const std::map<int, std::int64_t>& counts) {
  std::string text;
  for (const auto& [code, n] : counts) text += (text.empty() ? "" : " ") + std::to_string(code) + "=" + std::to_string(n);
  return text;
}

std::int64_t nonAnswer(const analytics::ItemSummary& item, const std::string& name) {
  const auto found = item.nonAnswers.find(name);
  return found == item.nonAnswers.end() ? 0 : found->second;
}

}  // namespace

const std::vector<std::string>& summaryExportColumns() {
  static const std::vector<std::string> columns = {
      "group",     "group_label",        "group_responses",    "kind",         "id",          "text",
      "n",         "mean",               "sd",                 "median",       "favourable",  "favourable_ci_low",
      "favourable_ci_high", "nps",       "nps_ci_low",         "nps_ci_high",  "value",       "value_ci_low",
      "value_ci_high", "counts",         "not_applicable",     "dont_know",    "no_opinion",  "skipped",
      "region",    "region_name",        "suppressed"};
  return columns;
}

void writeSummaryTable(std::ostream& out, const SummaryResult& result, const ReportFilters& filters,
                       const CsvStyle& style) {
  const std::string& lang = filters.lang;
  const auto& def = result.def;
  std::map<std::string, std::string> courtNames;
  std::map<std::string, std::string> courtRegions;
  for (const auto& court : result.courts) {
    courtNames[court.code] = surveys::pick(court.name, lang);
    courtRegions[court.code] = court.region;
  }
  const analytics::GroupBy groupBy = result.summary.groupBy;
  const auto labelOf = [&](const std::string& key) -> std::string {
    if (groupBy == analytics::GroupBy::Court) {
      const auto name = courtNames.find(key);
      return name == courtNames.end() ? key : name->second;
    }
    if (groupBy == analytics::GroupBy::Region) return surveys::regionName(key, lang);
    return key;
  };

  // With weights=on: five columns more, after the others (a reader of the plain file is unaffected).
  const SummaryWeights* weights = result.weights ? &*result.weights : nullptr;
  std::vector<std::string> columns = summaryExportColumns();
  if (weights != nullptr) columns.insert(columns.end(), weightedExportColumns().begin(), weightedExportColumns().end());
  TableWriter table(out, ExportFormat::Csv, style, columns);
  const std::size_t width = summaryExportColumns().size();
  const Cell yes = count(1);
  const Cell no = count(0);
  for (const auto& group : result.summary.groups) {
    const std::vector<Cell> head = {Cell::of(group.key), Cell::of(labelOf(group.key)),
                                    group.suppressed ? Cell{} : count(group.responses)};
    // Court and region groups name their region (code and name in lang) in every row.
    std::string region;
    if (groupBy == analytics::GroupBy::Region) region = group.key;
    if (groupBy == analytics::GroupBy::Court && courtRegions.count(group.key) != 0) region = courtRegions[group.key];
    const analytics::WeightedGroup* weighted = weights == nullptr ? nullptr : &weights->group(group.key);
    const auto finish = [&](std::vector<Cell>& row, bool suppressed, std::vector<Cell> weightedCells = {}) {
      row.resize(width);
      row[width - 3] = Cell::of(region);
      row[width - 2] = Cell::of(region.empty() ? std::string() : surveys::regionName(region, lang));
      row.back() = suppressed ? yes : no;
      if (weights != nullptr) {
        weightedCells.resize(weightedExportColumns().size());  // empty where suppressed or none
        row.insert(row.end(), weightedCells.begin(), weightedCells.end());
      }
      table.row(row);
    };
    if (group.suppressed) {
      std::vector<Cell> row = head;
      finish(row, true);
      continue;
    }
    for (const auto& index : group.indices) {
      const auto found = std::find_if(def.indices.begin(), def.indices.end(),
                                      [&](const surveys::IndexDefinition& d) { return d.id == index.indexId; });
      std::vector<Cell> row = head;
      row.push_back(Cell::of("index"));
      row.push_back(Cell::of(index.indexId));
      row.push_back(Cell::of(found == def.indices.end() ? index.indexId : surveys::pick(found->name, lang)));
      row.resize(width);
      if (!index.suppressed) {
        row[6] = count(index.n);
        row[16] = Cell::of(index.value);
        row[17] = low(index.ci);
        row[18] = high(index.ci);
      }
      const analytics::WeightedIndex* w =
          index.suppressed || weighted == nullptr ? nullptr : weightedIndexOf(*weighted, index.indexId);
      if (w != nullptr) {
        finish(row, false, {Cell::of(w->value), low(w->ci), high(w->ci), Cell::of(w->kishN), count(w->weightedN)});
        continue;
      }
      finish(row, index.suppressed);
    }
    for (const auto& item : group.items) {
      const surveys::Item* itemDef = def.findItem(item.itemId);
      std::vector<Cell> row = head;
      row.push_back(Cell::of("item"));
      row.push_back(Cell::of(item.itemId));
      row.push_back(Cell::of(itemDef == nullptr ? item.itemId : surveys::pick(itemDef->text, lang)));
      if (!item.suppressed) {
        row.insert(row.end(), {count(item.n), Cell::of(item.mean), Cell::of(item.sd), Cell::of(item.median),
                               Cell::of(item.favourable), low(item.favourableCi), high(item.favourableCi),
                               Cell::of(item.nps), low(item.npsCi), high(item.npsCi), Cell{}, Cell{}, Cell{},
                               Cell::of(countsText(item.counts)), count(nonAnswer(item, "not_applicable")),
                               count(nonAnswer(item, "dont_know")), count(nonAnswer(item, "no_opinion")),
                               count(nonAnswer(item, "skipped"))});
      }
      const analytics::WeightedShare* w =
          item.suppressed || weighted == nullptr ? nullptr : weightedItemOf(*weighted, item.itemId);
      if (w != nullptr) {
        finish(row, false, {Cell::of(w->weighted), low(w->weightedCi), high(w->weightedCi), Cell::of(w->kishN),
                            count(w->weightedN)});
        continue;
      }
      finish(row, item.suppressed);
    }
  }
}

namespace {

// What the codebook says of one item across versions: the newest version's texts.
struct CodebookItem {
  const surveys::Item* item = nullptr;  ///< as in the newest version that has it
  std::vector<int> versions;
  std::vector<int> seriesBreaks;
};

std::vector<CodebookItem> codebookItems(const std::vector<CodebookVersion>& versions) {
  std::vector<CodebookItem> items;
  std::map<std::string, std::size_t> at;
  for (auto v = versions.rbegin(); v != versions.rend(); ++v) {
    for (const auto& item : v->def.items) {
      auto [place, fresh] = at.try_emplace(item.id, items.size());
      if (fresh) items.push_back({&item, {}, {}});
      CodebookItem& entry = items[place->second];
      entry.versions.insert(entry.versions.begin(), v->def.version);
      if (item.seriesBreak) entry.seriesBreaks.insert(entry.seriesBreaks.begin(), v->def.version);
    }
  }
  return items;
}

struct Code {
  std::string code;
  const surveys::LocalizedText* label = nullptr;
};

// The codes an answer to the item can take: options, scale points (with their labels when the
// item names them), then the non-answers it allows. Numbers and texts have no codes.
std::vector<Code> codesOf(const surveys::Item& item) {
  std::vector<Code> codes;
  if (!item.options.empty()) {
    for (const auto& option : item.options) codes.push_back({std::to_string(option.code), &option.label});
  } else if (surveys::isScale(item.type)) {
    for (int point = surveys::scaleMin(item.type); point <= surveys::scaleMax(item.type); ++point) {
      const auto label = std::find_if(item.scaleLabels.begin(), item.scaleLabels.end(),
                                      [&](const surveys::Option& o) { return o.code == point; });
      codes.push_back({std::to_string(point), label == item.scaleLabels.end() ? nullptr : &label->label});
    }
  }
  for (const auto nonAnswer : item.allowedNonAnswers) codes.push_back({toString(nonAnswer), nullptr});
  return codes;
}

void writeTexts(JsonWriter& json, const surveys::LocalizedText& text) {
  json.beginObject();
  for (const auto& lang : surveys::kSupportedLanguages) {
    const auto found = text.find(lang);
    if (found != text.end()) json.key(lang).value(found->second);
  }
  json.endObject();
}

void writeInts(JsonWriter& json, const std::vector<int>& values) {
  json.beginArray();
  for (int v : values) json.value(v);
  json.endArray();
}

std::string joinInts(const std::vector<int>& values) {
  std::string text;
  for (int v : values) text += (text.empty() ? "" : " ") + std::to_string(v);
  return text;
}

}  // namespace

std::string codebookJson(const std::vector<CodebookVersion>& versions) {
  JsonWriter json;
  const surveys::SurveyDefinition& newest = versions.back().def;
  json.beginObject();
  json.key("survey_id").value(newest.id);
  json.key("languages").beginArray();
  for (const auto& lang : surveys::kSupportedLanguages) json.value(lang);
  json.endArray();
  json.key("non_answer_codes").beginArray();
  for (const char* name : {"not_applicable", "dont_know", "no_opinion", "skipped"}) json.value(name);
  json.endArray();
  json.key("versions").beginArray();
  for (const auto& v : versions) {
    json.beginObject();
    json.key("version").value(v.def.version);
    json.key("status").value(toString(v.status));
    json.key("audience").value(toString(v.def.audience));
    json.key("report_by_court").value(v.def.reportByCourt);
    json.key("items").beginArray();
    for (const auto& item : v.def.items) json.value(item.id);
    json.endArray();
    json.key("series_breaks").beginArray();
    for (const auto& item : v.def.items) {
      if (item.seriesBreak) json.value(item.id);
    }
    json.endArray();
    json.endObject();
  }
  json.endArray();
  json.key("items").beginArray();
  for (const auto& entry : codebookItems(versions)) {
    const surveys::Item& item = *entry.item;
    json.beginObject();
    json.key("id").value(item.id);
    json.key("type").value(toString(item.type));
    json.key("dimension").value(item.dimension);
    json.key("text");
    writeTexts(json, item.text);
    if (item.type == surveys::ItemType::Number) {
      json.key("min").value(std::optional<double>(item.min));
      json.key("max").value(std::optional<double>(item.max));
    }
    json.key("codes").beginArray();
    for (const auto& code : codesOf(item)) {
      json.beginObject().key("code").value(code.code).key("label");
      if (code.label == nullptr) {
        json.null();
      } else {
        writeTexts(json, *code.label);
      }
      json.endObject();
    }
    json.endArray();
    json.key("versions");
    writeInts(json, entry.versions);
    json.key("series_break_in");
    writeInts(json, entry.seriesBreaks);
    json.endObject();
  }
  json.endArray();
  json.key("indices").beginArray();
  for (const auto& index : newest.indices) {
    json.beginObject();
    json.key("id").value(index.id);
    json.key("name");
    writeTexts(json, index.name);
    json.key("dimensions").beginArray();
    for (const auto& d : index.dimensions) json.value(d);
    json.endArray();
    json.key("items").beginArray();  // the 5-point items of its dimensions, in the newest version
    for (const auto& item : newest.items) {
      if (surveys::isFivePoint(item.type) &&
          std::find(index.dimensions.begin(), index.dimensions.end(), item.dimension) != index.dimensions.end()) {
        json.value(item.id);
      }
    }
    json.endArray();
    json.endObject();
  }
  json.endArray();
  json.endObject();
  return json.take();
}

void writeCodebookCsv(std::ostream& out, const std::vector<CodebookVersion>& versions, const CsvStyle& style) {
  TableWriter table(out, ExportFormat::Csv, style,
                    {"item_id", "type", "dimension", "versions", "series_break_in", "code", "text_kk", "text_ru",
                     "text_en"});
  const auto texts = [](const surveys::LocalizedText* text, std::vector<Cell>& row) {
    for (const auto& lang : surveys::kSupportedLanguages) {
      const auto found = text == nullptr ? surveys::LocalizedText::const_iterator{} : text->find(lang);
      row.push_back(text == nullptr || found == text->end() ? Cell{} : Cell::of(found->second));
    }
  };
  for (const auto& entry : codebookItems(versions)) {
    const surveys::Item& item = *entry.item;
    std::vector<Cell> head = {Cell::of(item.id), Cell::of(toString(item.type)), Cell::of(item.dimension),
                              Cell::of(joinInts(entry.versions)), Cell::of(joinInts(entry.seriesBreaks))};
    std::vector<Cell> row = head;
    row.push_back(Cell{});
    texts(&item.text, row);
    table.row(row);
    for (const auto& code : codesOf(item)) {
      row = head;
      row.push_back(Cell::of(code.code));
      texts(code.label, row);
      table.row(row);
    }
  }
}

}  // namespace courtvoice::server
