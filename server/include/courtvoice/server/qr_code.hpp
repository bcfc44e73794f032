#pragma once
// QR codes for posters and invitation slips, made on the server with Debian's libqrencode: a
// printed link must not depend on an outside service.
#include <cstdint>
#include <string>
#include <vector>

namespace courtvoice::server {

/// A square of modules, row by row; dark[y * size + x] is 1 for a dark module.
struct QrMatrix {
  int size = 0;
  std::vector<std::uint8_t> dark;
  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * size + x] != 0; }
};

/// Encodes `text` (UTF-8, as bytes) with error correction level M (15% of the code may be soiled or
/// torn and it still reads). Throws std::invalid_argument when the text is empty or too long for
/// a QR code.
QrMatrix encodeQr(const std::string& text);

/// A standalone <svg> element, black on white, sized in modules (viewBox) with a quiet zone of
/// `quietModules` around it; scale it with CSS width/height.
std::string qrSvg(const QrMatrix& qr, int quietModules = 4);

/// An 8-bit greyscale PNG, `pixelsPerModule` pixels per module, with the quiet zone.
std::string qrPng(const QrMatrix& qr, int pixelsPerModule = 8, int quietModules = 4);

}  // namespace courtvoice::server
