#pragma once
// The pages: fixed files for fixed paths, and /static/<name> with a strict name check.
#include <optional>
#include <string>

#include "courtvoice/server/router.hpp"

namespace courtvoice::server {

/// Content type for a file name by extension (.html .js .css .svg .png .ico .json), or nullopt
/// for anything else (not served).
std::optional<std::string> contentTypeFor(const std::string& fileName);

/// True for [A-Za-z0-9._-]+ names that do not start with '.' (so no "..", no hidden files, no
/// directories).
bool isSafeStaticName(const std::string& name);

/// Serves webDir/<file> for a fixed path ("/" -> index.html), or, with an empty `file`, the
/// path parameter "file" from webDir/static/. 404 JSON for anything missing or refused.
class StaticFileHandler final : public Handler {
 public:
  StaticFileHandler(std::string webDir, std::string file) : webDir_(std::move(webDir)), file_(std::move(file)) {}
  void handle(Poco::Net::HTTPServerRequest&, Poco::Net::HTTPServerResponse&, const PathParams&) override;

 private:
  std::string webDir_;
  std::string file_;
};

}  // namespace courtvoice::server
