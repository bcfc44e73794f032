// Invitation codes: their alphabet, randomness, normalisation and hash.
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "courtvoice/surveys/invitation_code.hpp"

namespace courtvoice::surveys {
namespace {

TEST(InvitationCode, GeneratedCodesAreSixteenSymbolsOfTheAlphabetAndDistinct) {
  std::set<std::string> seen;
  std::map<char, int> frequency;
  constexpr int kCodes = 4000;
  for (int i = 0; i < kCodes; ++i) {
    const std::string code = generateInvitationCode();
    ASSERT_EQ(code.size(), 16U);
    for (const char c : code) {
      ASSERT_NE(kInvitationAlphabet.find(c), std::string_view::npos) << code;
      ++frequency[c];
    }
    seen.insert(code);
  }
  EXPECT_EQ(seen.size(), static_cast<std::size_t>(kCodes));
  // Every symbol equally likely: chi-square with 31 degrees of freedom over 64,000 symbols;
  // 61.1 is its 0.999 quantile, so a fair source fails this once in a thousand runs.
  ASSERT_EQ(frequency.size(), 32U);
  const double expected = kCodes * 16.0 / 32.0;
  double chiSquare = 0;
  for (const auto& [symbol, count] : frequency) chiSquare += (count - expected) * (count - expected) / expected;
  EXPECT_LT(chiSquare, 61.1);
}

TEST(InvitationCode, NormalisationIgnoresCaseSpacesAndHyphensAndRefusesLookalikes) {
  EXPECT_EQ(normaliseInvitationCode("K7QM-X2PD-9TRH-WC4N"), "K7QMX2PD9TRHWC4N");
  EXPECT_EQ(normaliseInvitationCode(" k7qm x2pd-9trh wc4n "), "K7QMX2PD9TRHWC4N");
  EXPECT_EQ(normaliseInvitationCode("K7QMX2PD9TRHWC4N"), "K7QMX2PD9TRHWC4N");
  EXPECT_EQ(normaliseInvitationCode("l7qm-x2pd-9trh-wc4n"), "L7QMX2PD9TRHWC4N");  // L is a symbol
  for (const char* bad : {"K7QM-X2PD-9TRH-WC4O", "K7QM-X2PD-9TRH-WC40", "K7QM-X2PD-9TRH-WC4I",
                          "K7QM-X2PD-9TRH-WC41", "K7QM-X2PD-9TRH-WC4", "K7QM-X2PD-9TRH-WC4NN", "", "K7QM_X2PD_9TRH_WC4N",
                          "K7QM-X2PD-9TRH-WC4\xC3\x91"}) {
    EXPECT_FALSE(normaliseInvitationCode(bad).has_value()) << bad;
  }
}

TEST(InvitationCode, FormatsInGroupsOfFourAndHashesTheNormalisedCodeWithSha256) {
  EXPECT_EQ(formatInvitationCode("K7QMX2PD9TRHWC4N"), "K7QM-X2PD-9TRH-WC4N");
  // Expected value from Python's hashlib.sha256(b"K7QMX2PD9TRHWC4N").
  const std::string hash = hashInvitationCode("K7QMX2PD9TRHWC4N");
  ASSERT_EQ(hash.size(), 32U);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string hex;
  for (const unsigned char byte : hash) {
    hex += kHex[byte >> 4U];
    hex += kHex[byte & 0xFU];
  }
  EXPECT_EQ(hex, "2862e38efae8fea84d26167958402f7b984785f4d4beec078d37326ca30ba0a8");
}

}  // namespace
}  // namespace courtvoice::surveys
