// Spreadsheet formula injection (issue 10): every CSV the system writes goes through csvField,
// which prefixes a text cell starting with = + - @ tab or CR with a single quote (OWASP), and
// keeps the numbers we write (-3.5) as numbers.
#include <gtest/gtest.h>

#include <sstream>

#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/export_writer.hpp"

namespace courtvoice::server {
namespace {

TEST(CsvFormula, EveryTriggerCharacterIsPrefixedWithAQuote) {
  EXPECT_EQ(csvField("=HYPERLINK(\"http://x\")"), "\"'=HYPERLINK(\"\"http://x\"\")\"");
  EXPECT_EQ(csvField("+7 701 000 00 00"), "'+7 701 000 00 00");
  EXPECT_EQ(csvField("-2+3+cmd|' /C calc'!A0"), "'-2+3+cmd|' /C calc'!A0");
  EXPECT_EQ(csvField("@SUM(A1:A9)"), "'@SUM(A1:A9)");
  EXPECT_EQ(csvField("\t=1"), "'\t=1");
  EXPECT_EQ(csvField("\r=1"), "\"'\r=1\"");  // quoted: it holds a line break
  EXPECT_EQ(csvField("-"), "'-");
  EXPECT_EQ(csvField("=1;2", ';'), "\"'=1;2\"");
}

TEST(CsvFormula, OtherTextIsUnchanged) {
  EXPECT_EQ(csvField("a=1"), "a=1");
  EXPECT_EQ(csvField(" =1"), " =1");  // starts with a space: a spreadsheet reads text
  EXPECT_EQ(csvField("Суд №1"), "Суд №1");
  EXPECT_EQ(csvField(""), "");
  EXPECT_EQ(csvField("'quoted'"), "'quoted'");
}

TEST(CsvFormula, NumbersStayNumbers) {
  // What csvNumber and std::to_string write, in both styles: a spreadsheet reads a number.
  EXPECT_EQ(csvField("-3.5"), "-3.5");
  EXPECT_EQ(csvField("-3,5", ';'), "-3,5");
  EXPECT_EQ(csvField("-3,5", ','), "\"-3,5\"");  // the comma style quotes it, no quote mark
  EXPECT_EQ(csvField("+12"), "+12");
  EXPECT_EQ(csvField("-1e-05"), "-1e-05");
  EXPECT_EQ(csvField("-.5"), "-.5");
  const CsvStyle semicolon{';', true, "\r\n"};
  EXPECT_EQ(csvLine({csvNumber(-3.5, semicolon, 1), "-x", csvNumber(-0.25, CsvStyle{})}, semicolon), "-3,5;'-x;-0.25\r\n");
  // Not numbers: prefixed.
  EXPECT_EQ(csvField("-3.5.1"), "'-3.5.1");
  EXPECT_EQ(csvField("-1e"), "'-1e");
  EXPECT_EQ(csvField("-3 5"), "'-3 5");
  EXPECT_EQ(csvField("-."), "'-.");
}

TEST(CsvFormula, ExportTextCellsAreNeutralisedAndNumberCellsAreNot) {
  std::ostringstream out;
  TableWriter writer(out, ExportFormat::Csv, CsvStyle{';', true, "\n"}, {"comment", "value", "text_value"});
  writer.row({ExportCell::of(std::string("=HYPERLINK(\"http://x\")")), ExportCell::of(std::optional<double>(-3.5)),
              ExportCell::of(std::string("-3.5"))});
  EXPECT_EQ(out.str(), std::string(kCsvBom) + "comment;value;text_value\r\n\"'=HYPERLINK(\"\"http://x\"\")\";-3,5;-3.5\r\n");
}

TEST(CsvFormula, NdjsonIsNotTouched) {
  std::ostringstream out;
  TableWriter writer(out, ExportFormat::Json, CsvStyle{}, {"comment"});
  writer.row({ExportCell::of(std::string("=1+1"))});
  EXPECT_EQ(out.str(), "{\"comment\":\"=1+1\"}\n");
}

TEST(CsvFormula, RestoreGivesBackExactlyWhatWasWritten) {
  for (const std::string value : {"=1", "'=1", "''=1", "-3.5", "'-3.5", "-x", "plain", "'", "'plain", "@", ""}) {
    const auto records = parseCsv(csvField(value));
    const std::string read = records.empty() ? "" : records[0].fields[0];
    EXPECT_EQ(restoreCsvFormula(read), value) << "written as " << csvField(value);
  }
}

TEST(CsvFormula, CourtNamesStartingWithATriggerSurviveExportAndImport) {
  const std::vector<surveys::Court> courts = {
      {"ALM-01", {{"kk", "=Алматы"}, {"ru", "-Суд"}, {"en", "@Almaty"}}, "almaty_city", "district", true}};
  const std::string csv = formatCourtsCsv(courts);
  EXPECT_NE(csv.find("'=Алматы,'-Суд,'@Almaty"), std::string::npos) << csv;
  const auto back = parseCourtsCsv(csv);
  ASSERT_EQ(back.size(), 1U);
  EXPECT_EQ(back[0].name, courts[0].name);
}

}  // namespace
}  // namespace courtvoice::server
