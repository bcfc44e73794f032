// CSV as the admin tool reads it: the RFC 4180 reader, the courts registry file and paper
// responses typed in by a clerk; every bad line is named by line and column.
#include <gtest/gtest.h>

#include <algorithm>
#include <fstream>
#include <sstream>

#include "courtvoice/server/court_records.hpp"
#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/paper_responses_csv.hpp"
#include "courtvoice/surveys/definition_json.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::NonAnswer;
using surveys::ValidationError;

std::string readSourceFile(const std::string& path) {
  std::ifstream in(std::string(COURTVOICE_SOURCE_DIR) + "/" + path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

template <typename Call>
std::vector<ValidationError> errorsOf(Call&& call) {
  try {
    call();
  } catch (const DomainError& e) {
    return e.errors();
  }
  ADD_FAILURE() << "expected a DomainError";
  return {};
}

// The error named `field`, or an empty one (code "") when there is none.
ValidationError errorAt(const std::vector<ValidationError>& errors, const std::string& field) {
  const auto it = std::find_if(errors.begin(), errors.end(), [&](const ValidationError& e) { return e.field == field; });
  return it == errors.end() ? ValidationError{} : *it;
}

std::string describe(const std::vector<ValidationError>& errors) {
  std::string text;
  for (const auto& e : errors) text += e.field + ": " + e.message + " [" + e.code + "]\n";
  return text;
}

// --- the reader -----------------------------------------------------------------------------

TEST(CsvReader, ReadsQuotesEscapedQuotesAndLineBreaksInsideQuotes) {
  const auto records = parseCsv("a,\"b, c\",\"say \"\"hi\"\"\",\"two\nlines\"\nd,,e\n");

  ASSERT_EQ(records.size(), 2U);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b, c", "say \"hi\"", "two\nlines"}));
  EXPECT_EQ(records[0].line, 1U);
  // The first record spans lines 1 and 2, so the second starts on line 3.
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"d", "", "e"}));
  EXPECT_EQ(records[1].line, 3U);
}

TEST(CsvReader, DropsByteOrderMarkAndCarriageReturnsAndSkipsBlankLines) {
  const auto records = parseCsv("\xEF\xBB\xBF" "code,name\r\n\r\nA,\"x\"\r\n   \nB,y");

  ASSERT_EQ(records.size(), 3U);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"code", "name"}));
  EXPECT_EQ(records[1].fields, (std::vector<std::string>{"A", "x"}));
  EXPECT_EQ(records[1].line, 3U);
  EXPECT_EQ(records[2].fields, (std::vector<std::string>{"B", "y"}));  // no final line break
  EXPECT_EQ(records[2].line, 5U);
}

TEST(CsvReader, KeepsAnEmptyLastField) {
  const auto records = parseCsv("a,b,\n");
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(records[0].fields, (std::vector<std::string>{"a", "b", ""}));
}

TEST(CsvReader, UnterminatedQuoteNamesTheLineWhereItOpens) {
  const auto errors = errorsOf([] { parseCsv("a,b\n1,2\n3,\"open\n4,5\n"); });
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].code, "unterminated_quote");
  EXPECT_EQ(errors[0].field, "line 3");
}

TEST(CsvWriter, QuotesOnlyWhatNeedsItAndReadsBackTheSame) {
  const std::vector<std::string> values = {"plain", "with, comma", "say \"hi\"", "two\nlines", "", "Сот; соты"};
  const std::string line = csvLine(values);

  EXPECT_EQ(line, "plain,\"with, comma\",\"say \"\"hi\"\"\",\"two\nlines\",,Сот; соты\n");
  const auto records = parseCsv(line);
  ASSERT_EQ(records.size(), 1U);
  EXPECT_EQ(records[0].fields, values);
}

TEST(CsvHeader, NamesUnknownRepeatedAndMissingColumns) {
  std::vector<ValidationError> errors;
  const auto columns = readCsvHeader({1, {"Code", " name ", "colour", "code"}}, {"code", "name", "level"},
                                     {"code", "level"}, errors);

  EXPECT_EQ(columns.at("code"), 0U);  // trimmed, lower-cased; the first of a repeated name
  EXPECT_EQ(columns.at("name"), 1U);
  EXPECT_EQ(errorAt(errors, "line 1: colour").code, "unknown_column");
  EXPECT_EQ(errorAt(errors, "line 1: code").code, "duplicate_column");
  EXPECT_EQ(errorAt(errors, "line 1: level").code, "missing_column");
  EXPECT_EQ(errors.size(), 3U) << describe(errors);
}

TEST(CsvHeader, SemicolonSeparatedFileIsRecognised) {
  std::vector<ValidationError> errors;
  readCsvHeader({1, {"code;name;level"}}, {"code", "name", "level"}, {"code"}, errors);
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].code, "wrong_separator");
  EXPECT_NE(errors[0].message.find("comma-separated"), std::string::npos);
}

TEST(CsvErrors, AtMostAHundredAreListedThenOneNote) {
  std::vector<ValidationError> errors;
  std::size_t accepted = 0;
  for (int i = 0; i < 150; ++i) {
    if (addCsvError(errors, {"bad", "bad", csvPlace(static_cast<std::size_t>(i) + 2, "x")})) ++accepted;
  }
  EXPECT_EQ(accepted, 100U);
  ASSERT_EQ(errors.size(), 101U);
  EXPECT_EQ(errors[99].field, "line 101: x");
  EXPECT_EQ(errors[100].code, "too_many_errors");
}

// --- courts ---------------------------------------------------------------------------------

const std::string kCourtHeader = "code,name_kk,name_ru,name_en,region,level,active\n";

TEST(CourtsCsv, RegionListIsTheShippedRegionsFile) {
  const auto records = parseCsv(readSourceFile("surveys/templates/regions.csv"));
  ASSERT_GT(records.size(), 1U);
  std::vector<std::string> codes;
  for (std::size_t i = 1; i < records.size(); ++i) codes.push_back(records[i].fields.at(0));
  std::vector<std::string> inCode = regionCodes();
  std::sort(codes.begin(), codes.end());
  std::sort(inCode.begin(), inCode.end());
  EXPECT_EQ(inCode, codes);
  // 17 regions and 3 cities of republican significance.
  EXPECT_EQ(codes.size(), 20U);
}

TEST(CourtsCsv, EveryKindOfBadLineIsNamedByLineAndColumn) {
  const std::string csv = kCourtHeader +
                          "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1\n"   // line 2: fine
                          "alm 02,Алматы,Алматы,Almaty,almaty_city,district,1\n"   // 3: code pattern
                          "ALM-03,Алматы,Алматы,Almaty,almaty,district,1\n"        // 4: unknown region
                          "ALM-04,Алматы,Алматы,Almaty,almaty_city,galactic,1\n"   // 5: unknown level
                          "ALM-05,Алматы,,Almaty,almaty_city,district,1\n"         // 6: no name in ru
                          "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1\n"   // 7: code again
                          "ALM-07,Алматы,Алматы,Almaty,almaty_city,district,maybe\n"  // 8: active
                          "ALM-08,Алматы,Алматы\n";                                // 9: columns
  const auto errors = errorsOf([&] { parseCourtsCsv(csv); });

  EXPECT_EQ(errorAt(errors, "line 3: code").code, "invalid_code");
  EXPECT_EQ(errorAt(errors, "line 4: region").code, "unknown_region");
  EXPECT_NE(errorAt(errors, "line 4: region").message.find("almaty_city"), std::string::npos);  // lists the codes
  EXPECT_EQ(errorAt(errors, "line 5: level").code, "invalid_level");
  EXPECT_EQ(errorAt(errors, "line 6: name_ru").code, "required");
  EXPECT_EQ(errorAt(errors, "line 7: code").code, "duplicate_code");
  EXPECT_NE(errorAt(errors, "line 7: code").message.find("line 2"), std::string::npos);
  EXPECT_EQ(errorAt(errors, "line 8: active").code, "invalid_active");
  EXPECT_EQ(errorAt(errors, "line 9: columns").code, "column_count");
  EXPECT_EQ(errors.size(), 7U) << describe(errors);
}

TEST(CourtsCsv, UnknownColumnIsRefused) {
  const auto errors = errorsOf([] {
    parseCourtsCsv("code,name_kk,name_ru,name_en,region,level,active,notes\n"
                   "ALM-01,Алматы,Алматы,Almaty,almaty_city,district,1,x\n");
  });
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].field, "line 1: notes");
  EXPECT_EQ(errors[0].code, "unknown_column");
}

TEST(CourtsCsv, ColumnsMayComeInAnyOrder) {
  const auto courts = parseCourtsCsv("active,level,region,name_en,name_ru,name_kk,code\n"
                                     "no,regional,shymkent,Shymkent Court,Суд Шымкента,Шымкент соты,SHY-OC\n");
  ASSERT_EQ(courts.size(), 1U);
  EXPECT_EQ(courts[0].code, "SHY-OC");
  EXPECT_EQ(courts[0].name.at("kk"), "Шымкент соты");
  EXPECT_EQ(courts[0].region, "shymkent");
  EXPECT_EQ(courts[0].level, "regional");
  EXPECT_FALSE(courts[0].active);
}

TEST(CourtsCsv, ExportReadsBackToTheSameCourts) {
  const std::vector<surveys::Court> courts = {
      {"ALM-01", {{"kk", "Алматы, №1"}, {"ru", "Суд \"Алматы\""}, {"en", "Almaty\nCourt"}}, "almaty_city", "district", true},
      {"AST-09", {{"kk", "Астана"}, {"ru", "Астана"}, {"en", "Astana"}}, "astana", "specialised", false}};

  const std::string csv = formatCourtsCsv(courts);

  EXPECT_EQ(csv.substr(0, kCourtHeader.size()), kCourtHeader);
  const auto back = parseCourtsCsv(csv);
  ASSERT_EQ(back.size(), 2U);
  for (std::size_t i = 0; i < courts.size(); ++i) {
    EXPECT_EQ(back[i].code, courts[i].code);
    EXPECT_EQ(back[i].name, courts[i].name);
    EXPECT_EQ(back[i].region, courts[i].region);
    EXPECT_EQ(back[i].level, courts[i].level);
    EXPECT_EQ(back[i].active, courts[i].active);
  }
}

TEST(CourtsCsv, ShippedCourtsSurviveExportAndImport) {
  const auto shipped = parseCourtsCsv(readSourceFile("surveys/templates/courts.csv"));
  ASSERT_GT(shipped.size(), 20U);
  const auto back = parseCourtsCsv(formatCourtsCsv(shipped));
  ASSERT_EQ(back.size(), shipped.size());
  for (std::size_t i = 0; i < shipped.size(); ++i) {
    EXPECT_EQ(back[i].code, shipped[i].code);
    EXPECT_EQ(back[i].name, shipped[i].name) << shipped[i].code;
    EXPECT_EQ(back[i].region, shipped[i].region);
  }
}

// --- paper responses ------------------------------------------------------------------------

// access_find: agreement 1..5, required, N/A allowed; appeared: 1 yes / 2 no; fair_listened:
// agreement, only after "yes", "don't know" allowed; reasons: multiple choice 1..4; visits:
// number 0..50; comment: text of at most 20 characters.
const std::string kPaperSurveyJson = R"({
  "id": "paper_survey", "audience": "citizen", "languages": ["kk", "ru"],
  "title": {"kk": "Сауалнама", "ru": "Опрос"},
  "items": [
    {"id": "access_find", "type": "agreement5", "dimension": "access", "required": true,
     "non_answers": ["not_applicable"], "text": {"kk": "Табу", "ru": "Найти"}},
    {"id": "appeared", "type": "single_choice", "dimension": "background",
     "options": [{"code": 1, "label": {"kk": "Иә", "ru": "Да"}}, {"code": 2, "label": {"kk": "Жоқ", "ru": "Нет"}}],
     "text": {"kk": "Судья", "ru": "Судья"}},
    {"id": "fair_listened", "type": "agreement5", "dimension": "fairness", "non_answers": ["dont_know", "no_opinion"],
     "show_if": {"item": "appeared", "any_of": [1]}, "text": {"kk": "Тыңдады", "ru": "Выслушал"}},
    {"id": "reasons", "type": "multiple_choice", "dimension": "background",
     "options": [{"code": 1, "label": {"kk": "А", "ru": "А"}}, {"code": 2, "label": {"kk": "Б", "ru": "Б"}},
                 {"code": 3, "label": {"kk": "В", "ru": "В"}}, {"code": 4, "label": {"kk": "Г", "ru": "Г"}}],
     "text": {"kk": "Неге", "ru": "Зачем"}},
    {"id": "visits", "type": "number", "dimension": "background", "min": 0, "max": 50,
     "text": {"kk": "Қанша", "ru": "Сколько"}},
    {"id": "comment", "type": "text", "dimension": "comment", "max_length": 20, "text": {"kk": "Пікір", "ru": "Отзыв"}}
  ]
})";

const std::string kPaperHeader = "submission_id,court,date,language,access_find,appeared,fair_listened,reasons,visits,comment\n";

class PaperResponsesCsv : public ::testing::Test {
 protected:
  PaperResponsesCsv() {
    def_ = surveys::parseDefinition(kPaperSurveyJson);
    def_.version = 3;
    rules_.courts = {"ALM-01", "AST-01"};
    rules_.today = {2025, 3, 14};
  }

  std::vector<surveys::Response> parse(const std::string& csv) const { return parsePaperResponsesCsv(csv, def_, rules_); }
  std::vector<ValidationError> errors(const std::string& csv) const {
    return errorsOf([&] { parse(csv); });
  }
  // The errors of one data line (line 2) after the header.
  std::vector<ValidationError> lineErrors(const std::string& line) const { return errors(kPaperHeader + line + "\n"); }

  // `count` forms, numbered from P-100000, each with access_find = `accessFind` and nothing else.
  static std::string forms(int count, const std::string& accessFind) {
    std::string csv = kPaperHeader;
    for (int i = 0; i < count; ++i) csv += "P-" + std::to_string(100000 + i) + ",ALM-01,2025-03-01,ru," + accessFind + ",,,,,\n";
    return csv;
  }

  surveys::SurveyDefinition def_;
  PaperResponseRules rules_;
};

TEST_F(PaperResponsesCsv, ReadsEveryKindOfCell) {
  const std::string csv = "\xEF\xBB\xBF" + std::string(kPaperHeader.substr(0, kPaperHeader.size() - 1)) + "\r\n" +
                          "P-000001,ALM-01,2025-03-14,ru,4,1,DK,1;3,2.5,\"Долго, но \"\"вежливо\"\"\"\r\n" +
                          "P-000002,AST-01,01.02.2025,kk,na,2,,\" 2 ; 4 \",\"7,5\",NO\r\n" +
                          "P-000003,ALM-01,2025-01-31,ru,NA,2,,,,\r\n";

  const auto responses = parse(csv);

  ASSERT_EQ(responses.size(), 3U);
  const auto& first = responses[0];
  EXPECT_EQ(first.submissionId, "P-000001");
  EXPECT_EQ(first.surveyId, "paper_survey");
  EXPECT_EQ(first.version, 3);
  EXPECT_EQ(first.courtCode, "ALM-01");
  EXPECT_EQ(first.channel, surveys::Channel::Paper);
  EXPECT_EQ(first.language, "ru");
  EXPECT_EQ(first.givenOn, (surveys::Date{2025, 3, 14}));
  ASSERT_EQ(first.answers.size(), 6U);
  EXPECT_EQ(first.findAnswer("access_find")->code, 4);
  EXPECT_EQ(first.findAnswer("appeared")->code, 1);
  EXPECT_EQ(first.findAnswer("fair_listened")->nonAnswer, NonAnswer::DontKnow);
  EXPECT_EQ(first.findAnswer("reasons")->codes, (std::vector<int>{1, 3}));
  EXPECT_DOUBLE_EQ(first.findAnswer("visits")->number, 2.5);
  EXPECT_EQ(first.findAnswer("comment")->text, "Долго, но \"вежливо\"");

  const auto& second = responses[1];
  EXPECT_EQ(second.givenOn, (surveys::Date{2025, 2, 1}));  // DD.MM.YYYY
  EXPECT_EQ(second.findAnswer("access_find")->nonAnswer, NonAnswer::NotApplicable);  // any case
  EXPECT_EQ(second.findAnswer("fair_listened"), nullptr);                             // empty: skipped
  EXPECT_EQ(second.findAnswer("reasons")->codes, (std::vector<int>{2, 4}));
  EXPECT_DOUBLE_EQ(second.findAnswer("visits")->number, 7.5);  // decimal comma
  // In a text column NO is what the respondent wrote, not "no opinion".
  EXPECT_FALSE(second.findAnswer("comment")->nonAnswer.has_value());
  EXPECT_EQ(second.findAnswer("comment")->text, "NO");

  const auto& third = responses[2];
  ASSERT_EQ(third.answers.size(), 2U);
  EXPECT_EQ(third.answers[0].nonAnswer, NonAnswer::NotApplicable);
  EXPECT_EQ(third.answers[1].code, 2);
}

TEST_F(PaperResponsesCsv, ColumnsMayBeASubsetInAnyOrder) {
  const auto responses = parse("access_find,language,date,court,submission_id\n5,kk,2025-03-01,AST-01,P-000009\n");
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(responses[0].submissionId, "P-000009");
  EXPECT_EQ(responses[0].findAnswer("access_find")->code, 5);
}

TEST_F(PaperResponsesCsv, OutOfRangeValueNamesLineColumnAndCell) {
  const auto errors = lineErrors("P-000001,ALM-01,2025-03-01,ru,7,,,,,");
  ASSERT_EQ(errors.size(), 1U) << describe(errors);
  EXPECT_EQ(errors[0].field, "line 2: access_find");
  EXPECT_EQ(errors[0].code, "out_of_range");
  EXPECT_NE(errors[0].message.find("between 1 and 5"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("\"7\""), std::string::npos) << errors[0].message;
}

TEST_F(PaperResponsesCsv, EachKindOfBadCellIsNamed) {
  struct Case {
    std::string line;
    std::string column;
    std::string code;
  };
  const std::vector<Case> cases = {
      {"P-000001,ALM-01,2025-03-01,ru,four,,,,,", "access_find", "invalid_value"},
      {"P-000001,ALM-01,2025-03-01,ru,4.5,,,,,", "access_find", "invalid_value"},
      {"P-000001,ALM-01,2025-03-01,ru,DK,,,,,", "access_find", "non_answer_not_allowed"},
      {"P-000001,ALM-01,2025-03-01,ru,4,3,,,,", "appeared", "invalid_option"},
      {"P-000001,ALM-01,2025-03-01,ru,4,2,5,,,", "fair_listened", "hidden_item"},
      {"P-000001,ALM-01,2025-03-01,ru,4,,,1;9,,", "reasons", "invalid_option"},
      {"P-000001,ALM-01,2025-03-01,ru,4,,,1;1,,", "reasons", "duplicate_choice"},
      {"P-000001,ALM-01,2025-03-01,ru,4,,,1;x,,", "reasons", "invalid_value"},
      {"P-000001,ALM-01,2025-03-01,ru,4,,,\"1,2\",,", "reasons", "invalid_value"},
      {"P-000001,ALM-01,2025-03-01,ru,4,,,,51,", "visits", "out_of_range"},
      {"P-000001,ALM-01,2025-03-01,ru,4,,,,many,", "visits", "invalid_value"},
      {"P-000001,ALM-01,2025-03-01,ru,4,,,,,this comment is longer than twenty", "comment", "too_long"},
      {"P-000001,ALM-01,2025-03-01,ru,,,,,,", "access_find", "required"},
      {"P-000001,ALM-01,2025-03-01,en,4,,,,,", "language", "unsupported_language"},
      {"P-000001,ALM-01,2025-03-01,,4,,,,,", "language", "required"},
      {"P-000001,KRG-01,2025-03-01,ru,4,,,,,", "court", "unknown_court"},
      {"P-000001,,2025-03-01,ru,4,,,,,", "court", "required"},
      {"P-000001,ALM-01,2025-02-30,ru,4,,,,,", "date", "invalid_format"},
      {"P-000001,ALM-01,03/01/2025,ru,4,,,,,", "date", "invalid_format"},
      {"P-000001,ALM-01,2025-03-15,ru,4,,,,,", "date", "out_of_range"},  // after "today", 2025-03-14
      {"P-000001,ALM-01,,ru,4,,,,,", "date", "required"},
      {"P 1,ALM-01,2025-03-01,ru,4,,,,,", "submission_id", "invalid_format"},
      {"P-01,ALM-01,2025-03-01,ru,4,,,,,", "submission_id", "invalid_format"},  // shorter than 8
      {",ALM-01,2025-03-01,ru,4,,,,,", "submission_id", "required"},
      {"P-000001,ALM-01,2025-03-01,ru,4,,", "columns", "column_count"},
  };
  for (const auto& c : cases) {
    const auto errors = lineErrors(c.line);
    ASSERT_EQ(errors.size(), 1U) << c.line << "\n" << describe(errors);
    EXPECT_EQ(errors[0].field, "line 2: " + c.column) << c.line;
    EXPECT_EQ(errors[0].code, c.code) << c.line << "\n" << describe(errors);
  }
}

TEST_F(PaperResponsesCsv, AFormThatAnswersNothingIsRefusedNamingItsLine) {
  const auto errors = this->errors(kPaperHeader + "P-000001,ALM-01,2025-03-01,ru,4,,,,,\n" +
                                   "P-000002,ALM-01,2025-03-01,ru,NA,,,,,\n" +       // only "not applicable"
                                   "P-000003,ALM-01,2025-03-01,ru,NA,,,,,\"  \"\n");  // and a blank comment
  ASSERT_EQ(errors.size(), 2U) << describe(errors);
  EXPECT_EQ(errorAt(errors, "line 3").code, "empty_response");
  EXPECT_EQ(errorAt(errors, "line 4").code, "empty_response");
  EXPECT_NE(errorAt(errors, "line 3").message.find("answers no question"), std::string::npos);
  // An unreadable cell is an answer given, refused for what it holds, not an empty form.
  const auto unreadable = lineErrors("P-000001,ALM-01,2025-03-01,ru,NA,x,,,,");
  ASSERT_EQ(unreadable.size(), 1U) << describe(unreadable);
  EXPECT_EQ(unreadable[0].field, "line 2: appeared");
}

TEST_F(PaperResponsesCsv, RepeatedSubmissionIdNamesBothLines) {
  const auto errors = this->errors(kPaperHeader + "P-000001,ALM-01,2025-03-01,ru,4,,,,,\n" +
                                   "P-000002,ALM-01,2025-03-01,ru,4,,,,,\n" + "P-000001,AST-01,2025-03-02,kk,5,,,,,\n");
  ASSERT_EQ(errors.size(), 1U) << describe(errors);
  EXPECT_EQ(errors[0].field, "line 4: submission_id");
  EXPECT_EQ(errors[0].code, "duplicate_submission");
  EXPECT_NE(errors[0].message.find("line 2"), std::string::npos) << errors[0].message;
}

TEST_F(PaperResponsesCsv, EveryBadLineIsReportedNotJustTheFirst) {
  std::string csv = kPaperHeader;
  csv += "P-000001,ALM-01,2025-03-01,ru,4,,,,,\n";  // line 2: fine
  csv += "P-000002,ALM-01,2025-03-01,ru,9,,,,,\n";  // line 3: out of range
  csv += "P-000003,ALM-01,2025-03-01,ru,4,1,5,,,\n";  // line 4: fine
  csv += "P-000004,XXX,2025-03-01,ru,4,7,,,,\n";    // line 5: court and option
  const auto errors = this->errors(csv);
  EXPECT_EQ(errors.size(), 3U) << describe(errors);
  EXPECT_EQ(errorAt(errors, "line 3: access_find").code, "out_of_range");
  EXPECT_EQ(errorAt(errors, "line 5: court").code, "unknown_court");
  EXPECT_EQ(errorAt(errors, "line 5: appeared").code, "invalid_option");
}

TEST_F(PaperResponsesCsv, LinesAreCountedAcrossLineBreaksInsideQuotes) {
  const auto errors = this->errors(kPaperHeader + "P-000001,ALM-01,2025-03-01,ru,4,,,,,\"two\r\nlines\"\n" +
                                   "P-000002,ALM-01,2025-03-01,ru,0,,,,,\n");
  ASSERT_EQ(errors.size(), 1U) << describe(errors);
  EXPECT_EQ(errors[0].field, "line 4: access_find");
}

TEST_F(PaperResponsesCsv, ALineBreakInsideATextCellIsKeptAsLf) {
  const auto responses = parse(kPaperHeader + "P-000001,ALM-01,2025-03-01,ru,4,,,,,\"two\r\nlines\"\r\n");
  ASSERT_EQ(responses.size(), 1U);
  EXPECT_EQ(responses[0].findAnswer("comment")->text, "two\nlines");
}

TEST_F(PaperResponsesCsv, UnknownColumnIsNamed) {
  const auto errors = this->errors("submission_id,court,date,language,access_find,acess_wait\n");
  ASSERT_EQ(errors.size(), 1U) << describe(errors);
  EXPECT_EQ(errors[0].field, "line 1: acess_wait");
  EXPECT_EQ(errors[0].code, "unknown_column");
}

TEST_F(PaperResponsesCsv, MissingColumnsAreNamedOnce) {
  // No date column, and no column for the required access_find: said once, not on every line.
  const auto errors =
      this->errors("submission_id,court,language,appeared\nP-000001,ALM-01,ru,1\nP-000002,ALM-01,ru,2\n");
  EXPECT_EQ(errorAt(errors, "line 1: date").code, "missing_column");
  EXPECT_EQ(errorAt(errors, "line 1: access_find").code, "missing_column");
  EXPECT_EQ(errors.size(), 2U) << describe(errors);
}

TEST_F(PaperResponsesCsv, SemicolonSeparatedFileIsExplained) {
  const auto errors = this->errors("submission_id;court;date;language;access_find\nP-000001;ALM-01;2025-03-01;ru;4\n");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].code, "wrong_separator");
}

TEST_F(PaperResponsesCsv, AtMostAHundredProblemsThenANote) {
  const auto errors = this->errors(forms(150, "6"));
  ASSERT_EQ(errors.size(), 101U);
  EXPECT_EQ(errors[0].field, "line 2: access_find");
  EXPECT_EQ(errors[99].field, "line 101: access_find");
  EXPECT_EQ(errors[100].code, "too_many_errors");
}

TEST_F(PaperResponsesCsv, HeaderOnlyFileHasNoResponsesAndEmptyFileIsRefused) {
  EXPECT_TRUE(parse(kPaperHeader).empty());
  const auto errors = this->errors("");
  ASSERT_EQ(errors.size(), 1U);
  EXPECT_EQ(errors[0].code, "empty");
}

TEST_F(PaperResponsesCsv, ProgressIsReportedEveryNLinesAndAtTheEnd) {
  std::vector<std::pair<std::size_t, std::size_t>> calls;
  const auto responses = parsePaperResponsesCsv(
      forms(12, "3"), def_, rules_, [&](std::size_t done, std::size_t total) { calls.emplace_back(done, total); }, 5);
  EXPECT_EQ(responses.size(), 12U);
  EXPECT_EQ(calls, (std::vector<std::pair<std::size_t, std::size_t>>{{5, 12}, {10, 12}, {12, 12}}));
}

}  // namespace
}  // namespace courtvoice::server
