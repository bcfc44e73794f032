#pragma once
// A chunked request body decoded strictly (RFC 9112 7.1), in place of Poco's decoder: Poco 1.11
// takes a malformed chunk size for the end of the body without a word, so the bytes after it
// were read as the next request on the connection (request smuggling). Here any framing error
// (a size that is not hex, no CRLF after a chunk, the stream ending early, trailers too long)
// throws MalformedChunk from the stream buffer, which std::istream turns into badbit; the body
// reader then answers 400 "malformed_body" and the connection closes.
#include <array>
#include <functional>
#include <istream>
#include <stdexcept>
#include <streambuf>
#include <utility>

namespace courtvoice::server {

class MalformedChunk : public std::runtime_error {
 public:
  using std::runtime_error::runtime_error;
};

class ChunkedRequestBuffer final : public std::streambuf {
 public:
  /// `get`: the next byte or -1 at the end; `read`: up to n bytes into the buffer, 0 at the end.
  ChunkedRequestBuffer(std::function<int()> get, std::function<int(char*, std::streamsize)> read);

 protected:
  int_type underflow() override;

 private:
  void readSizeLine();
  void expectLineEnd();
  void readTrailers();

  std::function<int()> get_;
  std::function<int(char*, std::streamsize)> read_;
  std::streamsize left_ = 0;  ///< bytes left in the current chunk
  bool done_ = false;
  std::array<char, 8192> buffer_{};
};

class ChunkedRequestStream final : public std::istream {
 public:
  ChunkedRequestStream(std::function<int()> get, std::function<int(char*, std::streamsize)> read)
      : std::istream(nullptr), buffer_(std::move(get), std::move(read)) {
    rdbuf(&buffer_);
  }

 private:
  ChunkedRequestBuffer buffer_;
};

}  // namespace courtvoice::server
