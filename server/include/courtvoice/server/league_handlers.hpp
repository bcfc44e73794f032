#pragma once
// GET /api/v1/admin/surveys/{id}/league (docs/api.md, "League table").
#include "courtvoice/server/league_service.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

class LeagueHandler final : public Handler {
 public:
  explicit LeagueHandler(LeagueService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  LeagueService& service_;
};

}  // namespace courtvoice::server
