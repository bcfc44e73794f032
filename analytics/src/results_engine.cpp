#include "courtvoice/analytics/results_engine.hpp"

#include <algorithm>
#include <map>
#include <mutex>
#include <set>
#include <stdexcept>
#include <unordered_map>

#include "response_columns.hpp"
#include "results_cube.hpp"
#include "summary_state.hpp"
#include "trend_state.hpp"

namespace courtvoice::analytics {

using detail::Cube;
using detail::GroupTally;
using detail::SurveyColumns;

namespace {

bool isLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int lastDayOf(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeap(year) ? 29 : kDays[month - 1];
}

std::string monthKeyOf(std::int32_t month) {
  return surveys::Date{month / 12, month % 12 + 1, 1}.monthKey();
}

std::string quarterKeyOf(std::int32_t month) {
  return surveys::Date{month / 12, month % 12 + 1, 1}.quarterKey();
}

bool listed(const std::vector<std::string>& list, const std::string& value) {
  return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
}

/// Which months a date filter covers whole (their cells are used as they are) and which it
/// cuts (their rows are read one by one).
struct MonthRange {
  std::int32_t firstWhole = INT32_MIN;
  std::int32_t lastWhole = INT32_MAX;
  std::set<std::int32_t> cut;
  std::int32_t fromDay = INT32_MIN;
  std::int32_t toDay = INT32_MAX;

  explicit MonthRange(const ResultsFilter& filter) {
    if (filter.from) {
      const surveys::Date& f = *filter.from;
      fromDay = detail::dayNumber(f);
      firstWhole = detail::monthNumber(f) + (f.day == 1 ? 0 : 1);
      if (f.day != 1) cut.insert(detail::monthNumber(f));
    }
    if (filter.to) {
      const surveys::Date& t = *filter.to;
      toDay = detail::dayNumber(t);
      lastWhole = detail::monthNumber(t) - (t.day == lastDayOf(t.year, t.month) ? 0 : 1);
      if (t.day != lastDayOf(t.year, t.month)) cut.insert(detail::monthNumber(t));
    }
  }
  bool whole(std::int32_t month) const { return month >= firstWhole && month <= lastWhole; }
  bool covers(std::int32_t day) const { return day >= fromDay && day <= toDay; }
};

}  // namespace

struct ResultsEngine::State {
  struct Survey {
    SurveyColumns columns;
    std::set<int> versions;  // versions with responses
    // (analysis version, response version) -> cube; the shape detects an edited draft.
    std::map<std::pair<int, int>, std::pair<std::string, Cube>> cubes;
  };

  surveys::ResponseFeed& feed;
  std::size_t pageSize;
  mutable std::mutex mutex;
  std::int64_t sequence = 0;
  std::int64_t responses = 0;
  std::vector<std::string> courtCodes;
  std::unordered_map<std::string, std::uint32_t> courtIndex;
  std::map<std::string, Survey> surveys;

  State(surveys::ResponseFeed& f, std::size_t p) : feed(f), pageSize(p) {}

  std::uint32_t courtOf(const std::string& code) {
    const auto [it, inserted] = courtIndex.try_emplace(code, static_cast<std::uint32_t>(courtCodes.size()));
    if (inserted) courtCodes.push_back(code);
    return it->second;
  }

  void catchUp(const Progress& progress) {
    const std::int64_t target = feed.latestSequence();
    if (target <= sequence) return;
    std::int64_t loaded = 0;
    while (true) {
      const auto page = feed.readAfter(sequence, pageSize);
      for (const surveys::SequencedResponse& item : page) {
        Survey& survey = surveys[item.response.surveyId];
        survey.columns.append(item.response, courtOf(item.response.courtCode));
        survey.versions.insert(item.response.version);
        sequence = item.sequence;
        ++responses;
      }
      loaded += static_cast<std::int64_t>(page.size());
      if (progress && !page.empty()) progress(loaded, target);
      if (page.size() < pageSize) break;
    }
  }

  /// The cube of one version's responses under `def`, caught up with the columns.
  Cube& cube(Survey& survey, const surveys::SurveyDefinition& def, int version) {
    const std::string shape = detail::analysisShape(def);
    const std::pair<int, int> key{def.version, version};
    auto it = survey.cubes.find(key);
    if (it == survey.cubes.end() || it->second.first != shape) {
      survey.cubes.erase(key);
      it = survey.cubes.emplace(key, std::make_pair(shape, Cube(def, version))).first;
    }
    Cube& cube = it->second.second;
    cube.catchUp(survey.columns);
    return cube;
  }

  /// Which engine courts pass the filter's court, region and level lists; their regions and levels.
  std::vector<char> courtsPassing(const ResultsFilter& filter, const std::vector<surveys::Court>& registry,
                                  std::vector<std::string>& regionOf, std::vector<std::string>& levelOf) const {
    std::unordered_map<std::string, const surveys::Court*> byCode;
    for (const surveys::Court& court : registry) byCode.emplace(court.code, &court);
    std::vector<char> pass(courtCodes.size(), 0);
    regionOf.assign(courtCodes.size(), std::string());
    levelOf.assign(courtCodes.size(), std::string());
    for (std::size_t c = 0; c < courtCodes.size(); ++c) {
      const auto found = byCode.find(courtCodes[c]);
      const std::string region = found == byCode.end() ? std::string() : found->second->region;
      const std::string level = found == byCode.end() ? std::string() : found->second->level;
      regionOf[c] = region;
      levelOf[c] = level;
      pass[c] = listed(filter.courts, courtCodes[c]) && listed(filter.regions, region) && listed(filter.levels, level);
    }
    return pass;
  }

  std::vector<int> versionsOf(const Survey& survey, const ResultsFilter& filter) const {
    std::vector<int> out;
    for (int v : survey.versions) {
      if (filter.versions.empty() || std::find(filter.versions.begin(), filter.versions.end(), v) != filter.versions.end()) {
        out.push_back(v);
      }
    }
    return out;
  }

  /// Calls `visit(row, scanned)` for every row of `survey` the filter covers, with the codes of
  /// `itemIds` filled in.
  template <typename Visit>
  void scanRows(const Survey& survey, const std::vector<surveys::Court>& registry, const ResultsFilter& filter,
                const std::vector<std::string>& itemIds, Visit visit) const {
    std::vector<std::string> regionOf;
    std::vector<std::string> levelOf;
    const std::vector<char> pass = courtsPassing(filter, registry, regionOf, levelOf);
    const MonthRange range(filter);
    const std::vector<int> wanted = versionsOf(survey, filter);
    const SurveyColumns& columns = survey.columns;
    std::vector<const detail::ItemColumn*> items;
    for (const std::string& id : itemIds) items.push_back(columns.column(id));
    std::vector<int> codes(items.size(), ScannedRow::kNoCode);
    ScannedRow scanned;
    scanned.codes = &codes;
    for (std::uint32_t row = 0; row < columns.rows(); ++row) {
      const std::uint32_t court = columns.court[row];
      if (!pass[court] || !range.covers(columns.day[row])) continue;
      if (std::find(wanted.begin(), wanted.end(), columns.version[row]) == wanted.end()) continue;
      for (std::size_t k = 0; k < items.size(); ++k) {
        const detail::ItemColumn* column = items[k];
        const std::uint8_t byte = column == nullptr ? detail::kAbsent : column->codes[row];
        const bool single = byte <= detail::kBigCode && (column->choices.empty() || column->choices[row] == 0) &&
                            column->numberId(row) == 0;
        codes[k] = single ? column->code(row) : ScannedRow::kNoCode;
      }
      scanned.court = courtCodes[court];
      scanned.region = regionOf[court];
      scanned.level = levelOf[court];
      scanned.month = columns.month[row];
      scanned.version = columns.version[row];
      scanned.channel = static_cast<surveys::Channel>(columns.channel[row]);
      scanned.language = columns.languages[columns.language[row]];
      visit(row, scanned);
    }
  }

  /// Merges the cells of `cube` that the filter covers, and the rows of the months it cuts, into
  /// tallies chosen by `tallyOf(court, month)` (nullptr: not wanted).
  template <typename TallyOf>
  void collect(const Survey& survey, const Cube& cube, int version, const std::vector<char>& pass,
               const MonthRange& range, TallyOf tallyOf) const {
    for (const Cube::Entry& cell : cube.cells()) {
      if (!pass[cell.court] || !range.whole(cell.month)) continue;
      if (GroupTally* tally = tallyOf(cell.court, cell.month)) tally->merge(cell.tally);
    }
    if (range.cut.empty()) return;
    const SurveyColumns& columns = survey.columns;
    detail::RowAccumulator accumulator(cube.definition(), cube.layout(), columns);
    for (std::int32_t month : range.cut) {
      if (range.whole(month)) continue;
      const auto rows = columns.rowsOfMonth.find(month);
      if (rows == columns.rowsOfMonth.end()) continue;
      for (std::uint32_t row : rows->second) {
        if (columns.version[row] != version || !pass[columns.court[row]] || !range.covers(columns.day[row])) continue;
        if (GroupTally* tally = tallyOf(columns.court[row], month)) accumulator.add(row, *tally);
      }
    }
  }
};

ResultsEngine::ResultsEngine(surveys::ResponseFeed& feed, std::size_t pageSize)
    : state_(std::make_unique<State>(feed, pageSize == 0 ? 1 : pageSize)) {}

ResultsEngine::~ResultsEngine() = default;

void ResultsEngine::catchUp(const Progress& progress) {
  std::lock_guard lock(state_->mutex);
  state_->catchUp(progress);
}

void ResultsEngine::rebuild(const Progress& progress) {
  std::lock_guard lock(state_->mutex);
  State& s = *state_;
  s.surveys.clear();
  s.courtCodes.clear();
  s.courtIndex.clear();
  s.sequence = 0;
  s.responses = 0;
  s.catchUp(progress);
}

SurveySummary ResultsEngine::summary(const surveys::SurveyDefinition& definition,
                                     const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                                     const SummaryOptions& options) {
  if (options.minGroupSize < 0) throw std::invalid_argument("minGroupSize must not be negative");
  const int minGroupSize = options.minGroupSize > 0 ? options.minGroupSize : definition.effectiveMinGroupSize();
  const bool twoCourts = detail::needsTwoCourts(definition);
  std::lock_guard lock(state_->mutex);
  State& s = *state_;
  s.catchUp({});

  // Group tallies by key; the overall group exists even without responses ("no data" reads as suppressed).
  const detail::CellLayout layout(definition);
  std::map<std::string, GroupTally> tallies;
  const auto tallyFor = [&](const std::string& key) -> GroupTally& {
    auto [it, inserted] = tallies.try_emplace(key);
    if (inserted) it->second.reset(layout, definition.indices.size());
    return it->second;
  };
  if (options.groupBy == GroupBy::None) tallyFor("");

  const auto found = s.surveys.find(definition.id);
  if (found != s.surveys.end()) {
    State::Survey& survey = found->second;
    std::vector<std::string> regionOf;
    std::vector<std::string> levelOf;
    const std::vector<char> pass = s.courtsPassing(filter, courts, regionOf, levelOf);
    const MonthRange range(filter);
    // Group keys cached per court and per month: a query touches thousands of cells.
    std::vector<GroupTally*> byCourt(s.courtCodes.size(), nullptr);
    std::unordered_map<std::int32_t, GroupTally*> byMonth;
    GroupTally* all = options.groupBy == GroupBy::None ? &tallyFor("") : nullptr;
    const auto tallyOf = [&](std::uint32_t court, std::int32_t month) -> GroupTally* {
      switch (options.groupBy) {
        case GroupBy::None: return all;
        case GroupBy::Court:
        case GroupBy::Region:
        case GroupBy::Level: {
          GroupTally*& slot = byCourt[court];
          if (slot == nullptr) {
            slot = &tallyFor(options.groupBy == GroupBy::Court    ? s.courtCodes[court]
                             : options.groupBy == GroupBy::Region ? regionOf[court]
                                                                  : levelOf[court]);
          }
          return slot;
        }
        case GroupBy::Month:
        case GroupBy::Quarter: {
          GroupTally*& slot = byMonth[month];
          if (slot == nullptr) {
            slot = &tallyFor(options.groupBy == GroupBy::Month ? monthKeyOf(month) : quarterKeyOf(month));
          }
          return slot;
        }
      }
      return all;
    };
    for (int version : s.versionsOf(survey, filter)) {
      const Cube& cube = s.cube(survey, definition, version);
      s.collect(survey, cube, version, pass, range, tallyOf);
    }
  }

  const SurveyColumns* columns = found == s.surveys.end() ? nullptr : &found->second.columns;
  std::map<std::string, detail::GroupState> groups;
  for (const auto& [key, tally] : tallies) {
    if (tally.empty() && options.groupBy != GroupBy::None) continue;  // only rows cut away by the day filter
    groups.emplace(key, detail::toGroupState(definition, layout, tally, columns, s.courtCodes));
  }
  return detail::buildSummary(definition, options.groupBy, minGroupSize, twoCourts, groups);
}

TrendReport ResultsEngine::trend(const std::vector<surveys::SurveyDefinition>& definitions,
                                 const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                                 const TrendOptions& options, const TrendContext& context) {
  detail::TrendData data(definitions, options, context);  // checks the definitions and options
  std::lock_guard lock(state_->mutex);
  State& s = *state_;
  s.catchUp({});
  const auto found = s.surveys.find(data.versions.front().def.id);
  if (found != s.surveys.end()) {
    State::Survey& survey = found->second;
    std::vector<std::string> regionOf;
    std::vector<std::string> levelOf;
    const std::vector<char> pass = s.courtsPassing(filter, courts, regionOf, levelOf);
    const MonthRange range(filter);
    for (int version : s.versionsOf(survey, filter)) {
      const auto known = data.byNumber.find(version);
      if (known == data.byNumber.end()) {
        // Responses to a version not among the definitions are counted, as TrendBuilder does.
        const SurveyColumns& columns = survey.columns;
        for (std::uint32_t row = 0; row < columns.rows(); ++row) {
          if (columns.version[row] == version && pass[columns.court[row]] && range.covers(columns.day[row])) ++data.ignored;
        }
        continue;
      }
      const detail::Version& v = data.versions[known->second];
      const Cube& cube = s.cube(survey, v.def, version);
      std::map<std::int64_t, GroupTally> byPeriod;
      std::map<std::int64_t, std::uint16_t> monthsOf;  // months with responses, for partial periods
      std::unordered_map<std::int32_t, GroupTally*> byMonth;
      const auto tallyOf = [&](std::uint32_t, std::int32_t month) -> GroupTally* {
        // Called only for a cell or row that is then added, so each month seen has responses.
        monthsOf[detail::periodOrdinal(month / 12, month % 12 + 1, options.period)] |=
            static_cast<std::uint16_t>(1u << (month % 12));
        GroupTally*& slot = byMonth[month];
        if (slot == nullptr) {
          const std::int64_t period = detail::periodOrdinal(month / 12, month % 12 + 1, options.period);
          auto [it, inserted] = byPeriod.try_emplace(period);
          if (inserted) it->second.reset(cube.layout(), v.def.indices.size());
          slot = &it->second;
        }
        return slot;
      };
      s.collect(survey, cube, version, pass, range, tallyOf);
      for (const auto& [period, tally] : byPeriod) {
        if (tally.empty()) continue;
        detail::Cell cell = detail::toTrendCell(v.def, cube.layout(), tally, s.courtCodes);
        cell.months = monthsOf[period];
        data.cells.emplace(std::make_pair(period, version), std::move(cell));
      }
    }
  }
  return detail::buildTrendReport(data);
}

void ResultsEngine::scan(const std::string& surveyId, const std::vector<surveys::Court>& courts,
                         const ResultsFilter& filter, const std::vector<std::string>& itemIds,
                         const std::function<void(const ScannedRow&)>& visit) {
  std::lock_guard lock(state_->mutex);
  State& s = *state_;
  s.catchUp({});
  const auto found = s.surveys.find(surveyId);
  if (found == s.surveys.end()) return;
  s.scanRows(found->second, courts, filter, itemIds, [&](std::uint32_t, const ScannedRow& row) { visit(row); });
}

SurveySummary ResultsEngine::summaryByRow(const surveys::SurveyDefinition& definition,
                                          const std::vector<surveys::Court>& courts, const ResultsFilter& filter,
                                          const SummaryOptions& options, const std::vector<std::string>& itemIds,
                                          const std::function<std::optional<std::string>(const ScannedRow&)>& keyOf) {
  if (options.minGroupSize < 0) throw std::invalid_argument("minGroupSize must not be negative");
  const int minGroupSize = options.minGroupSize > 0 ? options.minGroupSize : definition.effectiveMinGroupSize();
  std::lock_guard lock(state_->mutex);
  State& s = *state_;
  s.catchUp({});
  const detail::CellLayout layout(definition);
  std::map<std::string, GroupTally> tallies;
  const auto found = s.surveys.find(definition.id);
  if (found != s.surveys.end()) {
    const SurveyColumns& columns = found->second.columns;
    detail::RowAccumulator accumulator(definition, layout, columns);
    s.scanRows(found->second, courts, filter, itemIds, [&](std::uint32_t row, const ScannedRow& scanned) {
      std::optional<std::string> key = keyOf(scanned);
      if (!key) return;
      auto [it, inserted] = tallies.try_emplace(std::move(*key));
      if (inserted) it->second.reset(layout, definition.indices.size());
      accumulator.add(row, it->second);
    });
  }
  const SurveyColumns* columns = found == s.surveys.end() ? nullptr : &found->second.columns;
  std::map<std::string, detail::GroupState> groups;
  for (const auto& [key, tally] : tallies) {
    groups.emplace(key, detail::toGroupState(definition, layout, tally, columns, s.courtCodes));
  }
  return detail::buildSummary(definition, GroupBy::None, minGroupSize, detail::needsTwoCourts(definition), groups);
}

EngineStats ResultsEngine::stats() const {
  std::lock_guard lock(state_->mutex);
  const State& s = *state_;
  EngineStats out;
  out.responses = s.responses;
  out.sequence = s.sequence;
  for (const auto& [id, survey] : s.surveys) {
    out.answerBytes += static_cast<std::int64_t>(survey.columns.bytes());
    for (const auto& [key, entry] : survey.cubes) {
      out.cellBytes += static_cast<std::int64_t>(entry.second.bytes());
      out.cells += static_cast<std::int64_t>(entry.second.cells().size());
    }
  }
  return out;
}

}  // namespace courtvoice::analytics
