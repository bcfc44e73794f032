#pragma once
// Which roles may call which route (docs/api.md, "Roles"): one table, keyed by method and route
// template. A route under /api/v1/admin/ without an entry is refused to everyone (and the role
// matrix test fails), so a new route cannot open by accident.
#include <optional>
#include <string>
#include <vector>

namespace courtvoice::server {

struct RoutePermission {
  std::vector<std::string> roles;       ///< who may call it
  bool analystNeedsCountry = false;     ///< KPI changes: an analyst only with the country scope
  bool csvIsExport = false;             ///< format=csv is an export: analysts and administrators only
};

std::optional<RoutePermission> routePermission(const std::string& method, const std::string& routeTemplate);

/// For 403 messages: what the role may do, in a sentence.
std::string whatRoleMayDo(const std::string& role);

}  // namespace courtvoice::server
