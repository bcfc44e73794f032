// Dates: responses keep only the day, so parsing must be strict and calendar-correct, and the
// month and quarter keys must group days the way the reports do.
#include <gtest/gtest.h>

#include <ctime>

#include "courtvoice/surveys/date.hpp"

namespace courtvoice::surveys {
namespace {

TEST(Date, ParsesAWellFormedDay) {
  const auto date = Date::parse("2025-03-14");
  ASSERT_TRUE(date.has_value());
  EXPECT_EQ(date->year, 2025);
  EXPECT_EQ(date->month, 3);
  EXPECT_EQ(date->day, 14);
}

TEST(Date, RejectsAnythingButStrictYearMonthDay) {
  for (const char* text : {"", "2025-3-14", "2025-03-4", "25-03-14", "2025/03/14", "20250314", " 2025-03-14",
                           "2025-03-14 ", "2025-03-14T10:00", "+025-03-14", "2025-+3-14", "2025-03--1", "abcd-ef-gh",
                           "2025-03-1a", "0000-01-01"}) {
    EXPECT_FALSE(Date::parse(text).has_value()) << '"' << text << '"';
  }
}

TEST(Date, RejectsDaysThatDoNotExist) {
  for (const char* text : {"2025-00-10", "2025-13-01", "2025-01-00", "2025-01-32", "2025-04-31", "2025-06-31",
                           "2025-09-31", "2025-11-31", "2025-02-30"}) {
    EXPECT_FALSE(Date::parse(text).has_value()) << text;
  }
  for (const char* text : {"2025-01-31", "2025-04-30", "2025-12-31", "2025-02-28"}) {
    EXPECT_TRUE(Date::parse(text).has_value()) << text;
  }
}

TEST(Date, AcceptsLeapDaysOnlyInLeapYears) {
  // Gregorian rule: divisible by 4, except centuries, except centuries divisible by 400.
  EXPECT_TRUE(Date::parse("2024-02-29").has_value());
  EXPECT_TRUE(Date::parse("2000-02-29").has_value());
  EXPECT_TRUE(Date::parse("2028-02-29").has_value());
  EXPECT_FALSE(Date::parse("2023-02-29").has_value());
  EXPECT_FALSE(Date::parse("1900-02-29").has_value());
  EXPECT_FALSE(Date::parse("2100-02-29").has_value());
  EXPECT_FALSE(Date::parse("2024-02-30").has_value());
}

TEST(Date, PrintsZeroPaddedDays) {
  EXPECT_EQ((Date{2025, 3, 4}).toString(), "2025-03-04");
  EXPECT_EQ((Date{2024, 12, 31}).toString(), "2024-12-31");
  EXPECT_EQ((Date{999, 1, 5}).toString(), "0999-01-05");
}

TEST(Date, PrintedDayParsesBackToTheSameDay) {
  const Date leapDay{2024, 2, 29};
  EXPECT_EQ(Date::parse(leapDay.toString()), leapDay);
}

TEST(Date, MonthKeyIsYearAndMonth) {
  EXPECT_EQ((Date{2025, 3, 14}).monthKey(), "2025-03");
  EXPECT_EQ((Date{2025, 11, 1}).monthKey(), "2025-11");
}

TEST(Date, QuarterKeyGroupsThreeMonths) {
  const std::pair<int, const char*> expected[] = {{1, "2025-Q1"},  {2, "2025-Q1"},  {3, "2025-Q1"},
                                                  {4, "2025-Q2"},  {5, "2025-Q2"},  {6, "2025-Q2"},
                                                  {7, "2025-Q3"},  {8, "2025-Q3"},  {9, "2025-Q3"},
                                                  {10, "2025-Q4"}, {11, "2025-Q4"}, {12, "2025-Q4"}};
  for (const auto& [month, key] : expected) EXPECT_EQ((Date{2025, month, 15}).quarterKey(), key) << month;
}

TEST(Date, OrdersByYearThenMonthThenDay) {
  EXPECT_LT((Date{2024, 12, 31}), (Date{2025, 1, 1}));
  EXPECT_LT((Date{2025, 1, 31}), (Date{2025, 2, 1}));
  EXPECT_LT((Date{2025, 2, 1}), (Date{2025, 2, 2}));
  EXPECT_EQ((Date{2025, 2, 2}), (Date{2025, 2, 2}));
}

TEST(SystemClock, TodayIsTheCurrentUtcDay) {
  // Independent reference: the C library's gmtime. Read before and after so that a run across
  // midnight UTC still has a matching day.
  const auto utcDay = [] {
    const std::time_t now = std::time(nullptr);
    std::tm parts{};
    gmtime_r(&now, &parts);
    return Date{parts.tm_year + 1900, parts.tm_mon + 1, parts.tm_mday};
  };
  const Date before = utcDay();
  const Date today = SystemClock().today();
  const Date after = utcDay();
  EXPECT_TRUE(today == before || today == after) << today.toString();
}

}  // namespace
}  // namespace courtvoice::surveys
