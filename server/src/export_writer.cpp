#include "courtvoice/server/export_writer.hpp"

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
}

void TableWriter::row(const std::vector<ExportCell>& cells) {
  line_.clear();
  if (format_ == ExportFormat::Csv) {
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      if (i > 0) line_ += style_.delimiter;
      if (i >= cells.size()) continue;
      const ExportCell& cell = cells[i];
      if (cell.kind == ExportCell::Kind::Text) {
        line_ += csvField(cell.text, style_.delimiter);
      } else if (cell.kind == ExportCell::Kind::Number) {
        line_ += csvNumber(cell.number, style_, cell.decimals);
      }
    }
    line_ += style_.lineEnd;
  } else {
    JsonWriter json;
    json.beginObject();
    for (std::size_t i = 0; i < columns_.size(); ++i) {
      json.key(columns_[i]);
      if (i >= cells.size() || cells[i].kind == ExportCell::Kind::Empty) {
        json.null();
      } else if (cells[i].kind == ExportCell::Kind::Text) {
        json.value(cells[i].text);
      } else {
        json.value(std::optional<double>(cells[i].number));
      }
    }
    json.endObject();
    line_ = json.take();
    line_ += '\n';
  }
  out_.write(line_.data(), static_cast<std::streamsize>(line_.size()));
}

std::string exportContentType(ExportFormat format) {
  return format == ExportFormat::Csv ? "text/csv; charset=utf-8" : "application/x-ndjson; charset=utf-8";
}

std::string exportExtension(ExportFormat format) { return format == ExportFormat::Csv ? ".csv" : ".ndjson"; }

}  // namespace courtvoice::server
