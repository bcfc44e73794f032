#pragma once
// The court registry's input forms: JSON (admin API) and CSV (admin tool), checked the same way.
#include <string>
#include <vector>

#include "courtvoice/surveys/court.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

/// Court levels the registry knows.
inline const std::vector<std::string> kCourtLevels = {"district", "specialised", "regional", "cassation", "supreme"};

/// Kazakhstan's region codes (surveys::kazakhstanRegions(), the codes of
/// surveys/templates/regions.csv).
std::vector<std::string> regionCodes();
bool isRegion(const std::string& code);

/// The columns of the courts CSV, in the order export writes them.
inline const std::vector<std::string> kCourtCsvColumns = {"code", "name_kk", "name_ru", "name_en",
                                                          "region", "level", "active"};

/// Problems with one court: code [A-Z0-9_-]{1,32}, a name in kk, ru and en (at most 255
/// characters each), a region of regionCodes(), a level of kCourtLevels. `prefix` starts each field
/// name (e.g. "[2]." or "line 5: ").
std::vector<surveys::ValidationError> validateCourt(const surveys::Court& court, const std::string& prefix = "");

/// Parses CSV with the header code,name_kk,name_ru,name_en,region,level,active (any order; RFC
/// 4180 quoting, UTF-8, optional BOM; active is 1/0/true/false/yes/no). Every line is checked:
/// throws DomainError(Invalid) with every problem (at most kMaxCsvErrors), each field named
/// "line N: column" (a code used twice in the file, an unknown column, ...).
std::vector<surveys::Court> parseCourtsCsv(const std::string& text);

/// The courts as CSV with the kCourtCsvColumns header, one line per court in the given order
/// (active written true/false): what parseCourtsCsv reads back to the same courts.
std::string formatCourtsCsv(const std::vector<surveys::Court>& courts);

/// Parses the body of POST /api/v1/admin/courts: one court object or an array of them. Throws
/// DomainError(Invalid) with every problem, fields like "[2].name.kk" (or "name.kk" for one object).
std::vector<surveys::Court> parseCourtsJson(const std::string& text);

}  // namespace courtvoice::server
