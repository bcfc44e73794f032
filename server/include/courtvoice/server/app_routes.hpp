#pragma once
// The route table of docs/api.md, wired to the services. Used by the server's main and by tests.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>
#include <vector>

#include <Poco/SharedPtr.h>

#include "courtvoice/server/account_handlers.hpp"
#include "courtvoice/server/account_service.hpp"
#include "courtvoice/server/admin_service.hpp"
#include "courtvoice/server/audit_trail.hpp"
#include "courtvoice/server/export_service.hpp"
#include "courtvoice/server/comment_service.hpp"
#include "courtvoice/server/invitation_service.hpp"
#include "courtvoice/server/league_service.hpp"
#include "courtvoice/server/kpi_service.hpp"
#include "courtvoice/server/posters.hpp"
#include "courtvoice/server/rate_limited_handler.hpp"
#include "courtvoice/server/metrics.hpp"
#include "courtvoice/server/router.hpp"
#include "courtvoice/server/submission_service.hpp"
#include "courtvoice/server/summary_service.hpp"
#include "courtvoice/server/weights_service.hpp"
#include "courtvoice/server/why_service.hpp"

namespace courtvoice::server {

struct AppServices {
  SubmissionService& submission;
  AdminService& admin;
  SummaryService& summary;
  PosterService& posters;
  std::function<bool()> databaseOk;
  InvitationService* invitations = nullptr;  ///< none: no invitation routes
  LeagueService* league = nullptr;           ///< none: no league table route
  WhyService* why = nullptr;                 ///< none: no reliability, drivers or crossed routes
  ExportService* exports = nullptr;          ///< none: no export routes (responses, codebook)
  KpiService* kpis = nullptr;                ///< none: no KPI routes
  CommentService* comments = nullptr;        ///< none: no comments route
  WeightsService* weights = nullptr;         ///< none: no population-count (weights) routes
  AccountService* accounts = nullptr;        ///< required: sign-in and the role gate of every admin route
  AuditTrail* audit = nullptr;               ///< none: nothing recorded, no audit routes
  /// GET /readyz's checks beyond databaseOk; none: no /readyz route (unit tests' routers).
  std::function<std::vector<std::string>()> pendingMigrations = {};
  std::function<std::int64_t()> engineResponses = {};
  /// GET /metrics's sources (their RequestMetrics also counts every request); none: no /metrics.
  MetricsSources* metrics = nullptr;
};

struct RouteSettings {
  std::size_t maxBodyBytes = 64 * 1024;
  std::size_t maxImportBytes = 16 * 1024 * 1024;
  SessionCookieSettings sessionCookie;
  std::string webDir;
  std::string docsDir;  ///< holds openapi.json, served at /docs/openapi.json
  PublicLimits limits;  ///< on every public POST (each endpoint counts its own requests)
  bool logRequests = false;  ///< one log line per request (request_log.hpp)
};

Poco::SharedPtr<Router> buildRouter(const AppServices& services, const RouteSettings& settings);

}  // namespace courtvoice::server
