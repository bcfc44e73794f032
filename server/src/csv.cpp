#include "courtvoice/server/csv.hpp"

#include <algorithm>
#include <cctype>
#include <cmath>
#include <cstdio>

#include "courtvoice/surveys/json_text.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ValidationError;

std::vector<CsvRecord> parseCsv(std::string_view text) {
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
      const std::size_t end = std::min(text.find_first_of(",\n", i), text.size());
      field.append(text.substr(i, end - i));
      i = end;
      if (!field.empty() && field.back() == '\r') field.pop_back();
      record.fields.push_back(field);
      if (i >= text.size()) {
        endOfRecord = true;
      } else if (text[i] == ',') {
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

std::string csvField(const std::string& value, char delimiter) {
  const char special[] = {delimiter, '"', '\n', '\r', '\0'};
  if (value.find_first_of(special) == std::string::npos) return value;
  std::string quoted = "\"";
  for (char c : value) {
    if (c == '"') quoted += '"';
    quoted += c;
  }
  return quoted + "\"";
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
  if (!value || !std::isfinite(*value)) return "";
  char buffer[64];
  if (decimals >= 0) {
    std::snprintf(buffer, sizeof buffer, "%.*f", decimals, *value);
  } else {
    std::snprintf(buffer, sizeof buffer, "%.15g", *value);
  }
  std::string text = buffer;
  // A negative value rounded to zero reads "-0.0": write it as zero.
  if (text[0] == '-' && text.find_first_not_of("-0.") == std::string::npos) text.erase(0, 1);
  if (style.decimalComma) std::replace(text.begin(), text.end(), '.', ',');
  return text;
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
