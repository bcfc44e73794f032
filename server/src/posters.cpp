#include "courtvoice/server/posters.hpp"

#include <algorithm>
#include <array>
#include <fstream>
#include <stdexcept>
#include <sstream>

#include "courtvoice/server/html_text.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

namespace {

const std::array<const char*, 3> kLanguages = {"kk", "ru", "en"};

// Fixed words of the poster, in the order of kLanguages.
const std::array<const char*, 3> kScan = {"Телефон камерасымен QR-кодты сканерлеңіз",
                                          "Наведите камеру телефона на QR-код",
                                          "Scan the QR code with your phone's camera"};
const std::array<const char*, 3> kAnonymous = {"Аты-жөніңіз сұралмайды, жауаптар тек жалпы түрде есептеледі.",
                                               "Имя не спрашивается; ответы учитываются только в обобщённом виде.",
                                               "Your name is never asked; answers are only counted together."};

struct ListWords {
  const char* title;
  const char* intro;
  const char* court;
  const char* region;
  const char* poster;
  const char* none;
};
const ListWords& listWords(const std::string& lang) {
  static const ListWords kk{"Сот плакаттары", "Әр сотқа арналған QR-коды бар A4 плакат: басып шығарып, көрінетін жерге ілыңыз.",
                            "Сот", "Өңір", "Плакат", "Жарияланған азаматтар сауалнамасы жоқ."};
  static const ListWords ru{"Плакаты для судов", "Плакат A4 с QR-кодом для каждого суда: распечатайте и повесьте на видном месте.",
                            "Суд", "Регион", "Плакат", "Нет опубликованного опроса для граждан."};
  static const ListWords en{"Court posters", "An A4 poster with a QR code for each court: print it and put it up where visitors wait.",
                            "Court", "Region", "Poster", "No citizen survey is published."};
  return lang == "kk" ? kk : lang == "en" ? en : ru;
}

std::string text(const surveys::LocalizedText& localized, const char* lang) { return surveys::pick(localized, lang); }


}  // namespace

PosterService::PosterService(CatalogCache& catalog, surveys::SurveyStore& surveys, std::string publicBaseUrl)
    : catalog_(catalog), surveys_(surveys), publicBaseUrl_(std::move(publicBaseUrl)) {}

std::vector<surveys::SurveyVersionInfo> PosterService::citizenSurveys() {
  std::vector<surveys::SurveyVersionInfo> found;
  for (auto& info : surveys_.listVersions()) {
    if (info.status == surveys::VersionStatus::Published && info.audience == surveys::Audience::Citizen) {
      found.push_back(std::move(info));
    }
  }
  return found;
}

std::vector<surveys::Court> PosterService::courts(const std::string& lang) {
  auto list = catalog_.activeCourts();
  // Byte order of UTF-8 is code point order: close enough for Cyrillic and Latin names, and the
  // same on every machine (no locale needed on the server).
  std::stable_sort(list.begin(), list.end(), [&](const surveys::Court& a, const surveys::Court& b) {
    return surveys::pick(a.name, lang) < surveys::pick(b.name, lang);
  });
  return list;
}

Poster PosterService::poster(const std::string& surveyId, const std::string& courtCode) {
  return poster(surveyId, courtCode, publicBaseUrl_);
}

Poster PosterService::poster(const std::string& surveyId, const std::string& courtCode, const std::string& linkBase) {
  const auto def = catalog_.published(surveyId);
  if (def->audience != surveys::Audience::Citizen) {
    throw DomainError(ErrorKind::Conflict, "posters_not_used",
                      "survey " + surveyId + " is for staff or judges, who are invited with codes, not posters", "survey");
  }
  const auto courts = catalog_.activeCourts();
  const auto court = std::find_if(courts.begin(), courts.end(), [&](const auto& c) { return c.code == courtCode; });
  if (court == courts.end()) {
    throw DomainError(ErrorKind::NotFound, "unknown_court", "no active court " + courtCode, "court");
  }
  Poster poster;
  poster.surveyId = surveyId;
  poster.title = def->title;
  poster.invitation = def->intro;
  poster.court = *court;
  poster.link = linkBase + "/s/" + surveyId + "?court=" + courtCode;
  poster.qr = encodeQr(poster.link);
  return poster;
}

std::string servedPosterHead() {
  return "<link rel=\"stylesheet\" href=\"/static/poster.css\"><script src=\"/static/poster.js\" defer></script>";
}

std::string inlinePosterHead(const std::string& webDir) {
  const auto read = [&](const std::string& name) {
    std::ifstream in(webDir + "/static/" + name, std::ios::binary);
    if (!in) throw std::runtime_error("cannot read " + webDir + "/static/" + name);
    std::ostringstream content;
    content << in.rdbuf();
    return content.str();
  };
  return "<style>" + read("poster.css") + "</style><script>" + read("poster.js") + "</script>";
}

std::string posterHtml(const Poster& poster, const std::string& head) {
  std::ostringstream out;
  out << "<!doctype html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      << "<title>" << escapeHtml(text(poster.court.name, "ru")) << " — " << escapeHtml(text(poster.title, "ru"))
      << "</title>" << head << "</head><body>\n"
      << "<p class=\"screen-only\"><button type=\"button\" id=\"print\">Басып шығару / Печать / Print</button></p>\n"
      << "<main class=\"sheet\">\n<header>";
  for (const char* lang : kLanguages) {
    out << "<p class=\"court court-" << lang << "\" lang=\"" << lang << "\">" << escapeHtml(text(poster.court.name, lang))
        << "</p>";
  }
  out << "</header>\n<section class=\"titles\">";
  for (const char* lang : kLanguages) {
    out << "<h1 lang=\"" << lang << "\">" << escapeHtml(text(poster.title, lang)) << "</h1>";
  }
  out << "</section>\n<section class=\"invitation\">";
  for (const char* lang : kLanguages) {
    out << "<p lang=\"" << lang << "\">" << escapeHtml(text(poster.invitation, lang)) << "</p>";
  }
  out << "</section>\n<figure class=\"qr\">" << qrSvg(poster.qr) << "<figcaption>";
  for (std::size_t i = 0; i < kLanguages.size(); ++i) {
    out << "<span lang=\"" << kLanguages[i] << "\">" << kScan[i] << "</span>";
  }
  out << "</figcaption></figure>\n<p class=\"link\">" << escapeHtml(poster.link) << "</p>\n<footer>";
  for (std::size_t i = 0; i < kLanguages.size(); ++i) {
    out << "<p lang=\"" << kLanguages[i] << "\">" << kAnonymous[i] << "</p>";
  }
  out << "</footer>\n</main>\n</body></html>\n";
  return out.str();
}

namespace {

// Lines of text centred at x = 105 mm from `y` down; returns the y below the last line.
double svgLines(std::ostringstream& out, const std::string& textValue, double y, double size, std::size_t maxChars,
                const char* attributes) {
  for (const auto& line : wrapWords(textValue, maxChars)) {
    y += size * 1.25;
    out << "<text x=\"105\" y=\"" << y << "\" font-size=\"" << size << "\" " << attributes << ">" << escapeHtml(line)
        << "</text>";
  }
  return y;
}

}  // namespace

std::string posterSvg(const Poster& poster) {
  std::ostringstream out;
  out << "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      << "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"210mm\" height=\"297mm\" viewBox=\"0 0 210 297\" "
      << "font-family=\"DejaVu Sans, Arial, sans-serif\" text-anchor=\"middle\">\n"
      << "<rect width=\"210\" height=\"297\" fill=\"#fff\"/>\n<rect x=\"8\" y=\"8\" width=\"194\" height=\"281\" "
      << "fill=\"none\" stroke=\"#1f4e79\" stroke-width=\"1.2\"/>\n";
  // Character counts per line are set for the font sizes (about 0.55 em per character).
  double y = 14;
  y = svgLines(out, text(poster.court.name, "kk"), y, 7, 42, "font-weight=\"bold\" fill=\"#1f4e79\"");
  y = svgLines(out, text(poster.court.name, "ru"), y, 5.5, 54, "fill=\"#1f4e79\"");
  y = svgLines(out, text(poster.court.name, "en"), y, 5.5, 54, "fill=\"#1f4e79\"");
  y += 5;
  for (const char* lang : kLanguages) y = svgLines(out, text(poster.title, lang), y, 6.5, 46, "font-weight=\"bold\"");
  y += 3;
  for (const char* lang : kLanguages) y = svgLines(out, text(poster.invitation, lang), y, 3.6, 90, "fill=\"#333\"");
  // The QR code fills what is left above the link and the footer, at most 120 mm.
  const double footerTop = 297 - 44;
  const double qrSize = std::min(120.0, footerTop - (y + 6) - 8);
  out << "<svg x=\"" << (210 - qrSize) / 2 << "\" y=\"" << y + 6 << "\" width=\"" << qrSize << "\" height=\"" << qrSize
      << "\"" << qrSvg(poster.qr).substr(4) << "\n";
  y = footerTop - 4;
  for (const char* scan : kScan) y = svgLines(out, scan, y, 3.6, 90, "fill=\"#000\"");
  y = svgLines(out, poster.link, y + 1, 4.2, 200, "font-family=\"DejaVu Sans Mono, monospace\"");
  for (const char* line : kAnonymous) y = svgLines(out, line, y + 0.5, 3, 110, "fill=\"#555\"");
  out << "</svg>\n";
  return out.str();
}

std::string posterIndexHtml(const std::vector<surveys::SurveyVersionInfo>& surveyList,
                            const std::vector<surveys::Court>& courts, const std::string& lang,
                            const PosterLink& linkFor, const std::string& head) {
  const auto& words = listWords(lang);
  std::ostringstream out;
  out << "<!doctype html>\n<html lang=\"" << escapeHtml(lang) << "\"><head><meta charset=\"utf-8\">"
      << "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>" << words.title
      << "</title>" << head << "</head><body class=\"poster-list\"><main>\n"
      << "<nav class=\"langs\">";
  for (const char* other : kLanguages) out << "<a href=\"?lang=" << other << "\" hreflang=\"" << other << "\">" << other << "</a> ";
  out << "</nav>\n<h1>" << words.title << "</h1><p>" << words.intro << "</p>\n";
  if (surveyList.empty()) out << "<p class=\"empty\">" << words.none << "</p>\n";
  for (const auto& survey : surveyList) {
    out << "<h2>" << escapeHtml(surveys::pick(survey.title, lang)) << "</h2>\n<table class=\"posters\" data-survey=\""
        << escapeHtml(survey.surveyId) << "\"><thead><tr><th>" << words.court << "</th><th>" << words.region
        << "</th><th>" << words.poster << "</th></tr></thead><tbody>\n";
    for (const auto& court : courts) {
      out << "<tr data-court=\"" << escapeHtml(court.code) << "\"><td>" << escapeHtml(surveys::pick(court.name, lang))
          << " <small>" << escapeHtml(court.code) << "</small></td><td>" << escapeHtml(court.region) << "</td><td><a href=\""
          << escapeHtml(linkFor(survey.surveyId, court.code, "html")) << "\">A4</a> · <a href=\""
          << escapeHtml(linkFor(survey.surveyId, court.code, "svg")) << "\">SVG</a></td></tr>\n";
    }
    out << "</tbody></table>\n";
  }
  out << "</main></body></html>\n";
  return out.str();
}

}  // namespace courtvoice::server
