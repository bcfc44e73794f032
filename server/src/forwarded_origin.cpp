#include "courtvoice/server/forwarded_origin.hpp"

#include <Poco/String.h>

namespace courtvoice::server {

namespace {

const std::string kForwardedProto = "X-Forwarded-Proto";
const std::string kForwardedHost = "X-Forwarded-Host";

bool peerTrusted(const Poco::Net::HTTPServerRequest& request, const std::vector<IpNetwork>& trustedProxies) {
  const auto peer = parseIpAddress(request.clientAddress().host().toString());
  return peer && anyContains(trustedProxies, *peer);
}

bool isDigits(std::string_view text) {
  return !text.empty() && text.find_first_not_of("0123456789") == std::string_view::npos;
}

// ":443" after a host, or nothing.
bool isPortSuffix(std::string_view rest) { return rest.empty() || (rest[0] == ':' && rest.size() <= 6 && isDigits(rest.substr(1))); }

}  // namespace

std::vector<std::string> headerValues(const Poco::Net::HTTPServerRequest& request, const std::string& name) {
  std::vector<std::string> values;
  for (auto it = request.find(name); it != request.end() && Poco::icompare(it->first, name) == 0; ++it) {
    values.push_back(it->second);
  }
  return values;
}

std::string lastHeaderEntry(const std::vector<std::string>& lines) {
  if (lines.empty()) return "";
  const std::string& last = lines.back();
  const auto comma = last.rfind(',');
  return Poco::trim(comma == std::string::npos ? last : last.substr(comma + 1));
}

bool isLinkHost(std::string_view host) {
  if (host.empty() || host.size() > 255) return false;
  if (host[0] == '[') {
    const auto close = host.find(']');
    if (close == std::string_view::npos || close < 3) return false;
    const std::string_view inside = host.substr(1, close - 1);
    if (inside.find_first_not_of("0123456789abcdefABCDEF:.") != std::string_view::npos) return false;
    return isPortSuffix(host.substr(close + 1));
  }
  const auto colon = host.find(':');
  const std::string_view name = host.substr(0, colon);
  if (name.empty() || name.front() == '.' || name.front() == '-') return false;
  if (name.find_first_not_of("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789.-") != std::string_view::npos) {
    return false;
  }
  return isPortSuffix(colon == std::string_view::npos ? std::string_view{} : host.substr(colon));
}

std::string linkBase(bool peerTrusted, const std::vector<std::string>& forwardedProto,
                     const std::vector<std::string>& forwardedHost, const std::string& configured) {
  if (!peerTrusted) return configured;
  const std::string host = lastHeaderEntry(forwardedHost);
  if (!isLinkHost(host)) return configured;
  std::string scheme = Poco::toLower(lastHeaderEntry(forwardedProto));
  if (scheme != "http" && scheme != "https") scheme = configured.rfind("https://", 0) == 0 ? "https" : "http";
  return scheme + "://" + host;
}

std::string linkBaseFor(const Poco::Net::HTTPServerRequest& request, const std::vector<IpNetwork>& trustedProxies,
                        const std::string& configured) {
  if (trustedProxies.empty()) return configured;
  return linkBase(peerTrusted(request, trustedProxies), headerValues(request, kForwardedProto),
                  headerValues(request, kForwardedHost), configured);
}

bool forwardedHttps(const Poco::Net::HTTPServerRequest& request, const std::vector<IpNetwork>& trustedProxies) {
  return !trustedProxies.empty() && peerTrusted(request, trustedProxies) &&
         Poco::icompare(lastHeaderEntry(headerValues(request, kForwardedProto)), std::string("https")) == 0;
}

}  // namespace courtvoice::server
