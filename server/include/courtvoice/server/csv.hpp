#pragma once
// CSV as the admin tool reads and writes it (RFC 4180), with errors that name the line and the
// column, so that a clerk can find a mistake in a spreadsheet.
#include <cstddef>
#include <map>
#include <optional>
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
/// "unterminated_quote") naming the line where the open quote starts. `delimiter` ';' reads
/// what spreadsheets in a Russian or Kazakh locale save as CSV.
std::vector<CsvRecord> parseCsv(std::string_view text, char delimiter = ',');

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

/// How exported CSV is written. Spreadsheets in a Russian or Kazakh locale expect ';' between
/// fields and a decimal comma; with commas they open the file as one column. Exports start with a
/// UTF-8 byte order mark (kCsvBom) so that spreadsheets read the text as UTF-8.
struct CsvStyle {
  char delimiter = ',';
  bool decimalComma = false;
  const char* lineEnd = "\n";  ///< exports for spreadsheets use "\r\n" (RFC 4180)
};
inline constexpr const char* kCsvBom = "\xEF\xBB\xBF";

/// The style an export asks for: query `sep` is "comma" or "semicolon"; without it, semicolon
/// (and decimal comma) for lang kk and ru, comma for en. Throws DomainError(Invalid,
/// "invalid_separator", field "sep") for another value.
CsvStyle csvStyleFor(const std::optional<std::string>& sep, const std::string& lang);

/// True for the text of a plain number as csvNumber or std::to_string write it: an optional sign,
/// digits with at most one '.' or ',' among them, an optional exponent ("-3.5", "-3,5", "1e-05").
bool isCsvNumber(std::string_view text);

/// A text cell made safe for spreadsheets (OWASP "CSV injection"): a cell starting with '=', '+',
/// '-', '@', a tab or a carriage return is prefixed with a single quote, so that a spreadsheet
/// shows it as text instead of running it as a formula (`=HYPERLINK(...)`). A cell that is a
/// plain number (isCsvNumber: "-3.5") is kept: a spreadsheet reads it as a number, never a formula.
std::string neutraliseCsvFormula(const std::string& value);

/// The inverse for files the system reads back that it wrote itself (courts): one leading single
/// quote is dropped when single quotes and then one of the characters above start the text.
/// (A text starting with quotes and such a character is written with one quote more.)
std::string restoreCsvFormula(const std::string& value);

/// One value as a CSV field: neutralised (neutraliseCsvFormula), then quoted when it holds the
/// delimiter, a quote or a line break. Every CSV the system writes goes through here.
std::string csvField(const std::string& value, char delimiter = ',');
/// csvField appended to `out` (the exports' rows: no string per field).
void appendCsvField(std::string& out, std::string_view value, char delimiter);

/// Fields joined by the style's delimiter (each through csvField), ended by its line end.
std::string csvLine(const std::vector<std::string>& fields, const CsvStyle& style = {});

/// A number as a CSV field: "" when absent or not finite; `decimals` >= 0 fixes the digits after
/// the point, -1 gives up to 15 significant digits; a decimal comma in the comma style's stead.
std::string csvNumber(std::optional<double> value, const CsvStyle& style, int decimals = -1);
/// csvNumber appended to `out`.
void appendCsvNumber(std::string& out, std::optional<double> value, const CsvStyle& style, int decimals = -1);

}  // namespace courtvoice::server
