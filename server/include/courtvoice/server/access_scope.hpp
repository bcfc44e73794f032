#pragma once
// The one place that keeps every results read inside the asking account's scope (docs/api.md,
// "Scopes"): a query with no court or region filter is narrowed to the scope, a filter or
// grouping that names something outside it is refused with 403 `out_of_scope`, never answered
// with a silently empty result. Knows nothing of HTTP: it reads the principal it is given.
#include <string>
#include <vector>

#include "courtvoice/server/request_context.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/kpi_definition.hpp"

namespace courtvoice::server {

/// What a results query asks for besides its filters.
struct ScopeQuery {
  bool reportedByCourt = true;       ///< false: the survey is never reported by court (the judges)
  bool groupsByRegion = false;       ///< the reply has region groups (summary group=region, crossed region key)
  std::string groupField = "group";  ///< the query field that asked for them
};

/// True when `court` lies inside `scope` (one of its courts, or a court of one of its regions).
bool inScope(const AccessScope& scope, const surveys::Court& court);

/// Narrows `filters` to `principal`'s scope or throws DomainError(Forbidden, "out_of_scope")
/// naming the field ("court", "region", "level", "group"). `registry` is the court registry
/// (regions and levels of the courts). A country principal's filters are left as they are.
void narrowToScope(const Principal& principal, const std::vector<surveys::Court>& registry, ReportFilters& filters,
                   const ScopeQuery& query = {});

/// The same with the principal of the request being handled (request_context.hpp).
void narrowToCurrentScope(const std::vector<surveys::Court>& registry, ReportFilters& filters,
                          const ScopeQuery& query = {});

/// True when a KPI's scope lies inside the principal's: a country or court-level KPI only for a
/// country principal, a region KPI for a principal with that whole region, a court KPI for one
/// that has the court. Court managers never see a KPI of a survey not reported by court
/// (`reportedByCourt` false).
bool kpiInScope(const Principal& principal, const surveys::KpiScope& kpi, const std::vector<surveys::Court>& registry,
                bool reportedByCourt = true);

/// Throws DomainError(Forbidden, "out_of_scope", field "id") when !kpiInScope for the current request.
void requireKpiInCurrentScope(const std::string& kpiId, const surveys::KpiScope& kpi,
                              const std::vector<surveys::Court>& registry, bool reportedByCourt = true);

/// "the regions astana, almaty_city and the courts ALM-01" (at most 20 codes named): what a
/// refusal tells the account it may see.
std::string describeScope(const AccessScope& scope);

}  // namespace courtvoice::server
