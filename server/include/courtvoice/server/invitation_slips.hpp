#pragma once
// What is printed and handed out for a batch of invitation codes: a sheet of slips (A4, 10 a
// page, cut lines) and a CSV of code,link. Built from the codes the caller holds; the server
// never keeps them.
#include <string>
#include <vector>

#include "courtvoice/surveys/localized_text.hpp"

namespace courtvoice::server {

/// <publicBaseUrl>/s/<surveyId>#code=K7QM-X2PD-9TRH-WC4N: the code in the fragment, which the
/// browser never sends to the server (so it is in no access log), and which the page removes.
std::string invitationLink(const std::string& publicBaseUrl, const std::string& surveyId,
                           const std::string& normalisedCode);

/// One slip: the code (normalised) and who may answer with it, e.g. "ALM-SMAS-01 · <name>".
struct Slip {
  std::string code;
  std::string scope;
};

struct SlipSheet {
  std::string surveyId;
  surveys::LocalizedText title;  ///< kk, ru, en
  std::string publicBaseUrl;
  std::vector<Slip> slips;
};

/// A standalone HTML document (its CSS inside, no script, QR codes as inline SVG) that prints
/// 10 slips to an A4 page.
std::string renderSlipSheet(const SlipSheet& sheet);

/// "code,link" then one line per code (codes written with hyphens).
std::string invitationsCsv(const std::string& publicBaseUrl, const std::string& surveyId,
                           const std::vector<std::string>& normalisedCodes);

}  // namespace courtvoice::server
