#include "courtvoice/server/population_csv.hpp"

#include <algorithm>
#include <map>
#include <optional>
#include <utility>

#include "courtvoice/server/csv.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::PopulationCell;
using surveys::ValidationError;

namespace {

// Caseloads are counts: 15 digits reach far beyond any court's and stay exact in a double.
constexpr std::size_t kMaxDigits = 15;

// ';' when the header (the first line) holds semicolons but no comma: a Russian-locale spreadsheet.
char delimiterOf(std::string_view text) {
  if (text.substr(0, 3) == "\xEF\xBB\xBF") text.remove_prefix(3);
  const std::string_view header = text.substr(0, text.find('\n'));
  return header.find(';') != std::string_view::npos && header.find(',') == std::string_view::npos ? ';' : ',';
}

std::optional<std::int64_t> count(const std::string& text) {
  if (text.empty() || text.size() > kMaxDigits) return std::nullopt;
  if (!std::all_of(text.begin(), text.end(), [](char c) { return c >= '0' && c <= '9'; })) return std::nullopt;
  return std::stoll(text);
}

std::string cellName(const PopulationCell& cell) {
  return cell.court + (cell.caseType ? " / case type " + std::to_string(*cell.caseType) : " (whole court)");
}

}  // namespace

const surveys::Item* findCaseTypeItem(const surveys::SurveyDefinition& def) {
  for (const auto& item : def.items) {
    if (item.id == kCaseTypeItemId && item.type == surveys::ItemType::SingleChoice) return &item;
  }
  return nullptr;
}

std::vector<PopulationCell> parsePopulationCsv(const std::string& text, const std::set<std::string>& courts,
                                               const surveys::Item* caseTypeItem) {
  const std::vector<CsvRecord> records = parseCsv(text, delimiterOf(text));
  if (records.empty()) throw DomainError({{"empty", "the file has no header line", csvPlace(1)}});
  if (records.size() - 1 > kMaxPopulationLines) {
    throw DomainError({{"too_many_lines",
                        "at most " + std::to_string(kMaxPopulationLines) + " lines of counts are allowed (the file has " +
                            std::to_string(records.size() - 1) + ")",
                        csvPlace(records[kMaxPopulationLines + 1].line)}});
  }
  std::vector<ValidationError> errors;
  const auto columns = readCsvHeader(records[0], kPopulationColumns, {"court", "population"}, errors);
  if (!errors.empty()) throw DomainError(std::move(errors));
  if (records.size() == 1) throw DomainError({{"empty", "the file has no lines of counts", csvPlace(2)}});

  const auto caseTypeColumn = columns.find("case_type");
  std::vector<PopulationCell> cells;
  std::map<std::pair<std::string, std::optional<int>>, std::size_t> lineOfCell;
  std::optional<bool> withCaseTypes;  // the kind of the first good line; every other must match
  std::size_t firstKindLine = 0;
  for (std::size_t r = 1; r < records.size(); ++r) {
    const CsvRecord& record = records[r];
    if (!checkCsvWidth(record, records[0].fields.size(), errors)) continue;
    const auto field = [&](const std::string& column) { return trimCsv(record.fields[columns.at(column)]); };
    bool good = true;
    const auto problem = [&](std::string code, std::string message, const std::string& column) {
      good = false;
      if (!addCsvError(errors, {std::move(code), std::move(message), csvPlace(record.line, column)})) {
        throw DomainError(std::move(errors));
      }
    };

    PopulationCell cell;
    cell.court = field("court");
    if (cell.court.empty()) {
      problem("required", "the court code is missing", "court");
    } else if (!courts.contains(cell.court)) {
      problem("unknown_court", "there is no court with code \"" + cell.court + "\"", "court");
    }

    const std::string caseType = caseTypeColumn == columns.end() ? "" : field("case_type");
    if (!caseType.empty()) {
      const auto code = count(caseType);
      if (caseTypeItem == nullptr) {
        problem("no_case_type_item",
                "this survey has no case_type item: leave case_type empty and give whole courts", "case_type");
      } else if (!code || std::none_of(caseTypeItem->options.begin(), caseTypeItem->options.end(),
                                       [&](const surveys::Option& o) { return o.code == *code; })) {
        std::string codes;
        for (const auto& option : caseTypeItem->options) codes += (codes.empty() ? "" : ", ") + std::to_string(option.code);
        problem("unknown_case_type", "\"" + caseType + "\" is not an option code of case_type (" + codes + ")",
                "case_type");
      } else {
        cell.caseType = static_cast<int>(*code);
      }
    }

    const std::string population = field("population");
    if (const auto value = count(population)) {
      cell.population = *value;
    } else if (!population.empty() && population[0] == '-') {
      problem("invalid_population", "the population must not be negative (the cell holds \"" + population + "\")",
              "population");
    } else {
      problem("invalid_population",
              "the population must be a whole number from 0 (the cell holds \"" + population + "\")", "population");
    }
    if (!good) continue;

    const bool hasCaseType = cell.caseType.has_value();
    if (!withCaseTypes) {
      withCaseTypes = hasCaseType;
      firstKindLine = record.line;
    } else if (*withCaseTypes != hasCaseType) {
      problem("mixed_cells",
              std::string("line ") + std::to_string(firstKindLine) +
                  (*withCaseTypes ? " gives a case type: every line must give one" :
                                    " gives a whole court: no line may give a case type"),
              "case_type");
      continue;
    }
    const auto [it, inserted] = lineOfCell.emplace(std::make_pair(cell.court, cell.caseType), record.line);
    if (!inserted) {
      problem("duplicate_cell", "the cell " + cellName(cell) + " is already on line " + std::to_string(it->second),
              "court");
      continue;
    }
    cells.push_back(std::move(cell));
  }
  if (!errors.empty()) throw DomainError(std::move(errors));
  return cells;
}

}  // namespace courtvoice::server
