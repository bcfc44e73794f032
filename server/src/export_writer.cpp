#include "courtvoice/server/export_writer.hpp"

#include <algorithm>

#include "courtvoice/server/json_writer.hpp"
#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {

using surveys::DomainError;
using surveys::ErrorKind;

ExportFormat parseExportFormat(const std::optional<std::string>& text, ExportFormat fallback) {
  if (!text || text->empty()) return fallback;
  if (*text == "csv") return ExportFormat::Csv;
  if (*text == "json") return ExportFormat::Json;
  throw DomainError(ErrorKind::Invalid, "invalid_format", "format must be csv or json", "format");
}

ExportLayout parseExportLayout(const std::optional<std::string>& text) {
  if (!text || text->empty() || *text == "long") return ExportLayout::Long;
  if (*text == "wide") return ExportLayout::Wide;
  throw DomainError(ErrorKind::Invalid, "invalid_layout",
                    "layout must be long (one row per answer) or wide (one row per response)", "layout");
}

TableWriter::TableWriter(std::ostream& out, ExportFormat format, CsvStyle style, std::vector<std::string> columns)
    : out_(out), format_(format), style_(style), columns_(std::move(columns)) {
  style_.lineEnd = "\r\n";  // RFC 4180, whatever the style says
  if (format_ == ExportFormat::Csv) out_ << kCsvBom << csvLine(columns_, style_);
  if (format_ == ExportFormat::Json) {
    for (const std::string& column : columns_) {
      JsonWriter key;
      key.value(column);
      jsonKeys_.push_back(key.take() + ':');
    }
  }
}

void TableWriter::appendCells(std::string& line, const std::vector<ExportCell>& cells, std::size_t first,
                              std::size_t end) const {
  for (std::size_t i = first; i < end; ++i) {
    const ExportCell* cell = i - first < cells.size() ? &cells[i - first] : nullptr;
    if (format_ == ExportFormat::Csv) {
      if (i > 0) line += style_.delimiter;
      if (cell == nullptr) continue;
      if (cell->kind == ExportCell::Kind::Text) {
        appendCsvField(line, cell->text, style_.delimiter);
      } else if (cell->kind == ExportCell::Kind::Number) {
        appendCsvNumber(line, cell->number, style_, cell->decimals);
      }
      continue;
    }
    line += i == 0 ? '{' : ',';
    line += jsonKeys_[i];
    JsonWriter value;  // the same text as one JsonWriter object for the whole row
    if (cell == nullptr || cell->kind == ExportCell::Kind::Empty) {
      value.null();
    } else if (cell->kind == ExportCell::Kind::Text) {
      value.value(cell->text);
    } else {
      value.value(std::optional<double>(cell->number));
    }
    line += value.text();
  }
}

void TableWriter::endLine() {
  if (format_ == ExportFormat::Csv) {
    line_ += style_.lineEnd;
  } else {
    line_ += columns_.empty() ? "{}\n" : "}\n";
  }
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

void TableWriter::row(const std::vector<ExportCell>& cells) {
  line_.clear();
  appendCells(line_, cells, 0, columns_.size());
  endLine();
}

void TableWriter::lead(const std::vector<ExportCell>& lead) {
  leadColumns_ = std::min(lead.size(), columns_.size());
  lead_.clear();
  appendCells(lead_, lead, 0, leadColumns_);
}

void TableWriter::rowAfterLead(const std::vector<ExportCell>& rest) {
  line_ = lead_;
  appendCells(line_, rest, leadColumns_, columns_.size());
  endLine();
}

std::string exportContentType(ExportFormat format) {
  return format == ExportFormat::Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}

std::string exportExtension(ExportFormat format) { return format == ExportFormat::Csv ? ".csv" : ".ndjson"; }

}  // namespace courtvoice::server
