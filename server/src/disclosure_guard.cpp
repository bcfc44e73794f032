#include "courtvoice/server/disclosure_guard.hpp"

#include <algorithm>
#include <cstdint>
#include <functional>
#include <limits>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <unordered_map>

#include "courtvoice/analytics/disclosure.hpp"
#include "courtvoice/server/report_json.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

bool isLeap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int daysInMonth(int year, int month) {
  static constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  return month == 2 && isLeap(year) ? 29 : kDays[month - 1];
}

int monthIndex(const surveys::Date& date) { return date.year * 12 + date.month - 1; }

std::string monthText(int month) {
  const int m = month % 12 + 1;
  return std::to_string(month / 12) + (m < 10 ? "-0" : "-") + std::to_string(m);
}

/// Responses of one survey counted per (court, month, version): every check below is a sum of these.
struct Cell {
  std::string court, region, level;
  int month = 0;
  int version = 0;
  std::int64_t n = 0;
};

struct StringHash {
  using is_transparent = void;
  std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};

/// One scan without answers; per row only a hash look-up of the court and an integer key, so a
/// scan of 500,000 rows stays in the tens of milliseconds (no string is built per row).
std::vector<Cell> countCells(analytics::ResultsEngine& engine, const std::string& surveyId,
                             const std::vector<surveys::Court>& courts, const analytics::ResultsFilter& filter) {
  std::unordered_map<std::string, std::uint64_t, StringHash, std::equal_to<>> courtIds;
  std::vector<Cell> perCourt;  // court, region, level of each court id
  std::unordered_map<std::uint64_t, std::int64_t> counts;  // court id, month, version -> responses
  engine.scan(surveyId, courts, filter, {}, [&](const analytics::ScannedRow& row) {
    auto found = courtIds.find(row.court);
    if (found == courtIds.end()) {
      found = courtIds.emplace(std::string(row.court), perCourt.size()).first;
      perCourt.push_back(Cell{std::string(row.court), std::string(row.region), std::string(row.level), 0, 0, 0});
    }
    const auto month = static_cast<std::uint64_t>(static_cast<std::uint32_t>(row.month));
    const auto version = static_cast<std::uint64_t>(static_cast<std::uint16_t>(row.version));
    ++counts[(found->second << 48) | (month << 16) | version];
  });
  std::vector<Cell> out;
  out.reserve(counts.size());
  for (const auto& [key, n] : counts) {
    Cell cell = perCourt[key >> 48];
    cell.month = static_cast<int>((key >> 16) & 0xFFFFFFFFULL);
    cell.version = static_cast<int>(key & 0xFFFFULL);
    cell.n = n;
    out.push_back(std::move(cell));
  }
  return out;
}

/// A set of values of one dimension: empty and not negated = every value.
struct ValueSet {
  std::set<std::string> values;
  bool negated = false;  ///< true: every value except `values`

  bool holds(const std::string& v) const {
    if (!negated && values.empty()) return true;
    return (values.count(v) > 0) != negated;
  }
};

/// Which cells a (possibly hypothetical) query covers.
struct Selection {
  ValueSet courts, regions, levels, versions;
  int fromMonth = std::numeric_limits<int>::min();
  int toMonth = std::numeric_limits<int>::max();

  bool holds(const Cell& c) const {
    return courts.holds(c.court) && regions.holds(c.region) && levels.holds(c.level) &&
           versions.holds(std::to_string(c.version)) && c.month >= fromMonth && c.month <= toMonth;
  }
};

std::int64_t count(const std::vector<Cell>& cells, const Selection& selection) {
  std::int64_t n = 0;
  for (const Cell& c : cells) {
    if (selection.holds(c)) n += c.n;
  }
  return n;
}

ValueSet& dimension(Selection& s, const std::string& field) {
  if (field == "court") return s.courts;
  if (field == "region") return s.regions;
  if (field == "level") return s.levels;
  return s.versions;
}

void refuse(const std::string& field, const std::string& message) {
  throw DomainError(ErrorKind::Invalid, "slice_too_small", message, field);
}

bool small(std::int64_t n, std::int64_t min) { return n > 0 && n < min; }

}  // namespace

void checkDisclosure(analytics::ResultsEngine& engine, const surveys::SurveyDefinition& def,
                     const std::vector<surveys::Court>& courts, const ReportFilters& filters) {
  // (a) Whole months only: a range cut inside a month would isolate the respondents of a few days.
  if (filters.from && filters.from->day != 1) {
    throw DomainError(ErrorKind::Invalid, "whole_months_required",
                      "from must be the first day of a month (reports cover whole months)", "from");
  }
  if (filters.to && filters.to->day != daysInMonth(filters.to->year, filters.to->month)) {
    throw DomainError(ErrorKind::Invalid, "whole_months_required",
                      "to must be the last day of a month (reports cover whole months)", "to");
  }
  const bool dated = filters.from || filters.to;
  if (!dated && filters.courts.empty() && filters.regions.empty() && filters.levels.empty() &&
      filters.versions.empty()) {
    return;  // the survey's whole total: nothing to subtract it from
  }

  const std::int64_t min = def.effectiveMinGroupSize();
  const std::vector<Cell> cells = countCells(engine, def.id, courts, analytics::ResultsFilter{});
  Selection query;
  query.courts.values = {filters.courts.begin(), filters.courts.end()};
  query.regions.values = {filters.regions.begin(), filters.regions.end()};
  query.levels.values = {filters.levels.begin(), filters.levels.end()};
  for (int v : filters.versions) query.versions.values.insert(std::to_string(v));
  if (filters.from) query.fromMonth = monthIndex(*filters.from);
  if (filters.to) query.toMonth = monthIndex(*filters.to);
  const std::string minText = std::to_string(min);

  for (const std::string field : {"court", "region", "level", "version"}) {
    const std::set<std::string> chosen = dimension(query, field).values;
    if (chosen.empty()) continue;
    // (b) Each value of a multi-valued filter: the query minus that value must not isolate it.
    if (chosen.size() > 1) {
      for (const std::string& value : chosen) {
        Selection one = query;
        dimension(one, field).values = {value};
        if (small(count(cells, one), min)) {
          refuse(field, field + " " + value + " holds fewer than " + minText +
                            " responses in this scope and period, so together with the other values it would give them "
                            "away: leave it out of the filter or choose a longer period");
        }
      }
    }
    // (c) What the filter leaves out: the same query without this filter minus this query.
    Selection rest = query;
    dimension(rest, field).negated = true;
    if (small(count(cells, rest), min)) {
      refuse(field, "the responses this " + field + " filter leaves out number fewer than " + minText +
                        " in this scope and period, so the report without the filter would give them away: "
                        "choose a wider filter or a longer period");
    }
  }

  // (d) The courts chosen, within each region, level and region-level cell they belong to (their
  // totals are published too): the courts left out there must not be small.
  if (!filters.courts.empty()) {
    std::set<std::string> regionsOf, levelsOf;
    std::set<std::pair<std::string, std::string>> cellsOf;
    for (const auto& court : courts) {
      if (!query.courts.values.count(court.code)) continue;
      regionsOf.insert(court.region);
      levelsOf.insert(court.level);
      cellsOf.insert({court.region, court.level});
    }
    const auto check = [&](const std::optional<std::string>& region, const std::optional<std::string>& level,
                           const std::string& what) {
      if (region && !query.regions.holds(*region)) return;
      if (level && !query.levels.holds(*level)) return;
      Selection rest = query;
      rest.courts.negated = true;
      if (region) rest.regions.values = {*region};
      if (level) rest.levels.values = {*level};
      if (small(count(cells, rest), min)) {
        refuse("court", "the other courts of " + what + " hold fewer than " + minText +
                            " responses in this scope and period, so its total minus these courts would give them "
                            "away: choose the whole " + what + " or a longer period");
      }
    };
    for (const auto& region : regionsOf) check(region, std::nullopt, "region " + region);
    for (const auto& level : levelsOf) check(std::nullopt, level, "level " + level);
    for (const auto& [region, level] : cellsOf) check(region, level, "region " + region + " at level " + level);
  }

  if (!dated) return;
  // (e) Each month of the range, and the months before and after it (the report without the date
  // filter is published too): none or at least the minimum.
  const std::string monthField = filters.from ? "from" : "to";
  Selection scope = query;
  scope.fromMonth = std::numeric_limits<int>::min();
  scope.toMonth = std::numeric_limits<int>::max();
  std::map<int, std::int64_t> perMonth;
  for (const Cell& c : cells) {
    if (scope.holds(c)) perMonth[c.month] += c.n;
  }
  std::int64_t before = 0, after = 0;
  for (const auto& [month, n] : perMonth) {
    if (month < query.fromMonth) {
      before += n;
    } else if (month > query.toMonth) {
      after += n;
    } else if (small(n, min)) {
      refuse(monthField, "month " + monthText(month) + " holds fewer than " + minText +
                             " responses in this scope, so ranges with and without it would give them away: "
                             "choose a range that leaves it out or a wider scope");
    }
  }
  if (small(before, min)) {
    refuse("from", "the months before from hold fewer than " + minText +
                       " responses in this scope, so the report without from would give them away: "
                       "start earlier or later");
  }
  if (small(after, min)) {
    refuse("to", "the months after to hold fewer than " + minText +
                     " responses in this scope, so the report without to would give them away: end earlier or later");
  }
}

void suppressComplementaryGroups(analytics::ResultsEngine& engine, const surveys::SurveyDefinition& def,
                                 const std::vector<surveys::Court>& courts, const ReportFilters& filters,
                                 analytics::SurveySummary& summary) {
  using analytics::GroupBy;
  if (summary.groupBy == GroupBy::None || summary.groups.size() < 2) return;
  if (std::none_of(summary.groups.begin(), summary.groups.end(), [](const auto& g) { return g.suppressed; })) return;

  // True sizes of the groups (a suppressed group shows 0) and, per group, the parents whose totals
  // are published too: for courts their region, level and region-level cell; for months their
  // quarter and year; for quarters their year. The whole partition is the filtered total.
  std::map<std::string, std::int64_t> sizes;
  std::map<std::string, std::vector<std::string>> parentsOf;
  for (const Cell& cell : countCells(engine, def.id, courts, resultsFilter(filters))) {
    std::string key;
    std::vector<std::string> parents;
    const surveys::Date start{cell.month / 12, cell.month % 12 + 1, 1};
    switch (summary.groupBy) {
      case GroupBy::Court:
        key = cell.court;
        parents = {"r:" + cell.region, "l:" + cell.level, "rl:" + cell.region + "|" + cell.level};
        break;
      case GroupBy::Region: key = cell.region; break;
      case GroupBy::Level: key = cell.level; break;
      case GroupBy::Month:
        key = start.monthKey();
        parents = {"q:" + start.quarterKey(), "y:" + std::to_string(start.year)};
        break;
      case GroupBy::Quarter:
        key = start.quarterKey();
        parents = {"y:" + std::to_string(start.year)};
        break;
      case GroupBy::None: break;
    }
    sizes[key] += cell.n;
    parentsOf[key] = std::move(parents);
  }

  std::map<std::string, std::vector<std::size_t>> partitions;  // parent -> indices of its groups
  for (std::size_t i = 0; i < summary.groups.size(); ++i) {
    partitions["all"].push_back(i);
    for (const auto& parent : parentsOf[summary.groups[i].key]) partitions[parent].push_back(i);
  }
  std::vector<bool> suppressed;
  for (const auto& group : summary.groups) suppressed.push_back(group.suppressed);
  // Suppressing in one partition can expose another (a court's region and its level): to a fixpoint.
  for (bool changed = true; changed;) {
    changed = false;
    for (const auto& [parent, members] : partitions) {
      std::vector<std::int64_t> responses;
      std::vector<bool> hidden;
      for (std::size_t i : members) {
        responses.push_back(sizes[summary.groups[i].key]);
        hidden.push_back(suppressed[i]);
      }
      if (analytics::suppressComplements(responses, hidden, summary.minGroupSize) == 0) continue;
      changed = true;
      for (std::size_t k = 0; k < members.size(); ++k) suppressed[members[k]] = hidden[k];
    }
  }
  for (std::size_t i = 0; i < summary.groups.size(); ++i) {
    auto& group = summary.groups[i];
    if (!suppressed[i] || group.suppressed) continue;
    summary.totalResponses -= group.responses;
    group.suppressed = true;
    group.responses = 0;
    group.items.clear();
    group.indices.clear();
  }
}

}  // namespace courtvoice::server
