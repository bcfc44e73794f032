#include "courtvoice/server/league_service.hpp"

#include <algorithm>
#include <map>

#include "courtvoice/server/access_scope.hpp"
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

/// The item whose % favourable the table shows: the first scale item of dimension "overall".
std::string overallItemOf(const surveys::SurveyDefinition& def) {
  for (const auto& item : def.items) {
    if (item.dimension == "overall" && surveys::isScale(item.type)) return item.id;
  }
  return "";
}

/// A court of the table, as the registry knows it (a code it does not know keeps its code as name).
struct CourtLine {
  std::string code;
  std::string name;
  std::string region;
  std::string regionName;
  std::string level;
};

ReportFilters withSpan(const ReportFilters& filters, const analytics::DaySpan& span) {
  ReportFilters out = filters;
  out.from = span.from;
  out.to = span.to;
  return out;
}

std::optional<double> sortValue(const analytics::LeagueRow& row, const std::string& key) {
  if (key == "n") return static_cast<double>(row.responses);
  if (key == "favourable") return row.favourable;
  for (const auto& index : row.indices) {
    if (index.indexId == key) return index.suppressed ? std::nullopt : index.value;
  }
  return std::nullopt;
}

void writeSpan(JsonWriter& out, const analytics::DaySpan& span) {
  out.beginObject().key("from").value(span.from.toString()).key("to").value(span.to.toString()).endObject();
}

void writeChange(JsonWriter& out, const std::optional<analytics::MeanChange>& change) {
  if (!change) {
    out.null();
    return;
  }
  out.beginObject().key("difference").value(std::optional<double>(change->difference)).key("ci");
  writeInterval(out, std::optional<analytics::Interval>(change->ci));
  out.key("t").value(std::optional<double>(change->t)).key("df").value(std::optional<double>(change->df));
  out.key("significant").value(change->significant).endObject();
}

/// "above" / "below" when the court differs significantly from the rest of the country, else "".
std::string differsText(const analytics::LeagueIndex& index) {
  if (!index.versusRest || !index.versusRest->significant) return "";
  return index.versusRest->difference > 0 ? "above" : "below";
}

void writeFavourable(JsonWriter& out, const std::optional<double>& share, const std::optional<analytics::Interval>& ci,
                     std::int64_t n) {
  out.key("favourable").value(share).key("favourable_ci");
  writeInterval(out, ci);
  out.key("favourable_n").value(n);
}

}  // namespace

LeagueRequest makeLeagueRequest(ReportFilters filters, const std::optional<std::string>& period,
                                const std::optional<std::string>& sort) {
  LeagueRequest request;
  static_cast<ReportFilters&>(request) = std::move(filters);
  if (period && !period->empty()) {
    if (!analytics::quarterPeriods(*period)) {
      throw DomainError(ErrorKind::Invalid, "invalid_period", "period must be a quarter YYYY-Qn, e.g. 2025-Q3", "period");
    }
    if (request.from || request.to) {
      throw DomainError(ErrorKind::Invalid, "conflicting_filters", "give either period or from and to, not both",
                        "period");
    }
    request.period = *period;
  }
  if (request.from.has_value() != request.to.has_value()) {
    const std::string missing = request.from ? "to" : "from";
    throw DomainError(ErrorKind::Invalid, "missing_date", "from and to come together in a league table", missing);
  }
  if (sort && !sort->empty()) {
    request.descending = sort->front() == '-';
    request.sort = request.descending ? sort->substr(1) : *sort;
    if (request.sort.empty()) throw DomainError(ErrorKind::Invalid, "invalid_sort", "sort needs a key", "sort");
  }
  return request;
}

struct LeagueService::Built {
  surveys::SurveyDefinition def;
  analytics::LeaguePeriods periods;
  std::string overallItem;
  int minGroupSize = 0;
  std::vector<CourtLine> courts;      ///< in the order of table.rows
  analytics::LeagueTable table;       ///< rows sorted as asked
  ReportFilters filters;              ///< the request's, narrowed to the account's scope
};

LeagueService::LeagueService(surveys::SurveyStore& surveys, analytics::ResultsEngine& engine,
                             surveys::CourtStore& courts, const surveys::Clock& clock)
    : surveys_(surveys), engine_(engine), courts_(courts), clock_(clock) {}

LeagueService::Built LeagueService::build(const std::string& surveyId, const LeagueRequest& asked) {
  Built built;
  surveys::SurveyDefinition def = reportDefinition(surveys_, surveyId);
  if (!reportedByCourt(surveys_, def)) {
    throw DomainError(ErrorKind::Invalid, "not_allowed",
                      "this survey is never reported by court, so it has no league table of courts", "id");
  }
  built.def = std::move(def);
  // Rows: the courts of the account's scope only. The national comparison stays the whole
  // country's: one figure over every court, published to every account (docs/api.md, "Scopes").
  const std::vector<surveys::Court> registry = courts_.list();
  LeagueRequest request = asked;
  narrowToCurrentScope(registry, request);
  built.filters = request;
  const auto& indices = built.def.indices;
  const std::string& sortKey = request.sort;
  const bool knownKey = sortKey == "code" || sortKey == "name" || sortKey == "region" || sortKey == "n" ||
                        sortKey == "favourable" ||
                        std::any_of(indices.begin(), indices.end(), [&](const auto& x) { return x.id == sortKey; });
  if (!knownKey) {
    throw DomainError(ErrorKind::Invalid, "invalid_sort",
                      "sort must be code, name, region, n, favourable or an index id of the survey, optionally after '-'",
                      "sort");
  }

  built.periods = request.period ? *analytics::quarterPeriods(*request.period)
                  : request.from ? analytics::spanPeriods(*request.from, *request.to)
                                 : analytics::latestCompleteQuarter(clock_.today());
  built.overallItem = overallItemOf(built.def);

  const ReportFilters current = withSpan(request, built.periods.current);
  checkDisclosure(engine_, built.def, registry, current);

  analytics::SummaryOptions byCourt;
  byCourt.groupBy = analytics::GroupBy::Court;
  auto now = engine_.summary(built.def, registry, resultsFilter(current), byCourt);
  const auto before = engine_.summary(built.def, registry, resultsFilter(withSpan(request, built.periods.previous)), byCourt);
  const auto lastYear = engine_.summary(built.def, registry, resultsFilter(withSpan(request, built.periods.yearAgo)), byCourt);
  // The country: the same period and versions, whatever courts, regions and levels were chosen.
  ReportFilters country;
  country.versions = request.versions;
  country.lang = request.lang;
  country = withSpan(country, built.periods.current);
  const auto national = engine_.summary(built.def, registry, resultsFilter(country), analytics::SummaryOptions{});
  built.minGroupSize = now.minGroupSize;
  // The national figure is published beside the rows, so the rows get the complementary
  // suppression of a by-court summary of the whole country (docs/analytics.md): otherwise the
  // nation minus the shown courts would give a hidden court away.
  analytics::SurveySummary countryByCourt = engine_.summary(built.def, registry, resultsFilter(country), byCourt);
  suppressComplementaryGroups(engine_, built.def, registry, country, countryByCourt);
  for (auto& group : now.groups) {
    const auto same = std::find_if(countryByCourt.groups.begin(), countryByCourt.groups.end(),
                                   [&](const analytics::GroupSummary& g) { return g.key == group.key; });
    if (group.suppressed || same == countryByCourt.groups.end() || !same->suppressed) continue;
    group = analytics::GroupSummary{};
    group.key = same->key;
    group.suppressed = true;
  }

  // Every court the filters cover: active ones of the registry, and any with responses now.
  const auto covered = [&](const surveys::Court& court) {
    const auto in = [](const std::vector<std::string>& list, const std::string& value) {
      return list.empty() || std::find(list.begin(), list.end(), value) != list.end();
    };
    return in(request.courts, court.code) && in(request.regions, court.region) && in(request.levels, court.level);
  };
  std::map<std::string, CourtLine> lines;
  for (const auto& court : registry) {
    if (!covered(court)) continue;
    const bool answered = std::any_of(now.groups.begin(), now.groups.end(), [&](const auto& g) { return g.key == court.code; });
    if (!court.active && !answered) continue;
    lines[court.code] = CourtLine{court.code, surveys::pick(court.name, request.lang), court.region,
                                  surveys::regionName(court.region, request.lang), court.level};
  }
  for (const auto& group : now.groups) {
    if (!lines.count(group.key) && std::none_of(registry.begin(), registry.end(), [&](const auto& c) { return c.code == group.key; })) {
      lines[group.key] = CourtLine{group.key, group.key, "", "", ""};
    }
  }
  std::vector<std::string> codes;
  for (const auto& [code, line] : lines) codes.push_back(code);
  analytics::LeagueTable table = analytics::buildLeague(codes, now, before, lastYear, national, built.overallItem);

  // Sort: suppressed rows and missing values last whatever the direction; ties by code.
  std::vector<std::size_t> order(codes.size());
  for (std::size_t i = 0; i < order.size(); ++i) order[i] = i;
  const bool desc = request.descending;
  std::stable_sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) {
    const auto& ra = table.rows[a];
    const auto& rb = table.rows[b];
    const CourtLine& la = lines[codes[a]];
    const CourtLine& lb = lines[codes[b]];
    if (sortKey == "code" || sortKey == "name" || sortKey == "region") {
      const std::string& ta = sortKey == "code" ? la.code : sortKey == "name" ? la.name : la.regionName;
      const std::string& tb = sortKey == "code" ? lb.code : sortKey == "name" ? lb.name : lb.regionName;
      if (ta != tb) return desc ? ta > tb : ta < tb;
      return la.code < lb.code;
    }
    const std::optional<double> va = ra.suppressed ? std::nullopt : sortValue(ra, sortKey);
    const std::optional<double> vb = rb.suppressed ? std::nullopt : sortValue(rb, sortKey);
    if (va.has_value() != vb.has_value()) return va.has_value();
    // value_or: both are set or neither here; gcc -O2 cannot see that vb is set when va is.
    const double xa = va.value_or(0.0);
    const double xb = vb.value_or(0.0);
    if (xa != xb) return desc ? xa > xb : xa < xb;
    return la.code < lb.code;
  });
  for (std::size_t i : order) {
    built.courts.push_back(lines[codes[i]]);
    built.table.rows.push_back(std::move(table.rows[i]));
  }
  built.table.national = std::move(table.national);
  return built;
}

std::string LeagueService::leagueJson(const std::string& surveyId, const LeagueRequest& request) {
  const Built b = build(surveyId, request);
  const std::string& lang = request.lang;
  JsonWriter out;
  out.beginObject();
  out.key("survey_id").value(b.def.id);
  out.key("version").value(b.def.version);
  out.key("language").value(lang);
  out.key("title").value(surveys::pick(b.def.title, lang));
  out.key("period").beginObject().key("key");
  if (b.periods.key.empty()) out.null(); else out.value(b.periods.key);
  out.key("from").value(b.periods.current.from.toString()).key("to").value(b.periods.current.to.toString()).endObject();
  out.key("previous");
  writeSpan(out, b.periods.previous);
  out.key("year_ago");
  writeSpan(out, b.periods.yearAgo);
  out.key("min_group_size").value(b.minGroupSize);
  out.key("sort").value((request.descending ? "-" : "") + request.sort);
  out.key("filters").raw(toJson(filtersToJson(b.filters)));
  out.key("overall_item");
  if (b.overallItem.empty()) out.null(); else out.value(b.overallItem);
  out.key("indices").beginArray();
  for (const auto& index : b.def.indices) {
    out.beginObject().key("id").value(index.id).key("name").value(surveys::pick(index.name, lang)).endObject();
  }
  out.endArray();

  const auto& nat = b.table.national;
  out.key("national").beginObject().key("suppressed").value(nat.suppressed);
  if (!nat.suppressed) {
    out.key("responses").value(nat.responses);
    out.key("indices").beginArray();
    for (const auto& index : nat.indices) {
      beginIndexJson(out, index);
      out.endObject();
    }
    out.endArray();
    writeFavourable(out, nat.favourable, nat.favourableCi, nat.favourableN);
  }
  out.endObject();

  out.key("rows").beginArray();
  for (std::size_t i = 0; i < b.table.rows.size(); ++i) {
    const auto& row = b.table.rows[i];
    const CourtLine& court = b.courts[i];
    out.beginObject();
    out.key("code").value(court.code).key("name").value(court.name).key("region").value(court.region);
    out.key("region_name").value(court.regionName).key("level").value(court.level);
    out.key("suppressed").value(row.suppressed);
    if (!row.suppressed) {
      out.key("n").value(row.responses);
      out.key("indices").beginArray();
      for (const auto& index : row.indices) {
        beginIndexJson(out, index);
        if (!index.suppressed) {
          out.key("change_previous");
          writeChange(out, index.changePrevious);
          out.key("change_year_ago");
          writeChange(out, index.changeYearAgo);
          out.key("versus_national");
          writeChange(out, index.versusRest);
          const std::string differs = differsText(index);
          out.key("differs_from_national");
          if (differs.empty()) out.null(); else out.value(differs);
        }
        out.endObject();
      }
      out.endArray();
      writeFavourable(out, row.favourable, row.favourableCi, row.favourableN);
    }
    out.endObject();
  }
  out.endArray();
  out.endObject();
  return out.take();
}

std::string LeagueService::leagueCsv(const std::string& surveyId, const LeagueRequest& request, const CsvStyle& style) {
  const Built b = build(surveyId, request);
  std::vector<std::string> header{"code", "name", "region", "region_name", "level", "n", "suppressed"};
  for (const auto& index : b.def.indices) {
    for (const char* part : {"", "_low", "_high", "_n", "_change_previous", "_change_previous_significant",
                             "_change_year_ago", "_change_year_ago_significant", "_versus_national"}) {
      header.push_back(index.id + part);
    }
  }
  for (const char* part : {"favourable_pct", "favourable_pct_low", "favourable_pct_high", "favourable_n"}) header.push_back(part);
  std::string out = kCsvBom;
  out += csvLine(header, style);

  const auto percent = [](const std::optional<double>& share) -> std::optional<double> {
    if (!share) return std::nullopt;
    return *share * 100.0;
  };
  const auto flag = [](const std::optional<analytics::MeanChange>& change) -> std::string {
    if (!change) return "";
    return change->significant ? "yes" : "no";
  };
  const auto difference = [](const std::optional<analytics::MeanChange>& change) -> std::optional<double> {
    if (!change) return std::nullopt;
    return change->difference;
  };
  for (std::size_t i = 0; i < b.table.rows.size(); ++i) {
    const auto& row = b.table.rows[i];
    const CourtLine& court = b.courts[i];
    std::vector<std::string> fields{court.code, court.name, court.region, court.regionName, court.level};
    fields.push_back(row.suppressed ? "" : std::to_string(row.responses));
    fields.push_back(row.suppressed ? "yes" : "no");
    for (std::size_t x = 0; x < b.def.indices.size(); ++x) {
      if (row.suppressed || x >= row.indices.size() || row.indices[x].suppressed) {
        fields.insert(fields.end(), 9, "");
        continue;
      }
      const auto& index = row.indices[x];
      fields.push_back(csvNumber(index.value, style, 1));
      fields.push_back(csvNumber(index.ci ? std::optional<double>(index.ci->low) : std::nullopt, style, 1));
      fields.push_back(csvNumber(index.ci ? std::optional<double>(index.ci->high) : std::nullopt, style, 1));
      fields.push_back(std::to_string(index.n));
      fields.push_back(csvNumber(difference(index.changePrevious), style, 1));
      fields.push_back(flag(index.changePrevious));
      fields.push_back(csvNumber(difference(index.changeYearAgo), style, 1));
      fields.push_back(flag(index.changeYearAgo));
      fields.push_back(differsText(index));
    }
    fields.push_back(csvNumber(percent(row.favourable), style, 1));
    fields.push_back(csvNumber(row.favourableCi ? percent(row.favourableCi->low) : std::nullopt, style, 1));
    fields.push_back(csvNumber(row.favourableCi ? percent(row.favourableCi->high) : std::nullopt, style, 1));
    fields.push_back(row.suppressed || !row.favourable ? "" : std::to_string(row.favourableN));
    out += csvLine(fields, style);
  }
  return out;
}

}  // namespace courtvoice::server
