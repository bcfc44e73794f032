#include "courtvoice/server/response_export.hpp"

#include <algorithm>
#include <map>
#include <set>
#include <string_view>
#include <unordered_map>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/localized_text.hpp"
#include "courtvoice/surveys/regions.hpp"
#include "courtvoice/surveys/version_compatibility.hpp"

namespace courtvoice::server {

namespace {

using surveys::ItemType;

// Columns every row starts with. "response" numbers the responses of this export (1, 2, ...):
// no stored id, address or time, nothing that links a row to a person or a submission.
const std::vector<std::string> kLeadColumns = {"response", "survey_id", "version",     "court",   "court_name",
                                               "region",   "region_name", "level",     "channel", "language",
                                               "date"};

// One column of the wide layout: an item, or one option of a multiple-choice item.
struct WideColumn {
  const surveys::Item* item = nullptr;
  std::optional<int> option;
  std::size_t slot = 0;  ///< the item's place in Exporter::answers_
};

// A version's definition and its items by id (an export looks an item up for every answer).
struct VersionItems {
  const surveys::SurveyDefinition* def = nullptr;
  std::unordered_map<std::string_view, const surveys::Item*> items;

  const surveys::Item* find(std::string_view id) const {
    const auto found = items.find(id);
    return found == items.end() ? nullptr : found->second;
  }
};

// The value of an answer as a cell (not a non-answer).
ExportCell valueCell(const surveys::Item& item, const surveys::Answer& answer) {
  switch (item.type) {
    case ItemType::MultipleChoice: {
      std::string value;
      for (int code : answer.codes) value += (value.empty() ? "" : " ") + std::to_string(code);
      return ExportCell::of(value);
    }
    case ItemType::Number: return ExportCell::of(std::optional<double>(answer.number));
    case ItemType::Text: return ExportCell::of(answer.text);
    default: return ExportCell::of(static_cast<long long>(answer.code));
  }
}

class Exporter {
 public:
  Exporter(const std::vector<surveys::SurveyDefinition>& versions, const std::vector<surveys::Court>& courts,
           const ResponseExportOptions& options, bool byCourt)
      : options_(options), byCourt_(byCourt) {
    for (const auto& def : versions) {
      VersionItems& entry = definitions_[def.version];
      entry.def = &def;
      for (const auto& item : def.items) entry.items.emplace(item.id, &item);
    }
    for (const auto& court : courts) courtNames_[court.code] = surveys::pick(court.name, options.lang);
    for (const auto& region : surveys::kazakhstanRegions()) regionNames_[region.code] = surveys::pick(region.name, options.lang);
    if (options.layout == ExportLayout::Wide) planWideColumns(versions);
  }

  std::vector<std::string> columns() const {
    std::vector<std::string> names = kLeadColumns;
    if (options_.layout == ExportLayout::Long) {
      names.insert(names.end(), {"item_id", "value", "non_answer"});
      return names;
    }
    for (const auto& column : wide_) {
      names.push_back(column.option ? column.item->id + "." + std::to_string(*column.option) : column.item->id);
    }
    return names;
  }

  void add(TableWriter& table, const surveys::StoredResponse& stored, ResponseExport& result) {
    const surveys::Response& r = stored.response;
    if (!options_.levels.empty() &&
        std::find(options_.levels.begin(), options_.levels.end(), stored.level) == options_.levels.end()) {
      return;
    }
    if (!options_.versions.empty() &&
        std::find(options_.versions.begin(), options_.versions.end(), r.version) == options_.versions.end()) {
      return;
    }
    const auto found = definitions_.find(r.version);
    const VersionItems* version = found == definitions_.end() ? nullptr : &found->second;
    const surveys::SurveyDefinition* def = version == nullptr ? nullptr : version->def;
    ++result.responses;
    row_.clear();
    row_.push_back(ExportCell::of(static_cast<long long>(result.responses)));
    row_.push_back(ExportCell::of(r.surveyId));
    row_.push_back(ExportCell::of(static_cast<long long>(r.version)));
    if (byCourt_) {
      row_.push_back(ExportCell::of(r.courtCode));
      const auto name = courtNames_.find(r.courtCode);
      row_.push_back(name == courtNames_.end() ? ExportCell::empty() : ExportCell::of(name->second));
    } else {  // respondents were told answers are never shown by court: region and level only
      row_.push_back(ExportCell::empty());
      row_.push_back(ExportCell::empty());
    }
    row_.push_back(ExportCell::of(stored.region));
    const auto region = regionNames_.find(stored.region);
    row_.push_back(ExportCell::of(region == regionNames_.end() ? stored.region : region->second));
    row_.push_back(ExportCell::of(stored.level));
    row_.push_back(ExportCell::of(toString(r.channel)));
    row_.push_back(ExportCell::of(r.language));
    // Staff and judges are reported by month only (docs/privacy): the day could identify them.
    const bool monthOnly = def != nullptr && def->audience != surveys::Audience::Citizen;
    row_.push_back(ExportCell::of(monthOnly ? r.givenOn.monthKey() : r.givenOn.toString()));

    if (options_.layout == ExportLayout::Long) {
      // The response's cells are formatted once for all its rows.
      table.lead(row_);
      for (const auto& answer : r.answers) {
        const surveys::Item* item = version == nullptr ? nullptr : version->find(answer.itemId);
        if (item != nullptr && item->type == ItemType::Text && !options_.withTexts) {
          ++result.textsLeftOut;
          continue;
        }
        rest_.clear();
        rest_.push_back(ExportCell::of(answer.itemId));
        rest_.push_back(answer.nonAnswer || item == nullptr ? ExportCell::empty() : valueCell(*item, answer));
        rest_.push_back(answer.nonAnswer ? ExportCell::of(toString(*answer.nonAnswer)) : ExportCell::empty());
        table.rowAfterLead(rest_);
      }
      return;
    }
    std::fill(answers_.begin(), answers_.end(), nullptr);
    for (const auto& answer : r.answers) {
      if (!options_.withTexts && version != nullptr) {
        const surveys::Item* item = version->find(answer.itemId);
        if (item != nullptr && item->type == ItemType::Text) ++result.textsLeftOut;
      }
      const auto slot = slots_.find(answer.itemId);
      if (slot != slots_.end()) answers_[slot->second] = &answer;
    }
    for (const auto& column : wide_) {
      const surveys::Answer* answer = answers_[column.slot];
      if (answer == nullptr) {
        row_.push_back(ExportCell::empty());
      } else if (answer->nonAnswer) {
        row_.push_back(ExportCell::of(toString(*answer->nonAnswer)));
      } else if (column.option) {
        const bool chosen = std::find(answer->codes.begin(), answer->codes.end(), *column.option) != answer->codes.end();
        row_.push_back(ExportCell::of(static_cast<long long>(chosen ? 1 : 0)));
      } else {
        row_.push_back(valueCell(*column.item, *answer));
      }
    }
    table.row(row_);
  }

 private:
  // The items of every version, newest version's order first, then items only older versions
  // have; a multiple-choice item gets a column per option any version offers.
  void planWideColumns(const std::vector<surveys::SurveyDefinition>& versions) {
    std::map<std::string, std::vector<int>> options;  // item -> option codes, first seen first
    std::vector<const surveys::Item*> items;
    for (auto def = versions.rbegin(); def != versions.rend(); ++def) {
      for (const auto& item : def->items) {
        if (item.type == ItemType::Text && !options_.withTexts) continue;
        auto [codes, fresh] = options.try_emplace(item.id);
        if (fresh) items.push_back(&item);
        for (const auto& option : item.options) {
          if (std::find(codes->second.begin(), codes->second.end(), option.code) == codes->second.end()) {
            codes->second.push_back(option.code);
          }
        }
      }
    }
    for (const surveys::Item* item : items) {
      const std::size_t slot = slots_.emplace(item->id, slots_.size()).first->second;
      if (item->type != ItemType::MultipleChoice) {
        wide_.push_back({item, std::nullopt, slot});
        continue;
      }
      std::vector<int> codes = options[item->id];
      std::sort(codes.begin(), codes.end());
      for (int code : codes) wide_.push_back({item, code, slot});
    }
    answers_.resize(slots_.size());
  }

  const ResponseExportOptions& options_;
  bool byCourt_;
  std::map<int, VersionItems> definitions_;
  std::map<std::string, std::string> courtNames_;
  std::map<std::string, std::string> regionNames_;
  std::vector<WideColumn> wide_;
  // Wide layout: each item of a column, by id, its place in answers_, and the response's answer
  // to it (one pass over the answers rather than a search per column).
  std::unordered_map<std::string_view, std::size_t> slots_;
  std::vector<const surveys::Answer*> answers_;
  std::vector<ExportCell> row_;
  std::vector<ExportCell> rest_;  ///< long layout: item_id, value, non_answer of one answer
};

}  // namespace

ResponseExport exportResponses(surveys::SurveyStore& surveys, surveys::ResponseStore& responses,
                               const std::vector<surveys::Court>& courts, const ResponseExportOptions& options,
                               const std::function<std::ostream&()>& open) {
  const std::string& surveyId = options.query.surveyId;
  const auto versions = surveys::loadAllVersions(surveys, surveyId, /*withDrafts=*/true);
  if (versions.empty()) {
    throw surveys::DomainError(surveys::ErrorKind::NotFound, "survey_not_found", "no survey " + surveyId, "");
  }
  ResponseExport result;
  // Respondents told "never reported by court" (judges in a court of 3-8) are not given a court
  // code even in the raw file: region and level say where without saying which court. The
  // versions that can have responses decide, as for the summary and the trend.
  const auto answerable = surveys::loadAllVersions(surveys, surveyId, /*withDrafts=*/false);
  result.byCourt = std::all_of(answerable.begin(), answerable.end(),
                               [](const surveys::SurveyDefinition& def) { return def.reportByCourt; });
  if (!result.byCourt && !options.query.courts.empty()) {
    throw surveys::DomainError(surveys::ErrorKind::Invalid, "not_allowed",
                               "this survey is never reported by court: filter by region or level instead", "court");
  }
  Exporter exporter(versions, courts, options, result.byCourt);
  TableWriter table(open(), options.format, options.style, exporter.columns());
  responses.forEach(options.query,
                    [&](const surveys::StoredResponse& stored) { exporter.add(table, stored, result); });
  return result;
}

}  // namespace courtvoice::server
