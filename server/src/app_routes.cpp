#include "courtvoice/server/app_routes.hpp"

#include "courtvoice/server/account_handlers.hpp"
#include "courtvoice/server/admin_handlers.hpp"
#include "courtvoice/server/audit_handlers.hpp"
#include "courtvoice/server/export_handlers.hpp"
#include "courtvoice/server/comment_handlers.hpp"
#include "courtvoice/server/invitation_handlers.hpp"
#include "courtvoice/server/league_handlers.hpp"
#include "courtvoice/server/kpi_handlers.hpp"
#include "courtvoice/server/poster_handlers.hpp"
#include "courtvoice/server/public_handlers.hpp"
#include "courtvoice/server/results_handlers.hpp"
#include "courtvoice/server/static_files.hpp"
#include "courtvoice/server/weights_handlers.hpp"
#include "courtvoice/server/why_handlers.hpp"

namespace courtvoice::server {

Poco::SharedPtr<Router> buildRouter(const AppServices& services, const RouteSettings& settings) {
  if (services.accounts == nullptr) throw std::invalid_argument("buildRouter needs the account service");
  AccountService& accounts = *services.accounts;
  Poco::SharedPtr<Router> router = new Router();
  router->setRequestLog(settings.logRequests);
  // Every administration route passes the role gate (route_permissions.hpp says who may call it).
  const auto admin = [&](std::shared_ptr<Handler> inner) { return std::make_shared<RoleGate>(accounts, std::move(inner)); };

  router->add("GET", "/healthz", std::make_shared<HealthHandler>(services.databaseOk));
  if (services.pendingMigrations && services.engineResponses) {
    router->add("GET", "/readyz", std::make_shared<ReadyHandler>(ReadinessProbes{services.databaseOk, services.pendingMigrations,
                                                                                 services.engineResponses}));
  }
  router->add("GET", "/api/v1/surveys/{id}", std::make_shared<GetSurveyHandler>(services.submission));
  router->add("GET", "/api/v1/courts", std::make_shared<ListCourtsHandler>(services.submission));
  router->add("GET", "/api/v1/regions", std::make_shared<ListRegionsHandler>());
  router->add("POST", "/api/v1/surveys/{id}/responses",
              std::make_shared<SubmitResponseHandler>(services.submission, settings.maxBodyBytes));

  router->add("GET", "/api/v1/admin/surveys", admin(std::make_shared<ListSurveysHandler>(services.admin)));
  router->add("POST", "/api/v1/admin/surveys",
              admin(std::make_shared<CreateSurveyHandler>(services.admin, settings.maxImportBytes)));
  router->add("GET", "/api/v1/admin/surveys/{id}/versions/{v}", admin(std::make_shared<GetVersionHandler>(services.admin)));
  router->add("PUT", "/api/v1/admin/surveys/{id}/versions/{v}",
              admin(std::make_shared<UpdateDraftHandler>(services.admin, settings.maxImportBytes)));
  router->add("GET", "/api/v1/admin/surveys/{id}/versions/{v}/diff",
              admin(std::make_shared<VersionDiffHandler>(services.admin)));
  router->add("POST", "/api/v1/admin/surveys/{id}/versions/{v}/publish",
              admin(std::make_shared<PublishHandler>(services.admin)));
  router->add("POST", "/api/v1/admin/surveys/{id}/versions/{v}/archive",
              admin(std::make_shared<ArchiveHandler>(services.admin)));
  router->add("POST", "/api/v1/admin/surveys/{id}/close", admin(std::make_shared<CloseHandler>(services.admin)));
  router->add("POST", "/api/v1/admin/courts",
              admin(std::make_shared<UpsertCourtsHandler>(services.admin, settings.maxImportBytes)));
  router->add("POST", "/api/v1/admin/surveys/{id}/responses/import",
              admin(std::make_shared<ImportResponsesHandler>(services.admin, settings.maxImportBytes)));
  router->add("GET", "/api/v1/admin/surveys/{id}/summary", admin(std::make_shared<SummaryHandler>(services.summary)));
  router->add("GET", "/api/v1/admin/surveys/{id}/trend", admin(std::make_shared<TrendHandler>(services.summary)));
  if (services.league != nullptr) {
    router->add("GET", "/api/v1/admin/surveys/{id}/league", admin(std::make_shared<LeagueHandler>(*services.league)));
  }
  if (services.why != nullptr) {
    router->add("GET", "/api/v1/admin/surveys/{id}/reliability", admin(std::make_shared<ReliabilityHandler>(*services.why)));
    router->add("GET", "/api/v1/admin/surveys/{id}/drivers", admin(std::make_shared<DriversHandler>(*services.why)));
    router->add("GET", "/api/v1/admin/surveys/{id}/crossed", admin(std::make_shared<CrossedHandler>(*services.why)));
  }
  if (services.exports != nullptr) {
    router->add("GET", "/api/v1/admin/surveys/{id}/export/responses",
                admin(std::make_shared<ExportResponsesHandler>(*services.exports)));
    router->add("GET", "/api/v1/admin/surveys/{id}/codebook", admin(std::make_shared<CodebookHandler>(*services.exports)));
  }
  if (services.comments != nullptr) {
    router->add("GET", "/api/v1/admin/surveys/{id}/comments",
                admin(std::make_shared<CommentsHandler>(*services.comments)));
  }
  if (services.weights != nullptr) {
    using Weights = WeightsHandler::Action;
    const auto weights = [&](Weights action) {
      return admin(std::make_shared<WeightsHandler>(*services.weights, action, settings.maxImportBytes));
    };
    router->add("PUT", "/api/v1/admin/surveys/{id}/weights", weights(Weights::Load));
    router->add("GET", "/api/v1/admin/surveys/{id}/weights", weights(Weights::Show));
    router->add("DELETE", "/api/v1/admin/surveys/{id}/weights", weights(Weights::Clear));
  }
  router->add("GET", "/api/v1/admin/results", admin(std::make_shared<ResultsStatusHandler>(services.summary)));
  router->add("POST", "/api/v1/admin/results/rebuild", admin(std::make_shared<RebuildResultsHandler>(services.summary)));

  // Accounts and sign-in (docs/api.md, "Accounts and sign-in").
  using Session = SessionHandler::Action;
  router->add("POST", "/api/v1/session",
              std::make_shared<SessionHandler>(accounts, Session::Login, settings.sessionCookie, settings.limits.trustedProxies,
                                               settings.maxBodyBytes));
  router->add("DELETE", "/api/v1/session",
              std::make_shared<SessionHandler>(accounts, Session::Logout, settings.sessionCookie, settings.limits.trustedProxies,
                                               settings.maxBodyBytes));
  router->add("GET", "/api/v1/admin/me", admin(std::make_shared<MeHandler>(accounts)));
  using Acc = AccountsHandler::Action;
  const auto account = [&](Acc action) { return admin(std::make_shared<AccountsHandler>(accounts, action, settings.maxBodyBytes)); };
  router->add("GET", "/api/v1/admin/accounts", account(Acc::List));
  router->add("POST", "/api/v1/admin/accounts", account(Acc::Create));
  router->add("GET", "/api/v1/admin/accounts/{name}", account(Acc::Get));
  router->add("PATCH", "/api/v1/admin/accounts/{name}", account(Acc::Update));
  router->add("GET", "/api/v1/admin/accounts/{name}/tokens", account(Acc::ListTokens));
  router->add("POST", "/api/v1/admin/accounts/{name}/tokens", account(Acc::CreateToken));
  router->add("DELETE", "/api/v1/admin/accounts/{name}/tokens/{id}", account(Acc::RevokeToken));
  router->add("GET", "/login", std::make_shared<StaticFileHandler>(settings.webDir, "login.html"));

  // Posters are public: a court clerk prints them without an admin token.
  using Shown = PosterHandler::Format;
  const auto poster = [&](Shown format) {
    return std::make_shared<PosterHandler>(services.posters, format, settings.limits.trustedProxies);
  };
  router->add("GET", "/posters", poster(Shown::List));
  router->add("GET", "/posters/{survey}/{court}", poster(Shown::Html));
  router->add("GET", "/posters/{survey}/{court}/svg", poster(Shown::Svg));
  router->add("GET", "/posters/{survey}/{court}/qr.png", poster(Shown::QrPng));

  if (services.invitations != nullptr) {
    InvitationService& invitations = *services.invitations;
    router->add("POST", "/api/v1/surveys/{id}/invitation-check",
                std::make_shared<InvitationCheckHandler>(invitations, settings.maxBodyBytes));
    router->add("POST", "/api/v1/admin/surveys/{id}/invitations",
                admin(std::make_shared<CreateInvitationsHandler>(invitations, settings.maxBodyBytes,
                                                                 settings.limits.trustedProxies)));
    router->add("GET", "/api/v1/admin/surveys/{id}/invitations",
                admin(std::make_shared<ListInvitationsHandler>(invitations)));
    router->add("POST", "/api/v1/admin/invitations/slips",
                admin(std::make_shared<InvitationSlipsHandler>(invitations, settings.maxImportBytes,
                                                               settings.limits.trustedProxies)));
    router->add("GET", "/admin/invitations", std::make_shared<StaticFileHandler>(settings.webDir, "invitations.html"));
  }

  if (services.kpis != nullptr) {
    using Kpi = KpiHandler::Action;
    const auto kpi = [&](Kpi action) { return admin(std::make_shared<KpiHandler>(*services.kpis, action, settings.maxBodyBytes)); };
    // "values" before "{id}": the first matching route answers (and "values" is not a KPI id).
    router->add("GET", "/api/v1/admin/kpis/values", kpi(Kpi::Values));
    router->add("GET", "/api/v1/admin/kpis", kpi(Kpi::List));
    router->add("POST", "/api/v1/admin/kpis", kpi(Kpi::Create));
    router->add("GET", "/api/v1/admin/kpis/{id}", kpi(Kpi::Get));
    router->add("PUT", "/api/v1/admin/kpis/{id}", kpi(Kpi::Update));
    router->add("DELETE", "/api/v1/admin/kpis/{id}", kpi(Kpi::Archive));
    router->add("GET", "/api/v1/admin/kpis/{id}/history", kpi(Kpi::History));
    router->add("GET", "/dashboard/kpi", std::make_shared<StaticFileHandler>(settings.webDir, "kpi.html"));
  }

  if (services.metrics != nullptr) {
    router->setMetrics(services.metrics->requests);
    router->add("GET", "/metrics", admin(std::make_shared<MetricsHandler>(*services.metrics)));
  }

  if (services.audit != nullptr) {
    router->add("GET", "/api/v1/admin/audit", admin(std::make_shared<AuditListHandler>(services.audit->store())));
    router->add("GET", "/admin/audit", std::make_shared<StaticFileHandler>(settings.webDir, "audit.html"));
  }

  router->add("GET", "/", std::make_shared<StaticFileHandler>(settings.webDir, "index.html"));
  router->add("GET", "/s/{surveyId}", std::make_shared<StaticFileHandler>(settings.webDir, "survey.html"));
  router->add("GET", "/dashboard", std::make_shared<StaticFileHandler>(settings.webDir, "dashboard.html"));
  router->add("GET", "/dashboard/report", std::make_shared<StaticFileHandler>(settings.webDir, "report.html"));
  router->add("GET", "/kiosk", std::make_shared<StaticFileHandler>(settings.webDir, "kiosk.html"));
  router->add("GET", "/static/{file}", std::make_shared<StaticFileHandler>(settings.webDir, ""));
  // The API reference is public: the OpenAPI document and a page that renders it (docs/api.md, "Pages").
  router->add("GET", "/docs/api", std::make_shared<StaticFileHandler>(settings.webDir, "api-docs.html"));
  router->add("GET", "/docs/openapi.json", std::make_shared<StaticFileHandler>(settings.docsDir, "openapi.json"));

  // Every public POST (under /api/v1/surveys/: responses, invitation checks) is rate limited: a
  // client over its limit gets 429 before its body is read. Wrapped after the table so that every
  // route above is covered; each endpoint gets a limiter of its own.
  if (settings.limits.enabled) {
    static const SteadyClock steadyClock;
    router->wrap("POST", "/api/v1/surveys/", [&settings](std::shared_ptr<Handler> inner) -> std::shared_ptr<Handler> {
      return std::make_shared<RateLimitedHandler>(settings.limits, steadyClock, std::move(inner));
    });
  }
  // Every administrative request, read or change, is recorded with its outcome (docs/api.md
  // "Audit"). Wrapped last, around RoleGate, so that refused requests are recorded too, and over
  // every method so that a route added later is covered without a line of its own.
  if (services.audit != nullptr) {
    AuditTrail& trail = *services.audit;
    const auto audited = [&trail](std::shared_ptr<Handler> inner) -> std::shared_ptr<Handler> {
      return std::make_shared<AuditedHandler>(trail, std::move(inner));
    };
    for (const char* method : {"GET", "POST", "PUT", "DELETE", "PATCH"}) router->wrap(method, "/api/v1/admin/", audited);
    // Sign-ins (failed ones too, with the account name tried) and sign-outs.
    for (const char* method : {"POST", "DELETE"}) router->wrap(method, "/api/v1/session", audited);
  }
  return router;
}

}  // namespace courtvoice::server
