#pragma once
// One writer for every export (API and admin CLI): a table written row by row, as CSV (UTF-8 with
// a byte order mark, RFC 4180, "\r\n", the delimiter and decimal mark of a CsvStyle) or as NDJSON
// (one JSON object per line, keyed by the column names). Nothing is held but the current row, so
// an export of any size takes the same memory.
#include <cstddef>
#include <optional>
#include <ostream>
#include <string>
#include <vector>

#include "courtvoice/server/csv.hpp"

namespace courtvoice::server {

enum class ExportFormat { Csv, Json };
enum class ExportLayout { Long, Wide };

/// Query `format` ("csv" or "json"; default csv for exports) and `layout` ("long" or "wide";
/// default long). Throw DomainError(Invalid, "invalid_format" / "invalid_layout") naming the field.
ExportFormat parseExportFormat(const std::optional<std::string>& text, ExportFormat fallback);
ExportLayout parseExportLayout(const std::optional<std::string>& text);

/// One cell: text, a number (written with the style's decimal mark in CSV, as a JSON number in
/// NDJSON) or nothing (an empty field, JSON null).
struct ExportCell {
  enum class Kind { Empty, Text, Number } kind = Kind::Empty;
  std::string text;
  double number = 0;
  int decimals = -1;  ///< as csvNumber

  static ExportCell empty() { return {}; }
  static ExportCell of(std::string value) { return {Kind::Text, std::move(value), 0, -1}; }
  static ExportCell of(std::optional<double> value, int decimals = -1) {
    if (!value) return {};
    return {Kind::Number, "", *value, decimals};
  }
  static ExportCell of(long long value) { return {Kind::Number, "", static_cast<double>(value), 0}; }
};

class TableWriter {
 public:
  /// Writes the BOM and the header line (CSV) at once; NDJSON has no header.
  TableWriter(std::ostream& out, ExportFormat format, CsvStyle style, std::vector<std::string> columns);
  /// One row; as many cells as columns (missing cells are empty).
  void row(const std::vector<ExportCell>& cells);
  /// Rows that begin with the same cells (the long layout: a response's columns before each of
  /// its answers): `lead` is formatted once, then each rowAfterLead writes it followed by `rest`
  /// (the cells of the remaining columns). The same bytes as row(lead + rest).
  void lead(const std::vector<ExportCell>& lead);
  void rowAfterLead(const std::vector<ExportCell>& rest);
  const std::vector<std::string>& columns() const { return columns_; }

 private:
  /// Appends columns [first, columns().size()) from `cells` (cells[0] is column `first`).
  void appendCells(std::string& line, const std::vector<ExportCell>& cells, std::size_t first,
                   std::size_t end) const;
  void endLine();

  std::ostream& out_;
  ExportFormat format_;
  CsvStyle style_;
  std::vector<std::string> columns_;
  std::vector<std::string> jsonKeys_;  ///< NDJSON: each column's `"name":`, made once
  std::string lead_;                   ///< lead() formatted
  std::size_t leadColumns_ = 0;
  std::string line_;  ///< reused: no allocation per row once it has grown
};

/// The Content-Type and file extension of a format: "text/csv; charset=utf-8" / ".csv",
/// "application/x-ndjson; charset=utf-8" / ".ndjson".
std::string exportContentType(ExportFormat format);
std::string exportExtension(ExportFormat format);

}  // namespace courtvoice::server
