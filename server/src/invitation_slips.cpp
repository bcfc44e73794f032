#include "courtvoice/server/invitation_slips.hpp"

#include <sstream>

#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/html_text.hpp"
#include "courtvoice/server/qr_code.hpp"
#include "courtvoice/surveys/invitation_code.hpp"

namespace courtvoice::server {
namespace {

constexpr int kSlipsPerPage = 10;

// Inline because the sheet is a file of its own (saved, opened and printed from disk).
constexpr const char* kCss = R"(
@page { size: A4; margin: 0; }
* { box-sizing: border-box; }
body { margin: 0; font-family: "DejaVu Sans", Arial, sans-serif; color: #000; background: #fff; }
.page { width: 210mm; height: 297mm; display: grid; grid-template-columns: 1fr 1fr;
        grid-template-rows: repeat(5, 1fr); page-break-after: always; break-after: page; }
.page:last-child { page-break-after: auto; break-after: auto; }
.slip { border: 0.3mm dashed #888; padding: 3mm 4mm; display: grid; grid-template-columns: 1fr 27mm;
        grid-template-rows: auto auto 1fr auto; column-gap: 3mm; overflow: hidden; }
.title { grid-column: 1 / 3; font-size: 7.5pt; line-height: 1.2; }
.title b { font-size: 8.5pt; }
.scope { grid-column: 1; font-size: 7.5pt; margin-top: 1mm; }
.code { grid-column: 1; font-family: "DejaVu Sans Mono", "Courier New", monospace; font-size: 15pt;
        font-weight: bold; letter-spacing: 0.5pt; align-self: center; white-space: nowrap; }
.qr { grid-column: 2; grid-row: 2 / 5; align-self: center; }
.qr svg { width: 27mm; height: 27mm; display: block; }
.link { grid-column: 1; font-family: "DejaVu Sans Mono", monospace; font-size: 5.5pt; word-break: break-all; }
.promise { grid-column: 1 / 3; font-size: 6pt; line-height: 1.2; color: #222; margin-top: 1mm; }
@media screen { body { background: #ddd; } .page { background: #fff; margin: 0 auto 5mm; } }
)";

constexpr const char* kPromise[][2] = {
    {"kk", "Код бір рет қолданылады және жауабыңызбен байланыстырылмайды: жауап анонимді."},
    {"ru", "Код одноразовый и не связывается с вашим ответом: ответ анонимен."},
    {"en", "The code works once and is never linked to your answers: your response is anonymous."},
};

}  // namespace

std::string invitationLink(const std::string& publicBaseUrl, const std::string& surveyId,
                           const std::string& normalisedCode) {
  return publicBaseUrl + "/s/" + surveyId + "#code=" + surveys::formatInvitationCode(normalisedCode);
}

std::string renderSlipSheet(const SlipSheet& sheet) {
  std::ostringstream html;
  html << "<!DOCTYPE html>\n<html lang=\"kk\"><head><meta charset=\"utf-8\"><title>"
       << escapeHtml(surveys::pick(sheet.title, "ru")) << " — invitations</title><style>" << kCss
       << "</style></head><body>\n";
  for (std::size_t i = 0; i < sheet.slips.size(); ++i) {
    if (i % kSlipsPerPage == 0) html << (i == 0 ? "" : "</div>\n") << "<div class=\"page\">\n";
    const Slip& slip = sheet.slips[i];
    const std::string link = invitationLink(sheet.publicBaseUrl, sheet.surveyId, slip.code);
    html << "<div class=\"slip\"><div class=\"title\">";
    for (const char* lang : {"kk", "ru", "en"}) {
      const std::string text = escapeHtml(surveys::pick(sheet.title, lang));
      html << (std::string(lang) == "kk" ? "<b>" + text + "</b>" : text) << "<br>";
    }
    html << "</div><div class=\"scope\">" << escapeHtml(slip.scope) << "</div><div class=\"code\">"
         << surveys::formatInvitationCode(slip.code) << "</div><div class=\"qr\">" << qrSvg(encodeQr(link))
         << "</div><div class=\"link\">" << escapeHtml(link) << "</div><div class=\"promise\">";
    for (const auto& promise : kPromise) html << promise[1] << "<br>";
    html << "</div></div>\n";
  }
  if (!sheet.slips.empty()) html << "</div>\n";
  html << "</body></html>\n";
  return html.str();
}

std::string invitationsCsv(const std::string& publicBaseUrl, const std::string& surveyId,
                           const std::vector<std::string>& normalisedCodes) {
  std::string out = csvLine({"code", "link"});
  for (const auto& code : normalisedCodes) {
    out += csvLine({surveys::formatInvitationCode(code), invitationLink(publicBaseUrl, surveyId, code)});
  }
  return out;
}

}  // namespace courtvoice::server
