// The QR encoder's output, checked by structure here; tests/e2e decodes it with zbarimg.
#include <gtest/gtest.h>

#include <stdexcept>

#include "courtvoice/server/qr_code.hpp"

namespace courtvoice::server {
namespace {

// The finder pattern: a 7x7 dark ring, a light ring, a 3x3 dark centre, at three corners.
bool finderAt(const QrMatrix& qr, int left, int top) {
  for (int y = 0; y < 7; ++y) {
    for (int x = 0; x < 7; ++x) {
      const bool ring = x == 0 || y == 0 || x == 6 || y == 6;
      const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
      if (qr.at(left + x, top + y) != (ring || centre)) return false;
    }
  }
  return true;
}

TEST(QrCode, HasTheThreeFinderPatternsOfAQrSymbol) {
  const auto qr = encodeQr("https://courts.example.kz/s/court_user?court=AST-ESL");
  // Version v has 17 + 4v modules a side; 53 bytes at level M need version 4 (33 modules).
  EXPECT_EQ(qr.size, 33);
  EXPECT_TRUE(finderAt(qr, 0, 0));
  EXPECT_TRUE(finderAt(qr, qr.size - 7, 0));
  EXPECT_TRUE(finderAt(qr, 0, qr.size - 7));
  EXPECT_FALSE(finderAt(qr, qr.size - 7, qr.size - 7));
}

TEST(QrCode, RefusesEmptyAndOversizedText) {
  EXPECT_THROW(encodeQr(""), std::invalid_argument);
  EXPECT_THROW(encodeQr(std::string(3000, 'a')), std::invalid_argument);  // version 40-M holds 2331 bytes
}

TEST(QrCode, SvgDrawsEveryDarkModuleInsideTheQuietZone) {
  const auto qr = encodeQr("AB");
  const auto svg = qrSvg(qr, 4);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 29 29\"", 0), 0u);  // 21 + 2*4
  // The top-left finder's first row is one run of 7 modules starting at the quiet zone's edge.
  EXPECT_NE(svg.find("M4,4h7v1h-7z"), std::string::npos);
}

TEST(QrCode, PngHasTheSignatureAndTheScaledSize) {
  const auto qr = encodeQr("AB");
  const auto png = qrPng(qr, 8, 4);
  ASSERT_GT(png.size(), 33u);
  EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
  EXPECT_EQ(png.substr(12, 4), "IHDR");
  const auto be32 = [&](std::size_t at) {
    return (static_cast<unsigned char>(png[at]) << 24) | (static_cast<unsigned char>(png[at + 1]) << 16) |
           (static_cast<unsigned char>(png[at + 2]) << 8) | static_cast<unsigned char>(png[at + 3]);
  };
  EXPECT_EQ(be32(16), (21 + 8) * 8);
  EXPECT_EQ(be32(20), (21 + 8) * 8);
  EXPECT_EQ(png.substr(png.size() - 8, 4), "IEND");
}

}  // namespace
}  // namespace courtvoice::server
