#include "courtvoice/analytics/crossed.hpp"

#include <algorithm>
#include <cstdio>
#include <map>
#include <stdexcept>

#include "courtvoice/analytics/disclosure.hpp"

namespace courtvoice::analytics {

namespace {

struct KeyName {
  const char* name;
  CrossKeyKind kind;
};
constexpr KeyName kKeyNames[] = {
    {"court", CrossKeyKind::Court},       {"region", CrossKeyKind::Region},   {"level", CrossKeyKind::Level},
    {"channel", CrossKeyKind::Channel},   {"language", CrossKeyKind::Language}, {"month", CrossKeyKind::Month},
    {"quarter", CrossKeyKind::Quarter},   {"year", CrossKeyKind::Year},
};
constexpr std::string_view kItemPrefix = "item:";

bool isNumber(const std::string& text) {
  return !text.empty() && std::all_of(text.begin() + (text[0] == '-' ? 1 : 0), text.end(),
                                      [](char c) { return c >= '0' && c <= '9'; }) && text != "-";
}

// Option codes by value, "none" (no answer) last, everything else as text.
bool keyBefore(const std::string& a, const std::string& b) {
  if ((a == kNoAnswerKey) != (b == kNoAnswerKey)) return b == kNoAnswerKey;
  if (isNumber(a) && isNumber(b)) return std::stoll(a) < std::stoll(b);
  return a < b;
}

// One row or column: suppressComplements, then no single hidden cell; true when it hid any.
bool protectLine(const std::vector<std::int64_t>& responses, std::vector<bool>& suppressed, std::int64_t minGroupSize,
                 int& added) {
  const int before = added;
  for (;;) {
    added += suppressComplements(responses, suppressed, minGroupSize);
    std::size_t hidden = 0, smallest = responses.size();
    for (std::size_t i = 0; i < responses.size(); ++i) {
      if (responses[i] == 0) continue;
      if (suppressed[i]) {
        ++hidden;
      } else if (smallest == responses.size() || responses[i] < responses[smallest]) {
        smallest = i;
      }
    }
    if (hidden != 1 || smallest == responses.size()) break;
    suppressed[smallest] = true;
    ++added;
  }
  return added != before;
}

}  // namespace

std::optional<CrossKey> parseCrossKey(const std::string& text) {
  for (const KeyName& key : kKeyNames) {
    if (text == key.name) return CrossKey{key.kind, ""};
  }
  if (text.size() > kItemPrefix.size() && text.compare(0, kItemPrefix.size(), kItemPrefix) == 0) {
    return CrossKey{CrossKeyKind::Item, text.substr(kItemPrefix.size())};
  }
  return std::nullopt;
}

std::string toString(const CrossKey& key) {
  if (key.kind == CrossKeyKind::Item) return std::string(kItemPrefix) + key.itemId;
  for (const KeyName& name : kKeyNames) {
    if (name.kind == key.kind) return name.name;
  }
  return "court";
}

std::string crossKeyValue(const CrossKey& key, const ScannedRow& row, int code) {
  const int year = row.month / 12;
  const int month = row.month % 12 + 1;
  char text[16];
  switch (key.kind) {
    case CrossKeyKind::Court: return std::string(row.court);
    case CrossKeyKind::Region: return std::string(row.region);
    case CrossKeyKind::Level: return std::string(row.level);
    case CrossKeyKind::Channel: return surveys::toString(row.channel);
    case CrossKeyKind::Language: return std::string(row.language);
    case CrossKeyKind::Item: return code == ScannedRow::kNoCode ? kNoAnswerKey : std::to_string(code);
    case CrossKeyKind::Month: std::snprintf(text, sizeof text, "%04d-%02d", year, month); return text;
    case CrossKeyKind::Quarter: std::snprintf(text, sizeof text, "%04d-Q%d", year, (month - 1) / 3 + 1); return text;
    case CrossKeyKind::Year: std::snprintf(text, sizeof text, "%04d", year); return text;
  }
  return "";
}

int suppressCrossedComplements(const std::vector<std::vector<std::int64_t>>& responses,
                               std::vector<std::vector<bool>>& suppressed, std::int64_t minGroupSize) {
  const std::size_t rows = responses.size();
  const std::size_t columns = rows == 0 ? 0 : responses[0].size();
  int added = 0;
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t r = 0; r < rows; ++r) {
      std::vector<bool> line(suppressed[r].begin(), suppressed[r].end());
      if (protectLine(responses[r], line, minGroupSize, added)) {
        changed = true;
        for (std::size_t c = 0; c < columns; ++c) suppressed[r][c] = line[c];
      }
    }
    for (std::size_t c = 0; c < columns; ++c) {
      std::vector<std::int64_t> counts(rows);
      std::vector<bool> line(rows);
      for (std::size_t r = 0; r < rows; ++r) {
        counts[r] = responses[r][c];
        line[r] = suppressed[r][c];
      }
      if (protectLine(counts, line, minGroupSize, added)) {
        changed = true;
        for (std::size_t r = 0; r < rows; ++r) suppressed[r][c] = line[r];
      }
    }
  }
  return added;
}

CrossedTable crossed(ResultsEngine& engine, const surveys::SurveyDefinition& definition,
                     const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                     const SummaryOptions& options, const CrossKey& rows, const CrossKey& columns) {
  std::vector<std::string> itemIds;
  for (const CrossKey* key : {&rows, &columns}) {
    if (key->kind != CrossKeyKind::Item) continue;
    const surveys::Item* item = definition.findItem(key->itemId);
    if (item == nullptr || item->type != surveys::ItemType::SingleChoice) {
      throw std::invalid_argument("not a single-choice item: " + key->itemId);
    }
    itemIds.push_back(key->itemId);
  }
  const std::size_t rowColumn = 0;
  const std::size_t columnColumn = rows.kind == CrossKeyKind::Item ? 1 : 0;
  std::map<std::string, std::int64_t> counts;  // every cell's responses, suppressed or not
  SurveySummary summary = engine.summaryByRow(
      definition, courts, filter, options, itemIds, [&](const ScannedRow& row) -> std::optional<std::string> {
        const int rowCode = rows.kind == CrossKeyKind::Item ? row.code(rowColumn) : 0;
        const int columnCode = columns.kind == CrossKeyKind::Item ? row.code(columnColumn) : 0;
        std::string key = crossKeyValue(rows, row, rowCode) + "|" + crossKeyValue(columns, row, columnCode);
        ++counts[key];
        return key;
      });

  CrossedTable table;
  table.surveyId = definition.id;
  table.rows = rows;
  table.columns = columns;
  table.minGroupSize = summary.minGroupSize;
  for (const auto& [key, count] : counts) {
    const std::size_t bar = key.find('|');
    table.rowKeys.push_back(key.substr(0, bar));
    table.columnKeys.push_back(key.substr(bar + 1));
  }
  for (auto* keys : {&table.rowKeys, &table.columnKeys}) {
    std::sort(keys->begin(), keys->end(), keyBefore);
    keys->erase(std::unique(keys->begin(), keys->end()), keys->end());
  }
  const auto position = [](const std::vector<std::string>& keys, const std::string& key) {
    return static_cast<std::size_t>(std::lower_bound(keys.begin(), keys.end(), key, keyBefore) - keys.begin());
  };
  std::vector<std::vector<std::int64_t>> responses(table.rowKeys.size(),
                                                   std::vector<std::int64_t>(table.columnKeys.size(), 0));
  std::vector<std::vector<bool>> hidden(table.rowKeys.size(), std::vector<bool>(table.columnKeys.size(), false));
  std::vector<GroupSummary*> cellAt(table.rowKeys.size() * table.columnKeys.size(), nullptr);
  for (GroupSummary& cell : summary.groups) {
    const std::size_t bar = cell.key.find('|');
    const std::size_t r = position(table.rowKeys, cell.key.substr(0, bar));
    const std::size_t c = position(table.columnKeys, cell.key.substr(bar + 1));
    responses[r][c] = counts[cell.key];
    hidden[r][c] = cell.suppressed;
    cellAt[r * table.columnKeys.size() + c] = &cell;
  }
  table.complementary = suppressCrossedComplements(responses, hidden, table.minGroupSize);
  for (std::size_t r = 0; r < table.rowKeys.size(); ++r) {
    for (std::size_t c = 0; c < table.columnKeys.size(); ++c) {
      GroupSummary* cell = cellAt[r * table.columnKeys.size() + c];
      if (cell == nullptr) continue;
      if (hidden[r][c] && !cell->suppressed) {
        GroupSummary shut;
        shut.key = cell->key;
        shut.suppressed = true;
        *cell = std::move(shut);
      }
      table.cells.push_back(std::move(*cell));
    }
  }
  return table;
}

}  // namespace courtvoice::analytics
