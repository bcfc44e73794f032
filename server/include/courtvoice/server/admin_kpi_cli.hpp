#pragma once
// courtvoice-admin kpi list|show|set|history|values: KPIs from the command line, through the same
// KpiService as the API (docs/api.md, "KPIs").
#include <functional>
#include <ostream>
#include <stdexcept>
#include <string>
#include <vector>

#include "courtvoice/server/kpi_service.hpp"

namespace courtvoice::server {

/// A mistake in how `kpi` was called (the tool exits 64 and shows the help).
class KpiUsageError : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

/// The help text of the kpi subcommand.
extern const char* const kKpiCliHelp;

/// Runs `kpi OPERANDS...`: list | show ID | set FILE.json | history ID | values. `user` names who
/// makes a change (--by, else $USER); `readFile` reads set's file. Prints to `out`; returns 0.
/// Throws KpiUsageError, or DomainError from the service.
int runKpiCli(const std::vector<std::string>& operands, KpiService& service, const std::string& user,
              const std::function<std::string(const std::string&)>& readFile, std::ostream& out);

}  // namespace courtvoice::server
