#include "courtvoice/server/csv.hpp"

#include <algorithm>
#include <charconv>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "courtvoice/surveys/json_text.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ValidationError;

std::vector<CsvRecord> parseCsv(std::string_view text, char delimiter) {
  std::vector<CsvRecord> records;
  std::size_t i = 0;
  std::size_t line = 1;
  if (text.substr(0, 3) == "\xEF\xBB\xBF") i = 3;  // UTF-8 byte order mark from spreadsheet tools
  while (i < text.size()) {
    CsvRecord record;
    record.line = line;
    std::string field;
    bool endOfRecord = false;
    while (!endOfRecord) {
      field.clear();
      if (i < text.size() && text[i] == '"') {
        ++i;
        while (true) {
          if (i >= text.size()) {
            throw DomainError({{"unterminated_quote", "a quoted field is not closed", csvPlace(record.line)}});
          }
          if (text[i] == '"') {
            if (i + 1 < text.size() && text[i + 1] == '"') {
              field += '"';
              i += 2;
              continue;
            }
            ++i;
            break;
          }
          if (text[i] == '\n') ++line;
          field += text[i++];
        }
      }
      // Unquoted text, or anything between a closing quote and the separator (kept, lenient).
      const char stops[] = {delimiter, '\n', '\0'};
      const std::size_t end = std::min(text.find_first_of(stops, i), text.size());
      field.append(text.substr(i, end - i));
      i = end;
      if (!field.empty() && field.back() == '\r') field.pop_back();
      record.fields.push_back(field);
      if (i >= text.size()) {
        endOfRecord = true;
      } else if (text[i] == delimiter) {
        ++i;
      } else {  // '\n'
        ++i;
        ++line;
        endOfRecord = true;
      }
    }
    const bool blank = record.fields.size() == 1 && trimCsv(record.fields[0]).empty();
    if (!blank) records.push_back(std::move(record));
  }
  return records;
}

std::string csvPlace(std::size_t line, const std::string& column) {
  return "line " + std::to_string(line) + (column.empty() ? "" : ": " + column);
}

std::map<std::string, std::size_t> readCsvHeader(const CsvRecord& header, const std::vector<std::string>& known,
                                                 const std::vector<std::string>& required,
                                                 std::vector<ValidationError>& errors) {
  std::map<std::string, std::size_t> columns;
  if (header.fields.size() == 1 && header.fields[0].find(';') != std::string::npos) {
    addCsvError(errors, {"wrong_separator",
                         "the columns are separated by ';': save the file as comma-separated CSV (UTF-8)",
                         csvPlace(header.line)});
    return columns;
  }
  for (std::size_t i = 0; i < header.fields.size(); ++i) {
    std::string name = trimCsv(header.fields[i]);
    std::transform(name.begin(), name.end(), name.begin(),
                   [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
    if (name.empty()) {
      addCsvError(errors, {"empty_column", "column " + std::to_string(i + 1) + " has no name", csvPlace(header.line)});
    } else if (!known.empty() && std::find(known.begin(), known.end(), name) == known.end()) {
      // The name is quoted as text (\xff for a byte that is not UTF-8): the reply stays valid JSON.
      const std::string shown = surveys::printableText(name);
      addCsvError(errors, {"unknown_column", "there is no column \"" + shown + "\"", csvPlace(header.line, shown)});
    } else if (!columns.emplace(name, i).second) {
      addCsvError(errors, {"duplicate_column", "the column appears twice", csvPlace(header.line, name)});
    }
  }
  for (const auto& name : required) {
    if (!columns.contains(name)) {
      addCsvError(errors, {"missing_column", "the header lacks the column " + name, csvPlace(header.line, name)});
    }
  }
  return columns;
}

bool checkCsvWidth(const CsvRecord& record, std::size_t width, std::vector<ValidationError>& errors) {
  if (record.fields.size() == width) return true;
  addCsvError(errors, {"column_count",
                       "expected " + std::to_string(width) + " columns, found " + std::to_string(record.fields.size()),
                       csvPlace(record.line, "columns")});
  return false;
}

bool addCsvError(std::vector<ValidationError>& errors, ValidationError error) {
  if (errors.size() < kMaxCsvErrors) {
    errors.push_back(std::move(error));
    return true;
  }
  if (errors.size() == kMaxCsvErrors) {
    errors.push_back({"too_many_errors",
                      "more than " + std::to_string(kMaxCsvErrors) + " problems: only the first " +
                          std::to_string(kMaxCsvErrors) + " are listed",
                      ""});
  }
  return false;
}

std::string trimCsv(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return "";
  const auto last = text.find_last_not_of(" \t\r");
  return std::string(text.substr(first, last - first + 1));
}

namespace {

bool startsFormula(std::string_view text) {
  if (text.empty()) return false;
  switch (text.front()) {
    case '=': case '+': case '-': case '@': case '\t': case '\r': return true;
    default: return false;
  }
}

bool allDigits(std::string_view text) {
  return !text.empty() && std::all_of(text.begin(), text.end(), [](unsigned char c) { return std::isdigit(c) != 0; });
}

// The quote count before a formula character, or npos when the text is no formula.
std::size_t formulaQuotes(std::string_view value) {
  const auto quotes = std::min(value.find_first_not_of('\''), value.size());
  return startsFormula(value.substr(quotes)) ? quotes : std::string_view::npos;
}

}  // namespace

bool isCsvNumber(std::string_view text) {
  if (!text.empty() && (text.front() == '-' || text.front() == '+')) text.remove_prefix(1);
  const auto e = text.find_first_of("eE");
  if (e != std::string_view::npos) {
    std::string_view exponent = text.substr(e + 1);
    if (!exponent.empty() && (exponent.front() == '-' || exponent.front() == '+')) exponent.remove_prefix(1);
    if (!allDigits(exponent)) return false;
    text = text.substr(0, e);
  }
  const auto point = text.find_first_of(".,");
  if (point == std::string_view::npos) return allDigits(text);
  const std::string_view whole = text.substr(0, point);
  const std::string_view fraction = text.substr(point + 1);
  return (whole.empty() || allDigits(whole)) && (fraction.empty() || allDigits(fraction)) &&
         !(whole.empty() && fraction.empty());
}

// Leading quotes are looked through, so that a text that itself starts with "'=" gets one more
// quote and restoreCsvFormula gives back exactly what was written.
std::string neutraliseCsvFormula(const std::string& value) {
  const auto quotes = formulaQuotes(value);
  if (quotes == std::string_view::npos || (quotes == 0 && isCsvNumber(value))) return value;
  return "'" + value;
}

std::string restoreCsvFormula(const std::string& value) {
  const auto quotes = formulaQuotes(value);
  if (quotes == 0 || quotes == std::string_view::npos) return value;
  return value.substr(1);
}

std::string csvField(const std::string& value, char delimiter) {
  std::string field;
  appendCsvField(field, value, delimiter);
  return field;
}

// The one writer of a text cell in every CSV the system makes: a cell that a spreadsheet would
// run as a formula gets a leading quote, then RFC 4180 quoting when needed.
void appendCsvField(std::string& out, std::string_view raw, char delimiter) {
  const auto quotes = formulaQuotes(raw);
  const bool neutralise = quotes != std::string_view::npos && !(quotes == 0 && isCsvNumber(raw));
  const char special[] = {delimiter, '"', '\n', '\r'};
  const bool quote = raw.find_first_of(std::string_view(special, sizeof special)) != std::string_view::npos;
  if (!quote) {
    if (neutralise) out += '\'';
    out += raw;
    return;
  }
  out += '"';
  if (neutralise) out += '\'';
  for (char c : raw) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
}

std::string csvLine(const std::vector<std::string>& fields, const CsvStyle& style) {
  std::string line;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) line += style.delimiter;
    line += csvField(fields[i], style.delimiter);
  }
  return line + style.lineEnd;
}

std::string csvNumber(std::optional<double> value, const CsvStyle& style, int decimals) {
  std::string text;
  appendCsvNumber(text, value, style, decimals);
  return text;
}

void appendCsvNumber(std::string& out, std::optional<double> value, const CsvStyle& style, int decimals) {
  if (!value || !std::isfinite(*value)) return;
  // Whole numbers (codes, counts: most cells of an export) skip printf: with 15 significant
  // digits or 0 decimals a whole number below 1e15 prints as its digits ("-0" as "0").
  if (decimals <= 0 && std::abs(*value) < 1e15 && *value == std::trunc(*value)) {
    char digits[24];
    out.append(digits, std::to_chars(digits, digits + sizeof digits, static_cast<long long>(*value)).ptr);
    return;
  }
  char buffer[64];
  if (decimals >= 0) {
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, *value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.15g", *value);
  }
  std::string_view text = buffer;
  // A negative value rounded to zero reads "-0.0": write it as zero.
  if (text[0] == '-' && text.find_first_not_of("-0.") == std::string_view::npos) text.remove_prefix(1);
  const std::size_t start = out.size();
  out += text;
  if (style.decimalComma) std::replace(out.begin() + static_cast<std::ptrdiff_t>(start), out.end(), '.', ',');
}

CsvStyle csvStyleFor(const std::optional<std::string>& sep, const std::string& lang) {
  CsvStyle style;
  const std::string chosen = sep ? *sep : (lang == "en" ? "comma" : "semicolon");
  if (chosen == "semicolon") {
    style.delimiter = ';';
    style.decimalComma = true;
  } else if (chosen != "comma") {
    throw surveys::DomainError(surveys::ErrorKind::Invalid, "invalid_separator",
                               "sep is comma (comma between fields, decimal point) or semicolon (semicolon "
                               "between fields, decimal comma: spreadsheets in a Russian or Kazakh locale)",
                               "sep");
  }
  return style;
}

}  // namespace courtvoice::server
