// Population files for post-stratification weights (server/population_csv.hpp): what a strategy
// analyst saves from a spreadsheet reads as cells; every mistake is named by line and column.
#include <gtest/gtest.h>

#include "courtvoice/server/csv.hpp"
#include "courtvoice/server/population_csv.hpp"

namespace courtvoice::server {
namespace {

using surveys::DomainError;
using surveys::PopulationCell;
using surveys::ValidationError;

const std::set<std::string> kCourts = {"AST-01", "ALM-01", "KAR-02"};

surveys::Item caseTypeItem() {
  surveys::Item item;
  item.id = "case_type";
  item.type = surveys::ItemType::SingleChoice;
  for (int code : {1, 2, 3, 4}) item.options.push_back(surveys::Option{code, {{"en", "type"}}});
  return item;
}

std::vector<ValidationError> errorsOf(const std::string& text, const surveys::Item* item) {
  try {
    parsePopulationCsv(text, kCourts, item);
  } catch (const DomainError& error) {
    return error.errors();
  }
  ADD_FAILURE() << "expected the file to be refused:\n" << text;
  return {};
}

TEST(PopulationCsv, ReadsCourtAndCaseTypeCellsWithOrWithoutByteOrderMark) {
  const auto item = caseTypeItem();
  const std::string text = "court,case_type,population\r\nAST-01,1,5400\r\nAST-01,2,1250\r\n ALM-01 , 4 , 0 \r\n";
  const std::vector<PopulationCell> expected = {{"AST-01", 1, 5400}, {"AST-01", 2, 1250}, {"ALM-01", 4, 0}};
  EXPECT_EQ(parsePopulationCsv(text, kCourts, &item), expected);
  EXPECT_EQ(parsePopulationCsv(std::string(kCsvBom) + text, kCourts, &item), expected);
}

TEST(PopulationCsv, ReadsSemicolonsAsARussianLocaleSpreadsheetSavesThem) {
  const auto item = caseTypeItem();
  const std::string text = "\xEF\xBB\xBF" "Court;Case_Type;Population\nAST-01;;700\nKAR-02;;123456789012345\n";
  const std::vector<PopulationCell> expected = {{"AST-01", std::nullopt, 700}, {"KAR-02", std::nullopt, 123456789012345}};
  EXPECT_EQ(parsePopulationCsv(text, kCourts, &item), expected);
}

TEST(PopulationCsv, TheCaseTypeColumnMayBeLeftOutForWholeCourts) {
  EXPECT_EQ(parsePopulationCsv("court,population\nALM-01,10\n", kCourts, nullptr),
            (std::vector<PopulationCell>{{"ALM-01", std::nullopt, 10}}));
}

TEST(PopulationCsv, NamesEveryBadLineAndColumn) {
  const auto item = caseTypeItem();
  const auto errors = errorsOf(
      "court,case_type,population\n"
      "NOPE,1,10\n"      // line 2: unknown court
      "AST-01,7,10\n"    // line 3: 7 is not an option code
      "AST-01,x,10\n"    // line 4: not a code at all
      "AST-01,1,-5\n"    // line 5: negative
      "AST-01,2,12.5\n"  // line 6: not whole
      "AST-01,3,\n"      // line 7: missing
      "ALM-01,1,10\n"    // line 8: good
      "ALM-01,1,11\n"    // line 9: the same cell again
      "KAR-02,,11\n"     // line 10: a whole court among case types
      "KAR-02,1\n",      // line 11: a column short
      &item);
  ASSERT_EQ(errors.size(), 9u);
  EXPECT_EQ(errors[0], (ValidationError{"unknown_court", "there is no court with code \"NOPE\"", "line 2: court"}));
  EXPECT_EQ(errors[1].code, "unknown_case_type");
  EXPECT_EQ(errors[1].field, "line 3: case_type");
  EXPECT_EQ(errors[1].message, "\"7\" is not an option code of case_type (1, 2, 3, 4)");
  EXPECT_EQ(errors[2].code, "unknown_case_type");
  EXPECT_EQ(errors[2].field, "line 4: case_type");
  EXPECT_EQ(errors[3], (ValidationError{"invalid_population", "the population must not be negative (the cell holds \"-5\")",
                                        "line 5: population"}));
  EXPECT_EQ(errors[4].code, "invalid_population");
  EXPECT_EQ(errors[4].field, "line 6: population");
  EXPECT_EQ(errors[5].code, "invalid_population");
  EXPECT_EQ(errors[5].field, "line 7: population");
  EXPECT_EQ(errors[6], (ValidationError{"duplicate_cell", "the cell ALM-01 / case type 1 is already on line 8",
                                        "line 9: court"}));
  EXPECT_EQ(errors[7], (ValidationError{"mixed_cells", "line 8 gives a case type: every line must give one",
                                        "line 10: case_type"}));
  EXPECT_EQ(errors[8].code, "column_count");
  EXPECT_EQ(errors[8].field, "line 11: columns");
}

TEST(PopulationCsv, AWholeCourtFirstForbidsCaseTypesAfter) {
  const auto item = caseTypeItem();
  const auto errors = errorsOf("court,case_type,population\nAST-01,,10\nALM-01,2,10\nAST-01,,3\n", &item);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0], (ValidationError{"mixed_cells", "line 2 gives a whole court: no line may give a case type",
                                        "line 3: case_type"}));
  EXPECT_EQ(errors[1], (ValidationError{"duplicate_cell", "the cell AST-01 (whole court) is already on line 2",
                                        "line 4: court"}));
}

TEST(PopulationCsv, ACaseTypeForASurveyWithoutACaseTypeItemIsRefused) {
  const auto errors = errorsOf("court,case_type,population\nAST-01,1,10\n", nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].code, "no_case_type_item");
  EXPECT_EQ(errors[0].field, "line 2: case_type");
}

TEST(PopulationCsv, HeaderMistakesAndEmptyFilesAreRefused) {
  EXPECT_EQ(errorsOf("", nullptr).at(0).code, "empty");
  EXPECT_EQ(errorsOf("court,population\n", nullptr).at(0),
            (ValidationError{"empty", "the file has no lines of counts", "line 2"}));
  const auto missing = errorsOf("court,cases\nAST-01,1\n", nullptr);
  ASSERT_EQ(missing.size(), 2u);
  EXPECT_EQ(missing[0].code, "unknown_column");
  EXPECT_EQ(missing[1], (ValidationError{"missing_column", "the header lacks the column population", "line 1: population"}));
}

TEST(PopulationCsv, MoreLinesThanTheLimitAreRefusedNamingTheFirstLineOver) {
  std::string text = "court,population\n";
  for (std::size_t i = 0; i < kMaxPopulationLines; ++i) text += "AST-01,1\n";
  // At the limit the file is read (and every line after the first is a duplicate of it).
  EXPECT_EQ(errorsOf(text, nullptr).at(0).code, "duplicate_cell");
  text += "ALM-01,1\n";
  const auto errors = errorsOf(text, nullptr);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0], (ValidationError{"too_many_lines", "at most 10000 lines of counts are allowed (the file has 10001)",
                                        "line 10002"}));
}

TEST(PopulationCsv, FindsTheCaseTypeItemOnlyAsASingleChoiceItem) {
  surveys::SurveyDefinition def;
  EXPECT_EQ(findCaseTypeItem(def), nullptr);
  def.items.push_back(caseTypeItem());
  def.items.back().type = surveys::ItemType::MultipleChoice;
  EXPECT_EQ(findCaseTypeItem(def), nullptr);
  def.items.back().type = surveys::ItemType::SingleChoice;
  EXPECT_EQ(findCaseTypeItem(def), &def.items.back());
}

}  // namespace
}  // namespace courtvoice::server
