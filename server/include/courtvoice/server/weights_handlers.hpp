#pragma once
// Population counts for weights (docs/api.md, "Weights"), behind the admin token:
// PUT, GET and DELETE /api/v1/admin/surveys/{id}/weights. Thin: read, call WeightsService, reply.
#include <cstddef>

#include "courtvoice/server/router.hpp"
#include "courtvoice/server/weights_service.hpp"

namespace courtvoice::server {

class WeightsHandler final : public Handler {
 public:
  enum class Action { Load, Show, Clear };
  WeightsHandler(WeightsService& service, Action action, std::size_t maxBodyBytes)
      : service_(service), action_(action), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  WeightsService& service_;
  Action action_;
  std::size_t maxBodyBytes_;
};

}  // namespace courtvoice::server
