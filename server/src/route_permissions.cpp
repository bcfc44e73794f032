#include "courtvoice/server/route_permissions.hpp"

#include <map>
#include <utility>

#include "courtvoice/server/account_service.hpp"

namespace courtvoice::server {

namespace {

using Key = std::pair<std::string, std::string>;

const std::map<Key, RoutePermission>& table() {
  const std::vector<std::string> admin = {kRoleAdministrator};
  const std::vector<std::string> everyone = allRoles();
  const std::vector<std::string> analysts = {kRoleAdministrator, kRoleAnalyst};
  const std::vector<std::string> managers = {kRoleAdministrator, kRoleAnalyst, kRoleCourtManager};
  const std::string s = "/api/v1/admin/surveys/{id}";
  static const std::map<Key, RoutePermission> kTable = {
      {{"GET", "/api/v1/admin/me"}, {everyone}},
      // The list of surveys (ids, titles, status) is what every role's pages choose from.
      {{"GET", "/api/v1/admin/surveys"}, {everyone}},
      {{"POST", "/api/v1/admin/surveys"}, {admin}},
      {{"GET", s + "/versions/{v}"}, {admin}},
      {{"PUT", s + "/versions/{v}"}, {admin}},
      {{"GET", s + "/versions/{v}/diff"}, {admin}},
      {{"POST", s + "/versions/{v}/publish"}, {admin}},
      {{"POST", s + "/versions/{v}/archive"}, {admin}},
      {{"POST", s + "/close"}, {admin}},
      {{"POST", "/api/v1/admin/courts"}, {admin}},
      {{"POST", s + "/responses/import"}, {admin}},
      {{"GET", s + "/summary"}, {everyone, false, true}},
      {{"GET", s + "/trend"}, {everyone, false, true}},
      {{"GET", s + "/league"}, {managers}},
      {{"GET", s + "/reliability"}, {analysts}},
      {{"GET", s + "/drivers"}, {analysts}},
      {{"GET", s + "/crossed"}, {analysts}},
      {{"GET", s + "/export/responses"}, {analysts}},
      {{"GET", s + "/codebook"}, {analysts}},
      {{"GET", s + "/comments"}, {analysts}},
      {{"GET", "/api/v1/admin/results"}, {admin}},
      {{"POST", "/api/v1/admin/results/rebuild"}, {admin}},
      {{"POST", s + "/invitations"}, {admin}},
      {{"GET", s + "/invitations"}, {admin}},
      {{"POST", "/api/v1/admin/invitations/slips"}, {admin}},
      {{"GET", "/api/v1/admin/kpis/values"}, {everyone}},
      {{"GET", "/api/v1/admin/kpis"}, {analysts}},
      {{"POST", "/api/v1/admin/kpis"}, {analysts, true}},
      {{"GET", "/api/v1/admin/kpis/{id}"}, {analysts}},
      {{"PUT", "/api/v1/admin/kpis/{id}"}, {analysts, true}},
      {{"DELETE", "/api/v1/admin/kpis/{id}"}, {analysts, true}},
      {{"GET", "/api/v1/admin/kpis/{id}/history"}, {analysts}},
      {{"GET", "/api/v1/admin/accounts"}, {admin}},
      {{"POST", "/api/v1/admin/accounts"}, {admin}},
      {{"GET", "/api/v1/admin/accounts/{name}"}, {admin}},
      {{"PATCH", "/api/v1/admin/accounts/{name}"}, {admin}},
      {{"GET", "/api/v1/admin/accounts/{name}/tokens"}, {admin}},
      {{"POST", "/api/v1/admin/accounts/{name}/tokens"}, {admin}},
      {{"DELETE", "/api/v1/admin/accounts/{name}/tokens/{id}"}, {admin}},
      // Population counts change every weighted figure: loaded by administrators, read by analysts.
      {{"PUT", s + "/weights"}, {admin}},
      {{"GET", s + "/weights"}, {analysts}},
      {{"DELETE", s + "/weights"}, {admin}},
      // The audit trail: administrators only.
      {{"GET", "/api/v1/admin/audit"}, {admin}},
      // Operations' metrics (a scraper uses an administrator's API token); not audited.
      {{"GET", "/metrics"}, {admin}},
  };
  return kTable;
}

}  // namespace

std::optional<RoutePermission> routePermission(const std::string& method, const std::string& routeTemplate) {
  const auto it = table().find({method == "HEAD" ? "GET" : method, routeTemplate});  // HEAD reads as GET does
  if (it == table().end()) return std::nullopt;
  return it->second;
}

std::string whatRoleMayDo(const std::string& role) {
  if (role == kRoleAdministrator) return "an administrator may use every administration call";
  if (role == kRoleAnalyst) {
    return "an analyst may read results, comments, exports and KPIs within their scope (and change KPIs with the "
           "country scope)";
  }
  if (role == kRoleCourtManager) {
    return "a court manager may read the summary, trend, league table and KPI values of their own courts";
  }
  if (role == kRoleViewer) return "a viewer may read the printable report: summary, trend and KPI values";
  return "no role";
}

}  // namespace courtvoice::server
