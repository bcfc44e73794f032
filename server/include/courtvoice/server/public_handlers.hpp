#pragma once
// Endpoints respondents and kiosks use. Thin: parse, call a service, render.
#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <Poco/JSON/Object.h>

#include "courtvoice/server/router.hpp"
#include "courtvoice/server/submission_service.hpp"

namespace courtvoice::server {

/// A court as the public API shows it: {"code", "name"}, the name in `lang`, or {kk, ru, en}
/// without one (the court list, the invitation check).
Poco::JSON::Object::Ptr courtNameJson(const surveys::Court& court, const std::optional<std::string>& lang);

/// GET /healthz: 200 when the database answers, else 503.
class HealthHandler final : public Handler {
 public:
  explicit HealthHandler(std::function<bool()> databaseOk) : databaseOk_(std::move(databaseOk)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  std::function<bool()> databaseOk_;
};

/// What GET /readyz checks: the database answers, no migration is pending, the results engine is
/// built (the server listens only once it is; the probe gives its size).
struct ReadinessProbes {
  std::function<bool()> databaseOk;
  std::function<std::vector<std::string>()> pendingMigrations;  ///< file names not yet applied; may throw
  std::function<std::int64_t()> engineResponses;                 ///< responses the engine holds
};

/// GET /readyz: 200 when ready to serve, else 503 naming what is not.
class ReadyHandler final : public Handler {
 public:
  explicit ReadyHandler(ReadinessProbes probes) : probes_(std::move(probes)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  ReadinessProbes probes_;
};

/// GET /api/v1/surveys/{id}?lang=
class GetSurveyHandler final : public Handler {
 public:
  explicit GetSurveyHandler(SubmissionService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  SubmissionService& service_;
};

/// GET /api/v1/courts?lang=
class ListCourtsHandler final : public Handler {
 public:
  explicit ListCourtsHandler(SubmissionService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  SubmissionService& service_;
};

/// GET /api/v1/regions?lang=: the regions' codes and names (reference data, no store).
class ListRegionsHandler final : public Handler {
 public:
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;
};

/// POST /api/v1/surveys/{id}/responses
class SubmitResponseHandler final : public Handler {
 public:
  SubmitResponseHandler(SubmissionService& service, std::size_t maxBodyBytes)
      : service_(service), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  SubmissionService& service_;
  std::size_t maxBodyBytes_;
};

}  // namespace courtvoice::server
