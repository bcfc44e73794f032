#pragma once
// GET /api/v1/admin/surveys/{id}/reliability, /drivers and /crossed (docs/api.md).
#include "courtvoice/server/router.hpp"
#include "courtvoice/server/why_service.hpp"

namespace courtvoice::server {

class ReliabilityHandler final : public Handler {
 public:
  explicit ReliabilityHandler(WhyService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  WhyService& service_;
};

class DriversHandler final : public Handler {
 public:
  explicit DriversHandler(WhyService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  WhyService& service_;
};

class CrossedHandler final : public Handler {
 public:
  explicit CrossedHandler(WhyService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  WhyService& service_;
};

}  // namespace courtvoice::server
