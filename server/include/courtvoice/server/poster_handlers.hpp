#pragma once
// Public poster pages: GET /posters (the list), /posters/{survey}/{court} (A4 page),
// /posters/{survey}/{court}/svg and /posters/{survey}/{court}/qr.png.
#include <string>

#include "courtvoice/server/posters.hpp"
#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

class PosterHandler final : public Handler {
 public:
  enum class Format { List, Html, Svg, QrPng };
  PosterHandler(PosterService& posters, Format format) : posters_(posters), format_(format) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  PosterService& posters_;
  Format format_;
};

}  // namespace courtvoice::server
