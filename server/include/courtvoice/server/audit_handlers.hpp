#pragma once
// GET /api/v1/admin/audit: the audit trail, newest first, filtered and paged (docs/api.md "Audit").
#include "courtvoice/server/router.hpp"
#include "courtvoice/surveys/audit_log.hpp"

namespace courtvoice::server {

class AuditListHandler final : public Handler {
 public:
  explicit AuditListHandler(surveys::AuditStore& store) : store_(store) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  surveys::AuditStore& store_;
};

}  // namespace courtvoice::server
