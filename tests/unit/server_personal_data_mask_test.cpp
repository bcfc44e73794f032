// Personal data in comments: what is masked and what is left alone. The IIN check digits and
// Luhn digits below were computed independently (python3, the official two-pass weighted mod-11
// rule for IIN: weights 1..11, then 3..11,1,2; the standard Luhn rule), not with this code.
#include <gtest/gtest.h>

#include "courtvoice/server/personal_data_mask.hpp"

namespace courtvoice::server {
namespace {

TEST(IinCheck, AcceptsIinsWithCorrectCheckDigit) {
  EXPECT_TRUE(isValidIin("900101300126"));
  EXPECT_TRUE(isValidIin("850725401230"));
  EXPECT_TRUE(isValidIin("010203500008"));
  EXPECT_TRUE(isValidIin("771231100015"));
  EXPECT_TRUE(isValidIin("000229500018"));  // 29 February 2000 (century digit 5: a leap year)
  EXPECT_TRUE(isValidIin("990228600073"));
}

TEST(IinCheck, UsesSecondWeightsWhenFirstPassGivesTen) {
  EXPECT_TRUE(isValidIin("900101300811"));  // first pass 10, second pass 1
  EXPECT_FALSE(isValidIin("900101300810"));
}

TEST(IinCheck, RejectsWhenBothPassesGiveTen) {
  for (char last = '0'; last <= '9'; ++last) {
    EXPECT_FALSE(isValidIin(std::string("90010130080") + last)) << last;
  }
}

TEST(IinCheck, RejectsWrongCheckDigitDateOrCenturyDigit) {
  EXPECT_FALSE(isValidIin("900101300127"));  // check digit off by one
  EXPECT_FALSE(isValidIin("850725401231"));
  EXPECT_FALSE(isValidIin("901301300124"));  // month 13
  EXPECT_FALSE(isValidIin("990229600000"));  // 29 February 1999
  EXPECT_FALSE(isValidIin("900101700126"));  // century digit 7
  EXPECT_FALSE(isValidIin("90010130012"));   // eleven digits
  EXPECT_FALSE(isValidIin("90010130012a"));
}

TEST(LuhnCheck, KnownNumbers) {
  EXPECT_TRUE(passesLuhn("4000000000000002"));
  EXPECT_TRUE(passesLuhn("4276330021456785"));
  EXPECT_TRUE(passesLuhn("378282246310005"));
  EXPECT_TRUE(passesLuhn("6011000000000000126"));
  EXPECT_FALSE(passesLuhn("4276330021456784"));
  EXPECT_FALSE(passesLuhn("4000000000000001"));
}

TEST(PersonalDataMask, MasksValidIinAnywhereInText) {
  EXPECT_EQ(maskPersonalData("Мой ИИН 900101300126, прошу связаться"), "Мой ИИН [IIN], прошу связаться");
  EXPECT_EQ(maskPersonalData("ЖСН:850725401230."), "ЖСН:[IIN].");
  EXPECT_EQ(maskPersonalData("IIN 900101 300126 grouped"), "IIN [IIN] grouped");
}

TEST(PersonalDataMask, MasksTwelveDigitsWithWrongCheckAsNumber) {
  EXPECT_EQ(maskPersonalData("ИИН 900101300127 (опечатка)"), "ИИН [number] (опечатка)");
  EXPECT_EQ(maskPersonalData("БИН 123456789012"), "БИН [number]");
}

TEST(PersonalDataMask, MasksPhoneNumbersInUsualFormats) {
  EXPECT_EQ(maskPersonalData("звоните +7 (701) 123-45-67 вечером"), "звоните [phone] вечером");
  EXPECT_EQ(maskPersonalData("тел. 8 701 123 45 67"), "тел. [phone]");
  EXPECT_EQ(maskPersonalData("87011234567"), "[phone]");
  EXPECT_EQ(maskPersonalData("+77011234567!"), "[phone]!");
  EXPECT_EQ(maskPersonalData("8(7172)55-12-34"), "[phone]");
  EXPECT_EQ(maskPersonalData("8-701-123-45-67"), "[phone]");
  EXPECT_EQ(maskPersonalData("номер 701 123 4567"), "номер [phone]");
  EXPECT_EQ(maskPersonalData("тел87011234567"), "тел[phone]");
}

TEST(PersonalDataMask, PhoneFollowedByAnotherNumberIsStillMasked) {
  EXPECT_EQ(maskPersonalData("8 701 123 45 67 2 раза звонил"), "[phone] 2 раза звонил");
}

TEST(PersonalDataMask, MasksEmailAddresses) {
  EXPECT_EQ(maskPersonalData("пишите на ivan.petrov-1@mail.kz."), "пишите на [e-mail].");
  EXPECT_EQ(maskPersonalData("a_b+tag@sub.example.com, b@x.org"), "[e-mail], [e-mail]");
  EXPECT_EQ(maskPersonalData("Email: Aigerim.K@gov.kz"), "Email: [e-mail]");
}

TEST(PersonalDataMask, LeavesAtSignsThatAreNotAddresses) {
  EXPECT_EQ(maskPersonalData("встреча @ 10:00"), "встреча @ 10:00");
  EXPECT_EQ(maskPersonalData("user@localhost"), "user@localhost");
}

TEST(PersonalDataMask, MasksCardNumbersThatPassLuhn) {
  EXPECT_EQ(maskPersonalData("карта 4276 3300 2145 6785 списали"), "карта [card] списали");
  EXPECT_EQ(maskPersonalData("4000-0000-0000-0002"), "[card]");
  EXPECT_EQ(maskPersonalData("3782 822463 10005"), "[card]");
  EXPECT_EQ(maskPersonalData("4000000000000002"), "[card]");
}

TEST(PersonalDataMask, LeavesDigitRunsThatFailLuhn) {
  EXPECT_EQ(maskPersonalData("4276 3300 2145 6784"), "4276 3300 2145 6784");
}

TEST(PersonalDataMask, LeavesDatesAmountsAndCaseNumbers) {
  const std::string texts[] = {
      "Заседание 12.05.2024 перенесли на 2024-06-01",
      "штраф 150 000 тенге, госпошлина 1 500 000 тг",
      "дело № 2-1234/2024 и № 7523-24-00-2/1154",
      "ждал 45 минут, очередь 12 человек, кабинет 305",
      "Сот ғимараты 3 қабатта, 2023 жылы",
      "years 2019 2020 2021",
      "Judge Ivanov, 12 Abay avenue, Almaty",
  };
  for (const auto& text : texts) EXPECT_EQ(maskPersonalData(text), text);
}

TEST(PersonalDataMask, SeveralKindsInOneComment) {
  EXPECT_EQ(maskPersonalData("Я, ИИН 771231100015, тел +7 701 1234567, e-mail x@y.kz, карта 4000 0000 0000 0002"),
            "Я, ИИН [IIN], тел [phone], e-mail [e-mail], карта [card]");
}

TEST(PersonalDataMask, EmptyAndPlainTextUnchanged) {
  EXPECT_EQ(maskPersonalData(""), "");
  EXPECT_EQ(maskPersonalData("Всё хорошо, спасибо!"), "Всё хорошо, спасибо!");
}

}  // namespace
}  // namespace courtvoice::server
