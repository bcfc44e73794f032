#pragma once
// Public poster pages: GET /posters (the list), /posters/{survey}/{court} (A4 page),
// /posters/{survey}/{court}/svg and /posters/{survey}/{court}/qr.png.
#include <string>
#include <vector>

#include "courtvoice/server/ip_network.hpp"
#include "courtvoice/server/posters.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

class PosterHandler final : public Handler {
 public:
  enum class Format { List, Html, Svg, QrPng };
  /// Links on posters start with what a trusted proxy reports (forwarded_origin.hpp).
  PosterHandler(PosterService& posters, Format format, std::vector<IpNetwork> trustedProxies = {})
      : posters_(posters), format_(format), trustedProxies_(std::move(trustedProxies)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  PosterService& posters_;
  Format format_;
  std::vector<IpNetwork> trustedProxies_;
};

}  // namespace courtvoice::server
