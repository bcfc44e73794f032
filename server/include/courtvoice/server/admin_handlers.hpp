#pragma once
// Administration endpoints. Each is wrapped in RoleGate (account_handlers.hpp), which checks the
// credentials and the role before anything else (the body is not even read without them).
#include <cstddef>
#include <memory>
#include <string>

#include "courtvoice/server/admin_service.hpp"
#include "courtvoice/server/router.hpp"
#include "courtvoice/server/summary_service.hpp"

namespace courtvoice::server {

/// GET /api/v1/admin/surveys
class ListSurveysHandler final : public Handler {
 public:
  explicit ListSurveysHandler(AdminService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
};

/// POST /api/v1/admin/surveys
class CreateSurveyHandler final : public Handler {
 public:
  CreateSurveyHandler(AdminService& service, std::size_t maxBodyBytes) : service_(service), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
  std::size_t maxBodyBytes_;
};

/// GET /api/v1/admin/surveys/{id}/versions/{v}
class GetVersionHandler final : public Handler {
 public:
  explicit GetVersionHandler(AdminService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
};

/// POST /api/v1/admin/surveys/{id}/versions/{v}/publish
class PublishHandler final : public Handler {
 public:
  explicit PublishHandler(AdminService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
};

/// PUT /api/v1/admin/surveys/{id}/versions/{v}: replaces a draft's definition.
class UpdateDraftHandler final : public Handler {
 public:
  UpdateDraftHandler(AdminService& service, std::size_t maxBodyBytes) : service_(service), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
  std::size_t maxBodyBytes_;
};

/// POST /api/v1/admin/surveys/{id}/versions/{v}/archive
class ArchiveHandler final : public Handler {
 public:
  explicit ArchiveHandler(AdminService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
};

/// GET /api/v1/admin/surveys/{id}/versions/{v}/diff
class VersionDiffHandler final : public Handler {
 public:
  explicit VersionDiffHandler(AdminService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
};

/// POST /api/v1/admin/surveys/{id}/close
class CloseHandler final : public Handler {
 public:
  explicit CloseHandler(AdminService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
};

/// POST /api/v1/admin/courts
class UpsertCourtsHandler final : public Handler {
 public:
  UpsertCourtsHandler(AdminService& service, std::size_t maxBodyBytes) : service_(service), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
  std::size_t maxBodyBytes_;
};

/// POST /api/v1/admin/surveys/{id}/responses/import
class ImportResponsesHandler final : public Handler {
 public:
  ImportResponsesHandler(AdminService& service, std::size_t maxBodyBytes)
      : service_(service), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  AdminService& service_;
  std::size_t maxBodyBytes_;
};

/// GET /api/v1/admin/surveys/{id}/summary
class SummaryHandler final : public Handler {
 public:
  explicit SummaryHandler(SummaryService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  SummaryService& service_;
};

/// GET /api/v1/admin/surveys/{id}/trend
class TrendHandler final : public Handler {
 public:
  explicit TrendHandler(SummaryService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  SummaryService& service_;
};

}  // namespace courtvoice::server
