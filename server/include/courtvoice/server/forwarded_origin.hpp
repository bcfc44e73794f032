#pragma once
// Where a client reached us when a reverse proxy stands in between: the scheme and host it used,
// as a trusted proxy (server.trustedProxies) reports them in X-Forwarded-Proto and
// X-Forwarded-Host. Generated links (posters, their QR codes, invitation links) start with it,
// so a poster printed from https://sot.example.kz/posters links to https://sot.example.kz/s/...
// The headers of anyone else are ignored: a client could otherwise put its own host in a link.
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <Poco/Net/HTTPServerRequest.h>

#include "courtvoice/server/ip_network.hpp"

namespace courtvoice::server {

/// Every line of header `name`, in order.
std::vector<std::string> headerValues(const Poco::Net::HTTPServerRequest& request, const std::string& name);

/// The last entry of comma-separated header lines, trimmed: what the nearest proxy wrote (one
/// further out may have appended to a value the client sent). Empty when there is none.
std::string lastHeaderEntry(const std::vector<std::string>& lines);

/// "sot.example.kz", "sot.example.kz:8443", "192.0.2.7", "[2001:db8::1]:443": a host as a link
/// may carry it; anything else (paths, user info, spaces, over 255 bytes) is not.
bool isLinkHost(std::string_view host);

/// The start of generated links: "<scheme>://<host>" from a trusted proxy's X-Forwarded-Host
/// (and X-Forwarded-Proto "http" or "https"; without it, the scheme of `configured`) when the
/// peer is trusted and the host reads as one; otherwise `configured` (server.publicBaseUrl).
std::string linkBase(bool peerTrusted, const std::vector<std::string>& forwardedProto,
                     const std::vector<std::string>& forwardedHost, const std::string& configured);
std::string linkBaseFor(const Poco::Net::HTTPServerRequest& request, const std::vector<IpNetwork>& trustedProxies,
                        const std::string& configured);

/// A trusted proxy says the client used https (X-Forwarded-Proto: https): the session cookie
/// then carries Secure although the hop from the proxy is plain HTTP.
bool forwardedHttps(const Poco::Net::HTTPServerRequest& request, const std::vector<IpNetwork>& trustedProxies);

}  // namespace courtvoice::server
