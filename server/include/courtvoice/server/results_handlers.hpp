#pragma once
// The results engine's administration: what it holds, and a rebuild from the database.
#include "courtvoice/server/router.hpp"
#include "courtvoice/server/summary_service.hpp"

namespace courtvoice::server {

/// GET /api/v1/admin/results
class ResultsStatusHandler final : public Handler {
 public:
  explicit ResultsStatusHandler(SummaryService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  SummaryService& service_;
};

/// POST /api/v1/admin/results/rebuild
class RebuildResultsHandler final : public Handler {
 public:
  explicit RebuildResultsHandler(SummaryService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  SummaryService& service_;
};

}  // namespace courtvoice::server
