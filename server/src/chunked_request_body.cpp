#include "courtvoice/server/chunked_request_body.hpp"

#include <algorithm>
#include <utility>

namespace courtvoice::server {

namespace {

// A chunk size of more hex digits could overflow; trailers are bounded like a header block.
constexpr int kMaxSizeDigits = 15;
constexpr int kMaxExtensionBytes = 1024;
constexpr int kMaxTrailerBytes = 8192;

int hexValue(int c) {
  if (c >= '0' && c <= '9') return c - '0';
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  if (c >= 'A' && c <= 'F') return c - 'A' + 10;
  return -1;
}

}  // namespace

ChunkedRequestBuffer::ChunkedRequestBuffer(std::function<int()> get, std::function<int(char*, std::streamsize)> read)
    : get_(std::move(get)), read_(std::move(read)) {}

void ChunkedRequestBuffer::expectLineEnd() {
  if (get_() != '\r' || get_() != '\n') throw MalformedChunk("a chunk line does not end in CRLF");
}

void ChunkedRequestBuffer::readSizeLine() {
  int c = get_();
  int digits = 0;
  std::streamsize size = 0;
  for (; hexValue(c) >= 0; c = get_()) {
    if (++digits > kMaxSizeDigits) throw MalformedChunk("a chunk size is too long");
    size = size * 16 + hexValue(c);
  }
  if (digits == 0) throw MalformedChunk("a chunk size is not hexadecimal");
  if (c == ';') {  // chunk extensions: ignored, bounded
    int extension = 0;
    for (c = get_(); c != '\r' && c != -1; c = get_()) {
      if (++extension > kMaxExtensionBytes) throw MalformedChunk("a chunk extension is too long");
    }
  }
  if (c != '\r' || get_() != '\n') throw MalformedChunk("a chunk size line does not end in CRLF");
  left_ = size;
}

void ChunkedRequestBuffer::readTrailers() {
  int bytes = 0;
  while (true) {
    int c = get_();
    if (c == '\r') {
      if (get_() != '\n') throw MalformedChunk("the trailer section does not end in CRLF");
      return;  // the empty line: the end of the body
    }
    for (; c != '\r'; c = get_()) {
      if (c == -1 || ++bytes > kMaxTrailerBytes) throw MalformedChunk("the trailer section is malformed or too long");
    }
    if (get_() != '\n') throw MalformedChunk("a trailer line does not end in CRLF");
  }
}

ChunkedRequestBuffer::int_type ChunkedRequestBuffer::underflow() {
  if (gptr() < egptr()) return traits_type::to_int_type(*gptr());
  if (done_) return traits_type::eof();
  if (left_ == 0) {
    readSizeLine();
    if (left_ == 0) {
      readTrailers();
      done_ = true;
      return traits_type::eof();
    }
  }
  const auto wanted = std::min<std::streamsize>(left_, static_cast<std::streamsize>(buffer_.size()));
  const int got = read_(buffer_.data(), wanted);
  if (got <= 0) throw MalformedChunk("the body ended inside a chunk");
  left_ -= got;
  if (left_ == 0) expectLineEnd();
  setg(buffer_.data(), buffer_.data(), buffer_.data() + got);
  return traits_type::to_int_type(*gptr());
}

}  // namespace courtvoice::server
