#pragma once
// Invitation endpoints (docs/api.md, "Invitations"). Thin: parse, call InvitationService, render.
// Codes travel only in request and response bodies, never in a URL.
#include <cstddef>
#include <vector>

#include "courtvoice/server/invitation_service.hpp"
#include "courtvoice/server/ip_network.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

/// The JSON of a batch: {"batch_id","survey_id","court","region","expires_on","created_month",
/// "issued","spent","expired"} (court or region null).
std::string invitationBatchJson(const surveys::InvitationBatch& batch);

/// POST /api/v1/surveys/{id}/invitation-check?lang=
class InvitationCheckHandler final : public Handler {
 public:
  InvitationCheckHandler(InvitationService& service, std::size_t maxBodyBytes)
      : service_(service), maxBodyBytes_(maxBodyBytes) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  InvitationService& service_;
  std::size_t maxBodyBytes_;
};

/// POST /api/v1/admin/surveys/{id}/invitations: 201 with the batch and its codes (shown once).
class CreateInvitationsHandler final : public Handler {
 public:
  /// Links start with what a trusted proxy reports (forwarded_origin.hpp).
  CreateInvitationsHandler(InvitationService& service, std::size_t maxBodyBytes, std::vector<IpNetwork> trustedProxies = {})
      : service_(service), maxBodyBytes_(maxBodyBytes), trustedProxies_(std::move(trustedProxies)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  InvitationService& service_;
  std::size_t maxBodyBytes_;
  std::vector<IpNetwork> trustedProxies_;
};

/// GET /api/v1/admin/surveys/{id}/invitations: batches with their counts.
class ListInvitationsHandler final : public Handler {
 public:
  explicit ListInvitationsHandler(InvitationService& service) : service_(service) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  InvitationService& service_;
};

/// POST /api/v1/admin/invitations/slips {"survey","codes":[...]}: the printable slip sheet, as
/// an HTML file to save and print.
class InvitationSlipsHandler final : public Handler {
 public:
  /// Links start with what a trusted proxy reports (forwarded_origin.hpp).
  InvitationSlipsHandler(InvitationService& service, std::size_t maxBodyBytes, std::vector<IpNetwork> trustedProxies = {})
      : service_(service), maxBodyBytes_(maxBodyBytes), trustedProxies_(std::move(trustedProxies)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  InvitationService& service_;
  std::size_t maxBodyBytes_;
  std::vector<IpNetwork> trustedProxies_;
};

}  // namespace courtvoice::server
