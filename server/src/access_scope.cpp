#include "courtvoice/server/access_scope.hpp"

#include <algorithm>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

constexpr std::size_t kNamedCodes = 20;  // a refusal names at most this many codes

bool contains(const std::vector<std::string>& list, const std::string& value) {
  return std::find(list.begin(), list.end(), value) != list.end();
}

const surveys::Court* findCourt(const std::vector<surveys::Court>& registry, const std::string& code) {
  const auto found = std::find_if(registry.begin(), registry.end(), [&](const surveys::Court& c) { return c.code == code; });
  return found == registry.end() ? nullptr : &*found;
}

std::string joined(const std::vector<std::string>& codes, std::size_t& budget) {
  std::string text;
  std::size_t shown = 0;
  for (const std::string& code : codes) {
    if (shown == budget) {
      text += " and " + std::to_string(codes.size() - shown) + " more";
      break;
    }
    text += (shown == 0 ? "" : ", ") + code;
    ++shown;
  }
  budget -= shown;
  return text;
}

[[noreturn]] void refuse(const AccessScope& scope, const std::string& what, const std::string& field) {
  throw DomainError(ErrorKind::Forbidden, "out_of_scope", what + "; this account may see " + describeScope(scope), field);
}

}  // namespace

std::string describeScope(const AccessScope& scope) {
  if (scope.country) return "the whole country";
  std::size_t budget = kNamedCodes;
  std::string text;
  if (!scope.regions.empty()) {
    text = (scope.regions.size() == 1 ? "the region " : "the regions ") + joined(scope.regions, budget);
  }
  if (!scope.courts.empty()) {
    text += (text.empty() ? "" : " and ") + std::string(scope.courts.size() == 1 ? "the court " : "the courts ") +
            joined(scope.courts, budget);
  }
  return text.empty() ? "nothing" : text;
}

bool inScope(const AccessScope& scope, const surveys::Court& court) {
  return scope.country || contains(scope.courts, court.code) || contains(scope.regions, court.region);
}

void narrowToScope(const Principal& principal, const std::vector<surveys::Court>& registry, ReportFilters& filters,
                   const ScopeQuery& query) {
  const AccessScope& scope = principal.scope;
  if (scope.country) return;
  // A court manager's account is made for their own courts: the answers of a survey never
  // reported by court (the judges') cannot be narrowed to them at all (docs/api.md, "Scopes").
  if (principal.role == "court_manager" && !query.reportedByCourt) {
    refuse(scope, "this survey is never reported by court, so a court manager's account cannot read it", "court");
  }
  for (const std::string& code : filters.courts) {
    const surveys::Court* court = findCourt(registry, code);
    if (court == nullptr || !inScope(scope, *court)) refuse(scope, "the court " + code + " is outside this account's scope", "court");
  }
  for (const std::string& region : filters.regions) {
    if (contains(scope.regions, region)) continue;
    const bool some = std::any_of(scope.courts.begin(), scope.courts.end(), [&](const std::string& code) {
      const surveys::Court* court = findCourt(registry, code);
      return court != nullptr && court->region == region;
    });
    refuse(scope,
           some ? "this account has only some courts of the region " + region + ", not the whole region: filter by court"
                : "the region " + region + " is outside this account's scope",
           "region");
  }
  const bool narrowedByCourts = filters.courts.empty() && filters.regions.empty() && !scope.courts.empty();
  if (filters.courts.empty() && filters.regions.empty()) {
    if (scope.courts.empty()) {
      filters.regions = scope.regions;  // whole regions: the region filter covers them exactly
    } else if (!query.reportedByCourt) {
      refuse(scope, "this survey is never reported by court and this account sees courts: filter by one of its regions",
             "court");
    } else {
      // Courts, or courts and regions: the filters AND across kinds, so the scope becomes one
      // list of courts (those of its regions, expanded from the registry, and its own courts).
      for (const surveys::Court& court : registry) {
        if (inScope(scope, court)) filters.courts.push_back(court.code);
      }
      for (const std::string& code : scope.courts) {
        if (!contains(filters.courts, code)) filters.courts.push_back(code);  // not (yet) in the registry
      }
      std::sort(filters.courts.begin(), filters.courts.end());
    }
  }
  for (const std::string& level : filters.levels) {
    // A level none of the scope's courts has would be a silently empty report.
    const bool any = std::any_of(registry.begin(), registry.end(), [&](const surveys::Court& court) {
      return court.level == level && inScope(scope, court) &&
             (filters.courts.empty() || contains(filters.courts, court.code)) &&
             (filters.regions.empty() || contains(filters.regions, court.region));
    });
    if (!any) refuse(scope, "no court of level " + level + " is inside this account's scope", "level");
  }
  // A region group made of some of a region's courts would carry the region's name over a
  // figure that is not the region's.
  if (query.groupsByRegion && narrowedByCourts) {
    refuse(scope, "this account sees courts, not whole regions: group by court or level instead", query.groupField);
  }
  if (filters.courts.empty() && filters.regions.empty()) refuse(scope, "this account's scope is empty", "court");
}

void narrowToCurrentScope(const std::vector<surveys::Court>& registry, ReportFilters& filters, const ScopeQuery& query) {
  narrowToScope(currentRequest().principal, registry, filters, query);
}

bool kpiInScope(const Principal& principal, const surveys::KpiScope& kpi, const std::vector<surveys::Court>& registry,
                bool reportedByCourt) {
  const AccessScope& scope = principal.scope;
  if (scope.country) return true;
  if (principal.role == "court_manager" && !reportedByCourt) return false;
  switch (kpi.kind) {
    case surveys::KpiScopeKind::Country:
    case surveys::KpiScopeKind::Level: return false;  // figures over courts of the whole country
    case surveys::KpiScopeKind::Region: return contains(scope.regions, kpi.code);
    case surveys::KpiScopeKind::Court: {
      const surveys::Court* court = findCourt(registry, kpi.code);
      return court != nullptr ? inScope(scope, *court) : contains(scope.courts, kpi.code);
    }
  }
  return false;
}

void requireKpiInCurrentScope(const std::string& kpiId, const surveys::KpiScope& kpi,
                              const std::vector<surveys::Court>& registry, bool reportedByCourt) {
  const Principal& principal = currentRequest().principal;
  if (!kpiInScope(principal, kpi, registry, reportedByCourt)) {
    refuse(principal.scope, "the KPI " + kpiId + " measures a scope outside this account's", "id");
  }
}

}  // namespace courtvoice::server
