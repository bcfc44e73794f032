#pragma once
// HTTP handlers of the exports (docs/api.md, "Exports"), behind RoleGate.
#include <string>

#include <Poco/Net/HTTPServerResponse.h>

#include "courtvoice/server/csv_reply.hpp"
#include "courtvoice/server/export_service.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

/// GET /api/v1/admin/surveys/{id}/export/responses: streamed with chunked transfer encoding.
class ExportResponsesHandler final : public Handler {
 public:
  explicit ExportResponsesHandler(ExportService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  ExportService& service_;
};

/// GET /api/v1/admin/surveys/{id}/codebook
class CodebookHandler final : public Handler {
 public:
  explicit CodebookHandler(ExportService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  ExportService& service_;
};

/// Headers of a file download: Content-Type, Content-Disposition (attachment; filename="..."),
/// Cache-Control no-store.
void setDownloadHeaders(Poco::Net::HTTPServerResponse& response, const std::string& contentType,
                        const std::string& filename);

/// "courtvoice-<survey>-<what>-<today>.<ext>" (the survey id is [a-z0-9_-], safe in a header).
std::string exportFilename(const std::string& surveyId, const std::string& what, const std::string& extension);

}  // namespace courtvoice::server
