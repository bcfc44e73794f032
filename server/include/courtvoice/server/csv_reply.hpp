#pragma once
// Replies that are CSV files (docs/api.md, "CSV"): which form a report was asked for, and how
// the file is sent.
#include <optional>
#include <string>

#include <Poco/Net/HTTPServerResponse.h>

#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/http_util.hpp"

namespace courtvoice::server {

/// The CSV style when query `format` is "csv", nullopt for "json" or no format (with `sep` read
/// through csvStyleFor for `lang`). Throws DomainError(Invalid, "invalid_format", field "format").
std::optional<CsvStyle> csvFormatParam(const QueryParams& query, const std::string& lang);

/// Sends `body` (BOM included) as text/csv; charset=utf-8, an attachment named `filename`.
void sendCsv(Poco::Net::HTTPServerResponse& response, const std::string& filename, const std::string& body);

}  // namespace courtvoice::server
