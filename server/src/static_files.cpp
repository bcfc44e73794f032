#include "courtvoice/server/static_files.hpp"

#include <algorithm>
#include <fstream>
#include <sstream>

#include <Poco/Path.h>

#include "courtvoice/server/http_error.hpp"
#include "courtvoice/server/http_util.hpp"

namespace courtvoice::server {

namespace {

bool endsWith(const std::string& text, const std::string& suffix) {
  return text.size() >= suffix.size() && text.compare(text.size() - suffix.size(), suffix.size(), suffix) == 0;
}

[[noreturn]] void throwNotFound() {
  throw HttpError(404, "not_found", "no such resource", "");
}

}  // namespace

std::optional<std::string> contentTypeFor(const std::string& fileName) {
  static const std::vector<std::pair<std::string, std::string>> kTypes = {
      {".html", "text/html; charset=utf-8"},  {".js", "text/javascript; charset=utf-8"},
      {".css", "text/css; charset=utf-8"},    {".svg", "image/svg+xml"},
      {".png", "image/png"},                  {".ico", "image/x-icon"},
      {".json", "application/json; charset=utf-8"},
  };
  for (const auto& [extension, type] : kTypes) {
    if (endsWith(fileName, extension)) return type;
  }
  return std::nullopt;
}

bool isSafeStaticName(const std::string& name) {
  if (name.empty() || name.size() > 128 || name.front() == '.') return false;
  if (name.find("..") != std::string::npos) return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '.' || c == '_' ||
           c == '-';
  });
}

void StaticFileHandler::handle(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response,
                               const PathParams& params) {
  std::string relative;
  if (!file_.empty()) {
    relative = file_;
  } else {
    const auto it = params.find("file");
    if (it == params.end() || !isSafeStaticName(it->second)) throwNotFound();
    relative = "static/" + it->second;
  }
  const auto type = contentTypeFor(relative);
  if (!type) throwNotFound();

  std::ifstream in(webDir_ + "/" + relative, std::ios::binary);
  if (!in) throwNotFound();
  std::ostringstream content;
  content << in.rdbuf();
  const std::string body = content.str();

  response.setContentType(*type);
  // Pages are revalidated each time so a new version shows at once; assets may be reused briefly.
  response.set("Cache-Control", file_.empty() ? "public, max-age=300" : "no-cache");
  if (answeredNotModified(request, response, body)) return;
  response.setStatus(Poco::Net::HTTPResponse::HTTP_OK);
  sendBody(response, body);
}

}  // namespace courtvoice::server
