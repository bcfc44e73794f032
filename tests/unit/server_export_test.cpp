// The export writers: CSV (BOM, RFC 4180, "\r\n", semicolon and decimal comma for ru/kk) and
// NDJSON; the responses in long and wide layout with their filters; the summary as CSV; the
// codebook. Expected values are worked out by hand from the answers each test stores.
#include <gtest/gtest.h>

#include <sstream>

#include <Poco/JSON/Parser.h>

#include "courtvoice/server/export_reports.hpp"
#include "courtvoice/server/export_service.hpp"
#include "courtvoice/server/response_export.hpp"
#include "server_fixtures.hpp"

namespace courtvoice::server {
namespace {

using testing::ServiceFixture;

Poco::JSON::Object::Ptr parse(const std::string& json) {
  Poco::JSON::Parser parser;
  return parser.parse(json).extract<Poco::JSON::Object::Ptr>();
}

std::vector<std::string> lines(const std::string& text) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start < text.size()) {
    const auto end = text.find("\r\n", start);
    out.push_back(text.substr(start, end - start));
    if (end == std::string::npos) break;
    start = end + 2;
  }
  return out;
}

const std::string kExportSurvey = R"({
  "id": "exp", "audience": "citizen", "languages": ["kk", "ru", "en"], "min_group_size": 5,
  "title": {"kk": "Экспорт", "ru": "Экспорт", "en": "Export"},
  "items": [
    {"id": "sat", "type": "agreement5", "dimension": "overall", "non_answers": ["dont_know"],
     "text": {"kk": "Қанағаттандым.", "ru": "Я доволен; всё хорошо.", "en": "I am satisfied."}},
    {"id": "how", "type": "multiple_choice", "dimension": "background",
     "options": [{"code": 1, "label": {"kk": "Сайт", "ru": "Сайт", "en": "Website"}},
                 {"code": 2, "label": {"kk": "Телефон", "ru": "Телефон", "en": "Phone"}},
                 {"code": 3, "label": {"kk": "Кеңсе", "ru": "Канцелярия", "en": "Office"}}],
     "text": {"kk": "Қалай?", "ru": "Как?", "en": "How?"}},
    {"id": "hours", "type": "number", "dimension": "background", "min": 0, "max": 100,
     "text": {"kk": "Сағат", "ru": "Часы", "en": "Hours"}},
    {"id": "comment", "type": "text", "dimension": "comment", "max_length": 200,
     "text": {"kk": "Пікір", "ru": "Комментарий", "en": "Comment"}}
  ],
  "indices": [{"id": "overall_index", "name": {"kk": "Жалпы", "ru": "Общий", "en": "Overall"}, "dimensions": ["overall"]}]
})";

struct ExportFixture : ServiceFixture {
  ExportFixture() {
    admin.publish("exp", admin.createVersion(kExportSurvey).version);
    // sat 4, channels {1,3}, 2.5 hours; sat 2, channel {2}, 10 hours; sat don't know, comment.
    add("ALM-01", {sat(4), choice({1, 3}), hours(2.5)}, {2025, 3, 1});
    add("ALM-01", {sat(2), choice({2}), hours(10)}, {2025, 3, 2});
    surveys::Answer note;
    note.itemId = "comment";
    note.text = "Иванов; 8 777 123 45 67";
    surveys::Answer dontKnow;
    dontKnow.itemId = "sat";
    dontKnow.nonAnswer = surveys::NonAnswer::DontKnow;
    add("AST-01", {dontKnow, note}, {2025, 4, 5});
  }

  static surveys::Answer sat(int code) {
    surveys::Answer a;
    a.itemId = "sat";
    a.code = code;
    return a;
  }
  static surveys::Answer choice(std::vector<int> codes) {
    surveys::Answer a;
    a.itemId = "how";
    a.codes = std::move(codes);
    return a;
  }
  static surveys::Answer hours(double value) {
    surveys::Answer a;
    a.itemId = "hours";
    a.number = value;
    return a;
  }

  void add(const std::string& court, std::vector<surveys::Answer> answers, surveys::Date day) {
    surveys::Response r;
    r.submissionId = "exp-" + std::to_string(++count_) + "-aaaaaaaa";
    r.surveyId = "exp";
    r.version = 1;
    r.courtCode = court;
    r.language = "ru";
    r.givenOn = day;
    r.answers = std::move(answers);
    responses.submit(r);
  }

  std::string run(ResponseExportOptions options) {
    options.query.surveyId = "exp";
    std::ostringstream out;
    exportResponses(surveys, responses, courts.list(), options, [&]() -> std::ostream& { return out; });
    return out.str();
  }

 private:
  int count_ = 0;
};

TEST(ExportWriter, CsvForARussianSpreadsheetHasBomSemicolonsDecimalCommaAndQuotes) {
  std::ostringstream out;
  TableWriter table(out, ExportFormat::Csv, csvStyleFor(std::nullopt, "ru"), {"a", "b", "c", "d"});
  table.row({ExportCell::of("Суд; Алматы"), ExportCell::of(std::optional<double>(3.25)), ExportCell::empty(),
             ExportCell::of("say \"hi\"\nbye")});

  EXPECT_EQ(out.str(), "\xEF\xBB\xBF" "a;b;c;d\r\n\"Суд; Алматы\";3,25;;\"say \"\"hi\"\"\nbye\"\r\n");
}

TEST(ExportWriter, EnglishCsvUsesCommasAndPointsAndNdjsonIsOneObjectPerLine) {
  std::ostringstream csv;
  TableWriter(csv, ExportFormat::Csv, csvStyleFor(std::nullopt, "en"), {"a", "b"})
      .row({ExportCell::of("x,y"), ExportCell::of(std::optional<double>(0.5))});
  EXPECT_EQ(csv.str(), "\xEF\xBB\xBF" "a,b\r\n\"x,y\",0.5\r\n");

  std::ostringstream json;
  TableWriter ndjson(json, ExportFormat::Json, CsvStyle{}, {"a", "b", "c"});
  ndjson.row({ExportCell::of("Ә \"q\""), ExportCell::of(std::optional<double>(2.5))});
  ndjson.row({ExportCell::of(7LL)});
  EXPECT_EQ(json.str(), "{\"a\":\"Ә \\\"q\\\"\",\"b\":2.5,\"c\":null}\n{\"a\":7,\"b\":null,\"c\":null}\n");
}

TEST(ExportWriter, RowsAfterALeadAreTheSameBytesAsWholeRows) {
  const std::vector<ExportCell> lead = {ExportCell::of(1LL), ExportCell::of("Суд; \"Алматы\""), ExportCell::empty()};
  const std::vector<std::vector<ExportCell>> rests = {
      {ExportCell::of("q1"), ExportCell::of(std::optional<double>(3.25)), ExportCell::empty()},
      {ExportCell::of("q2")},  // missing cells are empty
      {ExportCell::of("q3"), ExportCell::of(-7LL), ExportCell::of("dont_know")}};
  for (const ExportFormat format : {ExportFormat::Csv, ExportFormat::Json}) {
    for (const char* lang : {"ru", "en"}) {
      const CsvStyle style = csvStyleFor(std::nullopt, lang);
      const std::vector<std::string> columns = {"response", "court", "date", "item_id", "value", "non_answer"};
      std::ostringstream whole;
      std::ostringstream split;
      TableWriter wholeRows(whole, format, style, columns);
      TableWriter splitRows(split, format, style, columns);
      splitRows.lead(lead);
      for (const auto& rest : rests) {
        std::vector<ExportCell> row = lead;
        row.insert(row.end(), rest.begin(), rest.end());
        wholeRows.row(row);
        splitRows.rowAfterLead(rest);
      }
      EXPECT_EQ(split.str(), whole.str()) << lang;
    }
  }
  // And by hand, once: the lead is written again before each row.
  std::ostringstream json;
  TableWriter ndjson(json, ExportFormat::Json, CsvStyle{}, {"a", "b", "c"});
  ndjson.lead({ExportCell::of("x")});
  ndjson.rowAfterLead({ExportCell::of(1LL), ExportCell::of(std::optional<double>(0.5))});
  ndjson.rowAfterLead({});
  EXPECT_EQ(json.str(), "{\"a\":\"x\",\"b\":1,\"c\":0.5}\n{\"a\":\"x\",\"b\":null,\"c\":null}\n");
}

TEST(ExportWriter, WholeNumbersAreWrittenAsPrintfWouldWriteThem) {
  // csvNumber writes whole numbers without printf; expected texts are printf's ("%.15g", "%.0f").
  const CsvStyle comma = csvStyleFor("comma", "en");
  const CsvStyle semicolon = csvStyleFor("semicolon", "ru");
  EXPECT_EQ(csvNumber(0.0, comma), "0");
  EXPECT_EQ(csvNumber(-0.0, comma), "0");
  EXPECT_EQ(csvNumber(-0.0, comma, 0), "0");
  EXPECT_EQ(csvNumber(7.0, semicolon), "7");
  EXPECT_EQ(csvNumber(-12.0, comma), "-12");
  EXPECT_EQ(csvNumber(999999999999999.0, comma), "999999999999999");
  EXPECT_EQ(csvNumber(1e15, comma), "1e+15");  // 16 digits: printf's exponent form
  EXPECT_EQ(csvNumber(1e15, comma, 0), "1000000000000000");
  EXPECT_EQ(csvNumber(123456789.0, comma, 0), "123456789");
  EXPECT_EQ(csvNumber(4.0, semicolon, 1), "4,0");  // fixed decimals still print them
  EXPECT_EQ(csvNumber(2.5, semicolon), "2,5");
  EXPECT_EQ(csvNumber(2.5, comma, 0), "2");  // printf rounds half to even
  EXPECT_EQ(csvNumber(-0.4, comma, 0), "0");
  EXPECT_EQ(csvNumber(std::nullopt, comma), "");
}

TEST(ExportWriter, FormatLayoutAndSeparatorMistakesNameTheirField) {
  EXPECT_EQ(testing::domainErrorOf([] { parseExportFormat("xml", ExportFormat::Csv); }).field(), "format");
  EXPECT_EQ(testing::domainErrorOf([] { parseExportLayout("tall"); }).field(), "layout");
  EXPECT_EQ(testing::domainErrorOf([] { csvStyleFor("tab", "ru"); }).field(), "sep");
  EXPECT_EQ(parseExportFormat(std::nullopt, ExportFormat::Json), ExportFormat::Json);
  EXPECT_EQ(parseExportLayout("wide"), ExportLayout::Wide);
}

TEST(ResponsesExport, WideHasOneRowPerResponseAndAZeroOneColumnPerOption) {
  ExportFixture f;
  ResponseExportOptions options;
  options.layout = ExportLayout::Wide;
  options.style = csvStyleFor(std::nullopt, "ru");
  const auto rows = lines(f.run(options));

  ASSERT_EQ(rows.size(), 4U);  // header + 3 responses (a trailing "\r\n" ends the last)
  EXPECT_EQ(rows[0],
            "\xEF\xBB\xBF" "response;survey_id;version;court;court_name;region;region_name;level;channel;language;date;"
            "sat;how.1;how.2;how.3;hours");
  EXPECT_EQ(rows[1], "1;exp;1;ALM-01;Суд ALM-01;almaty_city;город Алматы;district;web;ru;2025-03-01;4;1;0;1;2,5");
  EXPECT_EQ(rows[2], "2;exp;1;ALM-01;Суд ALM-01;almaty_city;город Алматы;district;web;ru;2025-03-02;2;0;1;0;10");
  // A non-answer by its name; items not answered are empty; the comment is never exported.
  EXPECT_EQ(rows[3], "3;exp;1;AST-01;Суд AST-01;astana;город Астана;district;web;ru;2025-04-05;dont_know;;;;");
}

TEST(ResponsesExport, LongNdjsonHasOneObjectPerAnswerWithoutComments) {
  ExportFixture f;
  ResponseExportOptions options;
  options.format = ExportFormat::Json;
  options.lang = "en";
  const std::string text = f.run(options);

  std::istringstream in(text);
  std::vector<Poco::JSON::Object::Ptr> rows;
  for (std::string line; std::getline(in, line);) rows.push_back(parse(line));
  ASSERT_EQ(rows.size(), 7U);  // 3 + 3 + 1 answers; the comment left out
  EXPECT_EQ(rows[0]->getValue<int>("response"), 1);
  EXPECT_EQ(rows[0]->getValue<std::string>("court_name"), "ALM-01 Court");
  EXPECT_EQ(rows[0]->getValue<std::string>("region_name"), "Almaty");
  EXPECT_EQ(rows[0]->getValue<std::string>("item_id"), "sat");
  EXPECT_EQ(rows[0]->getValue<int>("value"), 4);
  EXPECT_EQ(rows[1]->getValue<std::string>("value"), "1 3");
  EXPECT_DOUBLE_EQ(rows[2]->getValue<double>("value"), 2.5);
  EXPECT_TRUE(rows[6]->isNull("value"));
  EXPECT_EQ(rows[6]->getValue<std::string>("non_answer"), "dont_know");
  EXPECT_EQ(text.find("Иванов"), std::string::npos);
}

TEST(ResponsesExport, LevelVersionAndDateFiltersChooseTheResponses) {
  ExportFixture f;
  ResponseExportOptions options;
  options.layout = ExportLayout::Wide;
  options.query.from = surveys::Date{2025, 3, 2};
  EXPECT_EQ(lines(f.run(options)).size(), 3U);  // responses 2 and 3
  options.query.from.reset();
  options.query.regions = {"astana"};
  EXPECT_EQ(lines(f.run(options)).size(), 2U);
  options.query.regions.clear();
  options.levels = {"regional"};
  EXPECT_EQ(lines(f.run(options)).size(), 1U);  // the header only
  options.levels.clear();
  options.versions = {2};
  EXPECT_EQ(lines(f.run(options)).size(), 1U);
}

TEST(SummaryExport, OneRowPerIndexAndItemWithTheSummaryFigures) {
  ExportFixture f;
  for (int code : {5, 5, 3}) f.add("AST-01", {ExportFixture::sat(code)}, {2025, 4, 6});
  SummaryRequest request;
  request.lang = "en";
  const auto rows = lines(summaryCsv(f.summary, "exp", request, csvStyleFor("comma", "en")));

  ASSERT_GE(rows.size(), 3U);
  EXPECT_EQ(rows[0], std::string("\xEF\xBB\xBF") +
                         "group,group_label,group_responses,kind,id,text,n,mean,sd,median,favourable,"
                         "favourable_ci_low,favourable_ci_high,nps,nps_ci_low,nps_ci_high,value,value_ci_low,"
                         "value_ci_high,counts,not_applicable,dont_know,no_opinion,skipped,region,region_name,suppressed");
  // Index: respondents' means 4 2 5 5 3 -> (3.8 - 1) * 25 = 70 on n = 5.
  EXPECT_EQ(rows[1].substr(0, rows[1].find(",70,")), ",,6,index,overall_index,Overall,5,,,,,,,,,");
  // sat: 4 2 5 5 3 -> mean 3.8, sd sqrt(6.8 / 4), median 4, favourable 3 of 5 (Wilson 0.2307..0.8824);
  // counts of the codes given; one don't know, none skipped.
  EXPECT_EQ(rows[2].substr(0, rows[2].find(",,,,,,,")),
            ",,6,item,sat,I am satisfied.,5,3.8,1.30384048104053,4,0.6,0.230724281276013,0.882379225767352");
  EXPECT_NE(rows[2].find(",2=1 3=1 4=1 5=2,0,1,0,0,,,0"), std::string::npos) << rows[2];  // no region: no group
  // how: 2 answers, under the minimum of 5: only its id and suppressed.
  EXPECT_EQ(rows[3], ",,6,item,how,How?,,,,,,,,,,,,,,,,,,,,,1");  // no group: no region either
}

TEST(Codebook, ListsItemsCodesLabelsInEachLanguageAndVersionsWithBreaks) {
  ExportFixture f;
  std::string second = kExportSurvey;
  second.replace(second.find(R"("dimension": "overall",)"), 23, R"("dimension": "overall", "series_break": true,)");
  f.admin.publish("exp", f.admin.createVersion(second).version);
  ExportService service(f.surveys, f.responses, f.courts);

  const auto book = parse(service.codebook("exp", ExportFormat::Json, CsvStyle{}));

  const auto versions = book->getArray("versions");
  ASSERT_EQ(versions->size(), 2U);
  EXPECT_EQ(versions->getObject(1)->getArray("series_breaks")->getElement<std::string>(0), "sat");
  const auto sat = book->getArray("items")->getObject(0);
  EXPECT_EQ(sat->getValue<std::string>("type"), "agreement5");
  EXPECT_EQ(sat->getArray("versions")->size(), 2U);
  EXPECT_EQ(sat->getArray("series_break_in")->getElement<int>(0), 2);
  const auto codes = sat->getArray("codes");
  ASSERT_EQ(codes->size(), 6U);  // 1..5 and dont_know
  EXPECT_EQ(codes->getObject(5)->getValue<std::string>("code"), "dont_know");
  const auto how = book->getArray("items")->getObject(1);
  EXPECT_EQ(how->getArray("codes")->getObject(2)->getObject("label")->getValue<std::string>("ru"), "Канцелярия");
  EXPECT_EQ(book->getArray("indices")->getObject(0)->getArray("items")->getElement<std::string>(0), "sat");

  const auto csv = lines(service.codebook("exp", ExportFormat::Csv, csvStyleFor(std::nullopt, "ru")));
  EXPECT_EQ(csv[0], "\xEF\xBB\xBF" "item_id;type;dimension;versions;series_break_in;code;text_kk;text_ru;text_en");
  EXPECT_EQ(csv[1], "sat;agreement5;overall;1 2;2;;Қанағаттандым.;\"Я доволен; всё хорошо.\";I am satisfied.");
  EXPECT_NE(std::find(csv.begin(), csv.end(), "how;multiple_choice;background;1 2;;3;Кеңсе;Канцелярия;Office"),
            csv.end());
  EXPECT_EQ(testing::domainErrorOf([&] { service.codebook("nope", ExportFormat::Json, CsvStyle{}); }).code(),
            "survey_not_found");
}

}  // namespace
}  // namespace courtvoice::server
