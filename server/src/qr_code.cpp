#include "courtvoice/server/qr_code.hpp"

#include <memory>
#include <sstream>
#include <stdexcept>

#include <Poco/Checksum.h>
#include <Poco/DeflatingStream.h>
#include <qrencode.h>

namespace courtvoice::server {

QrMatrix encodeQr(const std::string& text) {
  if (text.empty()) throw std::invalid_argument("a QR code needs some text");
  // Version 0: the smallest symbol that holds the text.
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) throw std::invalid_argument("text too long for a QR code (" + std::to_string(text.size()) + " bytes)");
  QrMatrix qr;
  qr.size = code->width;
  qr.dark.resize(static_cast<std::size_t>(qr.size) * qr.size);
  // libqrencode puts other flags in the upper bits; bit 0 is the colour.
  for (std::size_t i = 0; i < qr.dark.size(); ++i) qr.dark[i] = code->data[i] & 1;
  return qr;
}

std::string qrSvg(const QrMatrix& qr, int quietModules) {
  const int side = qr.size + 2 * quietModules;
  std::ostringstream out;
  out << "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " << side << ' ' << side
      << "\" shape-rendering=\"crispEdges\"><rect width=\"" << side << "\" height=\"" << side
      << "\" fill=\"#fff\"/><path fill=\"#000\" d=\"";
  // One rectangle per run of dark modules in a row keeps the path short.
  for (int y = 0; y < qr.size; ++y) {
    for (int x = 0; x < qr.size;) {
      if (!qr.at(x, y)) {
        ++x;
        continue;
      }
      int run = 0;
      while (x + run < qr.size && qr.at(x + run, y)) ++run;
      out << 'M' << x + quietModules << ',' << y + quietModules << 'h' << run << "v1h-" << run << 'z';
      x += run;
    }
  }
  out << "\"/></svg>";
  return out.str();
}

namespace {

void putBigEndian32(std::string& out, std::uint32_t value) {
  for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<char>((value >> shift) & 0xff));
}

void putChunk(std::string& out, const char type[4], const std::string& data) {
  putBigEndian32(out, static_cast<std::uint32_t>(data.size()));
  const std::string typed = std::string(type, 4) + data;
  out += typed;
  Poco::Checksum crc(Poco::Checksum::TYPE_CRC32);
  crc.update(typed.data(), static_cast<unsigned>(typed.size()));
  putBigEndian32(out, crc.checksum());
}

}  // namespace

std::string qrPng(const QrMatrix& qr, int pixelsPerModule, int quietModules) {
  const int side = (qr.size + 2 * quietModules) * pixelsPerModule;
  // Each scanline: filter byte 0 (none), then one grey byte per pixel (0 black, 255 white).
  std::string raw;
  raw.reserve(static_cast<std::size_t>(side) * (side + 1));
  for (int py = 0; py < side; ++py) {
    raw.push_back(0);
    const int y = py / pixelsPerModule - quietModules;
    for (int px = 0; px < side; ++px) {
      const int x = px / pixelsPerModule - quietModules;
      const bool dark = x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.at(x, y);
      raw.push_back(static_cast<char>(dark ? 0 : 255));
    }
  }
  std::ostringstream compressed;
  {
    Poco::DeflatingOutputStream deflate(compressed, Poco::DeflatingStreamBuf::STREAM_ZLIB, 9);
    deflate.write(raw.data(), static_cast<std::streamsize>(raw.size()));
    deflate.close();
  }
  std::string header;
  putBigEndian32(header, static_cast<std::uint32_t>(side));
  putBigEndian32(header, static_cast<std::uint32_t>(side));
  header += std::string("\x08\x00\x00\x00\x00", 5);  // depth 8, greyscale, deflate, no filter, no interlace
  std::string png("\x89PNG\r\n\x1a\n", 8);
  putChunk(png, "IHDR", header);
  putChunk(png, "IDAT", compressed.str());
  putChunk(png, "IEND", "");
  return png;
}

}  // namespace courtvoice::server
