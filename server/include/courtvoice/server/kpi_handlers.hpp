#pragma once
// KPI endpoints (docs/api.md, "KPIs"), all behind the admin token. Thin: parse, call KpiService,
// render with kpi_json.
#include <cstddef>

#include "courtvoice/server/kpi_service.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

class KpiHandler final : public Handler {
 public:
  enum class Action { List, Create, Get, Update, Archive, History, Values };
  KpiHandler(KpiService& service, Action action, std::size_t maxBodyBytes = 64 * 1024)
      : service_(service), action_(action), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  void values(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&);

  KpiService& service_;
  Action action_;
  std::size_t maxBodyBytes_;
};

}  // namespace courtvoice::server
