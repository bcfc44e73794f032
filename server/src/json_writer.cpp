#include "courtvoice/server/json_writer.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>

namespace courtvoice::server {

namespace {
constexpr int kDecimalDigits = 15;  // std::numeric_limits<double>::digits10, Poco's bounds
}  // namespace

void JsonWriter::separate() {
  if (afterKey_) {
    afterKey_ = false;
    return;
  }
  if (!first_.empty()) {
    if (!first_.back()) out_ += ',';
    first_.back() = false;
  }
}

JsonWriter& JsonWriter::beginObject() {
  separate();
  out_ += '{';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::endObject() {
  out_ += '}';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::beginArray() {
  separate();
  out_ += '[';
  first_.push_back(true);
  return *this;
}

JsonWriter& JsonWriter::endArray() {
  out_ += ']';
  first_.pop_back();
  return *this;
}

JsonWriter& JsonWriter::key(std::string_view name) {
  value(name);
  out_ += ':';
  afterKey_ = true;
  return *this;
}

JsonWriter& JsonWriter::value(std::string_view text) {
  separate();
  out_ += '"';
  std::size_t plain = 0;  // start of the run of characters copied as they are
  for (std::size_t i = 0; i < text.size(); ++i) {
    const auto byte = static_cast<unsigned char>(text[i]);
    if (byte >= 0x20 && byte != '"' && byte != '\\') continue;  // UTF-8 is kept as is
    out_.append(text, plain, i - plain);
    plain = i + 1;
    switch (byte) {
      case '"': out_ += "\\\""; break;
      case '\\': out_ += "\\\\"; break;
      case '\n': out_ += "\\n"; break;
      case '\r': out_ += "\\r"; break;
      case '\t': out_ += "\\t"; break;
      case '\b': out_ += "\\b"; break;
      case '\f': out_ += "\\f"; break;
      default: {
        static constexpr char kHex[] = "0123456789abcdef";
        out_ += "\\u00";
        out_ += kHex[byte >> 4];
        out_ += kHex[byte & 0xF];
      }
    }
  }
  out_.append(text, plain, text.size() - plain);
  out_ += '"';
  return *this;
}

JsonWriter& JsonWriter::value(std::int64_t number) {
  separate();
  char buffer[24];
  const auto end = std::to_chars(buffer, buffer + sizeof buffer, number).ptr;
  out_.append(buffer, end);
  return *this;
}

JsonWriter& JsonWriter::value(bool flag) {
  separate();
  out_ += flag ? "true" : "false";
  return *this;
}

JsonWriter& JsonWriter::value(std::optional<double> number) {
  if (!number || !std::isfinite(*number)) return null();
  separate();
  // The shortest exact form, as Poco writes numbers (double-conversion's ToShortest with
  // decimals from 1e-15 up to 1e15, exponents outside): 0.0000001, 71.25, 2.5e-16.
  char buffer[64];  // the longest: 0.000000000000001 and 17 more digits
  const std::to_chars_result scientific = std::to_chars(buffer, buffer + sizeof buffer, *number, std::chars_format::scientific);
  const char* e = std::find(buffer, scientific.ptr, 'e');
  int exponent = 0;
  std::from_chars(e + 1 + (e[1] == '+' ? 1 : 0), scientific.ptr, exponent);
  if (exponent < -kDecimalDigits || exponent >= kDecimalDigits) {
    out_.append(buffer, static_cast<std::size_t>(scientific.ptr - buffer));
    return *this;
  }
  const char* end = std::to_chars(buffer, buffer + sizeof buffer, *number, std::chars_format::fixed).ptr;
  out_.append(buffer, static_cast<std::size_t>(end - buffer));
  return *this;
}

JsonWriter& JsonWriter::null() {
  separate();
  out_ += "null";
  return *this;
}

JsonWriter& JsonWriter::raw(std::string_view json) {
  separate();
  out_ += json;
  return *this;
}

}  // namespace courtvoice::server
