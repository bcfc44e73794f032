#pragma once
// Posters that invite citizens to a court's survey: the court's name, the survey's title and
// invitation in kk/ru/en, the link and its QR code, made on the server as an A4 HTML page and an
// SVG. Knows nothing of HTTP (the handlers and the admin tool's `posters` command use it).
#include <functional>
#include <string>
#include <vector>

#include "courtvoice/server/catalog_cache.hpp"
#include "courtvoice/server/qr_code.hpp"
#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/localized_text.hpp"
#include "courtvoice/surveys/stores.hpp"

namespace courtvoice::server {

struct Poster {
  std::string surveyId;
  surveys::LocalizedText title;       ///< the survey's title
  surveys::LocalizedText invitation;  ///< the survey's intro
  surveys::Court court;
  std::string link;                   ///< <publicBaseUrl>/s/<survey>?court=<code>
  QrMatrix qr;                        ///< of `link`
};

class PosterService {
 public:
  PosterService(CatalogCache& catalog, surveys::SurveyStore& surveys, std::string publicBaseUrl);

  /// Published surveys whose audience is citizens (staff and judges are invited with codes).
  std::vector<surveys::SurveyVersionInfo> citizenSurveys();
  /// Active courts sorted by their name in `lang`.
  std::vector<surveys::Court> courts(const std::string& lang);
  /// Throws DomainError NotFound "survey_not_found" / "unknown_court", Conflict
  /// "survey_not_accepting" (nothing published) or "posters_not_used" (a staff or judge survey).
  /// `linkBase` starts the link (default: the configured server.publicBaseUrl).
  Poster poster(const std::string& surveyId, const std::string& courtCode);
  Poster poster(const std::string& surveyId, const std::string& courtCode, const std::string& linkBase);
  const std::string& publicBaseUrl() const { return publicBaseUrl_; }

 private:
  CatalogCache& catalog_;
  surveys::SurveyStore& surveys_;
  std::string publicBaseUrl_;
};

/// What a poster page puts in its <head> for style and script: links to /static/poster.css and
/// poster.js when served (the pages' Content-Security-Policy allows no inline style or script),
/// the files' contents inline when the admin tool writes a folder that must open on its own.
std::string servedPosterHead();
std::string inlinePosterHead(const std::string& webDir);

/// The A4 poster as a page that prints on one sheet (a Print button shows on screen only).
std::string posterHtml(const Poster& poster, const std::string& head);
/// The same poster as a standalone SVG document, 210 x 297 mm.
std::string posterSvg(const Poster& poster);
/// Where the list links a poster: (survey, court, "html" or "svg") -> href. The server links its
/// own pages; the admin tool links the files it writes.
using PosterLink = std::function<std::string(const std::string&, const std::string&, const std::string&)>;
/// The page listing every court with its posters, for each citizen survey; texts in `lang`.
std::string posterIndexHtml(const std::vector<surveys::SurveyVersionInfo>& surveys,
                            const std::vector<surveys::Court>& courts, const std::string& lang,
                            const PosterLink& linkFor, const std::string& head);

}  // namespace courtvoice::server
