#pragma once
// A chunked HTTP response body sent in chunks of 64 KiB. Poco's own chunked stream sends a chunk,
// one send() system call, every 4 KiB (HTTPBufferAllocator::BUFFER_SIZE, fixed): 80,000 calls
// for the 316 MB long export of 100,000 responses. This buffer writes the chunks straight to the
// connection's socket after response.send() has sent the headers; Poco's stream, left empty,
// still writes the last chunk ("0\r\n\r\n") when the response ends.
#include <cstddef>
#include <optional>
#include <ostream>
#include <streambuf>
#include <string>

#include <Poco/Net/HTTPServerRequest.h>
#include <Poco/Net/HTTPServerResponse.h>
#include <Poco/Net/StreamSocket.h>

namespace courtvoice::server {

class ChunkedBodyBuffer final : public std::streambuf {
 public:
  static constexpr std::size_t kChunkSize = 64 * 1024;
  explicit ChunkedBodyBuffer(Poco::Net::StreamSocket& socket);

 protected:
  int_type overflow(int_type c) override;
  std::streamsize xsputn(const char* text, std::streamsize count) override;
  int sync() override;

 private:
  void sendChunk();

  Poco::Net::StreamSocket& socket_;
  std::string chunk_;  ///< "<size in hex>\r\n" is put before the data when it is sent
};

/// The body of a chunked response. open() sends the headers (response.send()) and returns a
/// stream that writes 64 KiB chunks, or Poco's own stream when the request is not Poco's server
/// request (whose socket this needs). finish() sends what is left once the body is complete;
/// without it (an error part way) the rest is never sent. A write that fails (the client went
/// away) throws, so that an export stops reading the database.
class ChunkedBody {
 public:
  ChunkedBody(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response);
  std::ostream& open();
  void finish();

 private:
  Poco::Net::HTTPServerRequest& request_;
  Poco::Net::HTTPServerResponse& response_;
  std::optional<ChunkedBodyBuffer> buffer_;
  std::optional<std::ostream> stream_;
  std::ostream* poco_ = nullptr;
};

}  // namespace courtvoice::server
