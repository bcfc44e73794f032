#pragma once
// The demo's KPIs (courtvoice-admin demo): the strategy's three public-confidence KPIs.
#include <ostream>

#include "courtvoice/server/kpi_service.hpp"

namespace courtvoice::server {

/// Defines the demo's three KPIs unless they exist (idempotent): citizens' overall satisfaction
/// (% favourable on court_user's `overall`) and the fairness index (`fairness_index`), quarterly
/// from a 2025-Q4 baseline; staff engagement (`engagement_index_v2` of court_staff), yearly from
/// a 2025 baseline (staff answer once a year). Baselines are computed from the data; yearly
/// milestones 2026-2028 and the 2029 target are planned from them. Prints what it did.
void loadDemoKpis(KpiService& service, std::ostream& out);

}  // namespace courtvoice::server
