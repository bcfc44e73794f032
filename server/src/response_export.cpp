#include "courtvoice/server/response_export.hpp"

#include <algorithm>
#include <map>
#include <set>

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
    for (const auto& def : versions) definitions_.emplace(def.version, &def);
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
    const surveys::SurveyDefinition* def = found == definitions_.end() ? nullptr : found->second;
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
      const std::size_t lead = row_.size();
      for (const auto& answer : r.answers) {
        const surveys::Item* item = def == nullptr ? nullptr : def->findItem(answer.itemId);
        if (item != nullptr && item->type == ItemType::Text && !options_.withTexts) {
          ++result.textsLeftOut;
          continue;
        }
        row_.resize(lead);
        row_.push_back(ExportCell::of(answer.itemId));
        row_.push_back(answer.nonAnswer || item == nullptr ? ExportCell::empty() : valueCell(*item, answer));
        row_.push_back(answer.nonAnswer ? ExportCell::of(toString(*answer.nonAnswer)) : ExportCell::empty());
        table.row(row_);
      }
      return;
    }
    for (const auto& answer : r.answers) {
      if (!options_.withTexts && def != nullptr) {
        const surveys::Item* item = def->findItem(answer.itemId);
        if (item != nullptr && item->type == ItemType::Text) ++result.textsLeftOut;
      }
    }
    for (const auto& column : wide_) {
      const surveys::Answer* answer = r.findAnswer(column.item->id);
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
      if (item->type != ItemType::MultipleChoice) {
        wide_.push_back({item, std::nullopt});
        continue;
      }
      std::vector<int> codes = options[item->id];
      std::sort(codes.begin(), codes.end());
      for (int code : codes) wide_.push_back({item, code});
    }
  }

  const ResponseExportOptions& options_;
  bool byCourt_;
  std::map<int, const surveys::SurveyDefinition*> definitions_;
  std::map<std::string, std::string> courtNames_;
  std::map<std::string, std::string> regionNames_;
  std::vector<WideColumn> wide_;
  std::vector<ExportCell> row_;
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
