#pragma once
// CSV as the admin tool reads and writes it (RFC 4180), with errors that name the line and the
// column, so that a clerk can find a mistake in a spreadsheet.
#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

/// At most this many problems are listed for one file: enough to fix it in a few rounds.
inline constexpr std::size_t kMaxCsvErrors = 100;

struct CsvRecord {
  std::size_t line = 0;  ///< 1-based line where the record starts (the header is line 1)
  std::vector<std::string> fields;
};

/// Splits RFC 4180 text: fields separated by commas, optionally in double quotes ("" inside is
/// a quote, quoted fields may span lines), records ended by LF or CRLF. A leading UTF-8 byte
/// order mark is dropped and blank lines are skipped. Throws DomainError(Invalid,
/// "unterminated_quote") naming the line where the open quote starts.
std::vector<CsvRecord> parseCsv(std::string_view text);

/// The name of a place in a file for ValidationError::field: "line 5: level" (or "line 5").
std::string csvPlace(std::size_t line, const std::string& column = "");

/// Reads a header line (column names trimmed and lower-cased) into name -> position. Appends an
/// error for an empty or repeated name, a column not in `known` (unless `known` is empty) and a
/// column of `required` that is missing. A header that holds semicolons but no comma is reported
/// as such: spreadsheets with a Russian locale save "CSV" with ';' between columns.
std::map<std::string, std::size_t> readCsvHeader(const CsvRecord& header, const std::vector<std::string>& known,
                                                 const std::vector<std::string>& required,
                                                 std::vector<surveys::ValidationError>& errors);

/// True when the record has `width` fields; otherwise appends an error naming the line and
/// returns false.
bool checkCsvWidth(const CsvRecord& record, std::size_t width, std::vector<surveys::ValidationError>& errors);

/// Appends `error` while fewer than kMaxCsvErrors are listed; the next one becomes a single
/// note that more problems were left out, and false is returned: the caller may stop checking.
bool addCsvError(std::vector<surveys::ValidationError>& errors, surveys::ValidationError error);

/// Text without leading and trailing spaces, tabs and carriage returns.
std::string trimCsv(std::string_view text);

/// One value as a CSV field: quoted when it holds a comma, a quote or a line break.
std::string csvField(const std::string& value);

/// Fields joined by commas (each through csvField), ended by "\n".
std::string csvLine(const std::vector<std::string>& fields);

}  // namespace courtvoice::server
