#include "courtvoice/analytics/league.hpp"

#include <algorithm>
#include <map>
#include <regex>

namespace courtvoice::analytics {

namespace {

// Days since 1970-01-01 and back: H. Hinnant, "chrono-Compatible Low-Level Date Algorithms".
std::int64_t daysFromCivil(const surveys::Date& d) {
  const int y = d.year - (d.month <= 2 ? 1 : 0);
  const int era = (y >= 0 ? y : y - 399) / 400;
  const int yoe = y - era * 400;
  const int mp = (d.month + 9) % 12;
  const int doy = (153 * mp + 2) / 5 + d.day - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  return static_cast<std::int64_t>(era) * 146097 + doe - 719468;
}

surveys::Date civilFromDays(std::int64_t z) {
  z += 719468;
  const std::int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<int>(z - era * 146097);
  const int yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const int mp = (5 * doy + 2) / 153;
  const int day = doy - (153 * mp + 2) / 5 + 1;
  const int month = mp < 10 ? mp + 3 : mp - 9;
  const int year = static_cast<int>(yoe + era * 400) + (month <= 2 ? 1 : 0);
  return surveys::Date{year, month, day};
}

bool leapYear(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

surveys::Date yearEarlier(const surveys::Date& d) {
  surveys::Date out{d.year - 1, d.month, d.day};
  if (d.month == 2 && d.day == 29 && !leapYear(out.year)) out.day = 28;
  return out;
}

DaySpan quarterSpan(int year, int quarter) {
  const int firstMonth = (quarter - 1) * 3 + 1;
  const surveys::Date from{year, firstMonth, 1};
  const surveys::Date nextStart = quarter == 4 ? surveys::Date{year + 1, 1, 1} : surveys::Date{year, firstMonth + 3, 1};
  return {from, civilFromDays(daysFromCivil(nextStart) - 1)};
}

LeaguePeriods periodsOfQuarter(int year, int quarter) {
  LeaguePeriods out;
  out.key = std::to_string(year) + "-Q" + std::to_string(quarter);
  out.current = quarterSpan(year, quarter);
  out.previous = quarter == 1 ? quarterSpan(year - 1, 4) : quarterSpan(year, quarter - 1);
  out.yearAgo = quarterSpan(year - 1, quarter);
  return out;
}

const GroupSummary* findGroup(const SurveySummary& summary, const std::string& key) {
  for (const auto& group : summary.groups) {
    if (group.key == key) return &group;
  }
  return nullptr;
}

const IndexSummary* findIndex(const GroupSummary* group, const std::string& indexId) {
  if (group == nullptr || group->suppressed) return nullptr;
  for (const auto& index : group->indices) {
    if (index.indexId == indexId) return index.suppressed ? nullptr : &index;
  }
  return nullptr;
}

const ItemSummary* findItem(const GroupSummary& group, const std::string& itemId) {
  for (const auto& item : group.items) {
    if (item.itemId == itemId) return item.suppressed ? nullptr : &item;
  }
  return nullptr;
}

}  // namespace

std::optional<LeaguePeriods> quarterPeriods(const std::string& key) {
  static const std::regex pattern(R"(^(\d{4})-Q([1-4])$)");
  std::smatch m;
  if (!std::regex_match(key, m, pattern)) return std::nullopt;
  const int year = std::stoi(m[1].str());
  if (year < 1971) return std::nullopt;
  return periodsOfQuarter(year, std::stoi(m[2].str()));
}

LeaguePeriods latestCompleteQuarter(const surveys::Date& today) {
  const int quarter = (today.month - 1) / 3 + 1;
  return quarter == 1 ? periodsOfQuarter(today.year - 1, 4) : periodsOfQuarter(today.year, quarter - 1);
}

LeaguePeriods spanPeriods(const surveys::Date& from, const surveys::Date& to) {
  LeaguePeriods out;
  out.current = {from, to};
  const std::int64_t start = daysFromCivil(from);
  const std::int64_t length = daysFromCivil(to) - start + 1;
  out.previous = {civilFromDays(start - length), civilFromDays(start - 1)};
  out.yearAgo = {yearEarlier(from), yearEarlier(to)};
  return out;
}

Moments momentsWithout(const Moments& whole, const Moments& part) {
  Moments rest;
  rest.n = whole.n - part.n;
  if (rest.n <= 0) return Moments{};
  const auto n = static_cast<double>(whole.n);
  const auto np = static_cast<double>(part.n);
  const auto nr = static_cast<double>(rest.n);
  rest.mean = (n * whole.mean - np * part.mean) / nr;
  const double delta = rest.mean - part.mean;
  // Chan et al.'s merge, M2 = M2a + M2b + delta^2 na nb / n, solved for M2b; rounding can leave
  // a tiny negative for a rest without spread.
  rest.m2 = std::max(0.0, whole.m2 - part.m2 - delta * delta * np * nr / n);
  return rest;
}

std::optional<MeanChange> compareIndices(const Moments& earlier, const Moments& later) {
  std::optional<MeanChange> change = compareMeans(earlier, later);
  if (!change) return std::nullopt;
  // The index is (mean - 1) * 25: differences scale by 25, t and df do not change.
  change->difference *= 25.0;
  change->ci = {change->ci.low * 25.0, change->ci.high * 25.0};
  return change;
}

LeagueTable buildLeague(const std::vector<std::string>& courts, const SurveySummary& current,
                        const SurveySummary& previous, const SurveySummary& yearAgo, const SurveySummary& national,
                        const std::string& overallItem) {
  LeagueTable table;
  const GroupSummary* nation = national.groups.empty() ? nullptr : &national.groups.front();
  if (nation != nullptr && !nation->suppressed) {
    table.national.suppressed = false;
    table.national.responses = nation->responses;
    table.national.indices = nation->indices;
    if (const ItemSummary* item = overallItem.empty() ? nullptr : findItem(*nation, overallItem)) {
      table.national.favourable = item->favourable;
      table.national.favourableCi = item->favourableCi;
      table.national.favourableN = item->n;
    }
  }

  for (const std::string& code : courts) {
    LeagueRow row;
    row.court = code;
    const GroupSummary* now = findGroup(current, code);
    if (now == nullptr || now->suppressed) {
      table.rows.push_back(std::move(row));
      continue;
    }
    row.suppressed = false;
    row.responses = now->responses;
    if (const ItemSummary* item = overallItem.empty() ? nullptr : findItem(*now, overallItem)) {
      row.favourable = item->favourable;
      row.favourableCi = item->favourableCi;
      row.favourableN = item->n;
    }
    const GroupSummary* before = findGroup(previous, code);
    const GroupSummary* lastYear = findGroup(yearAgo, code);
    for (const auto& index : now->indices) {
      LeagueIndex out;
      out.indexId = index.indexId;
      if (!index.suppressed) {
        out.suppressed = false;
        out.value = index.value;
        out.n = index.n;
        out.ci = index.ci;
        if (const IndexSummary* was = findIndex(before, index.indexId)) {
          out.changePrevious = compareIndices(was->moments, index.moments);
        }
        if (const IndexSummary* was = findIndex(lastYear, index.indexId)) {
          out.changeYearAgo = compareIndices(was->moments, index.moments);
        }
        if (const IndexSummary* all = findIndex(nation, index.indexId)) {
          out.versusRest = compareIndices(momentsWithout(all->moments, index.moments), index.moments);
        }
      }
      row.indices.push_back(std::move(out));
    }
    table.rows.push_back(std::move(row));
  }
  return table;
}

}  // namespace courtvoice::analytics
