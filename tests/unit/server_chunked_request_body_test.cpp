// The strict chunked decoder: well-formed bodies (extensions, trailers, many chunks) read whole;
// every framing error makes the stream bad instead of ending the body quietly.
#include <gtest/gtest.h>

#include <sstream>
#include <string>

#include "courtvoice/server/chunked_request_body.hpp"

namespace courtvoice::server {
namespace {

struct Decoded {
  std::string body;
  bool bad = false;
  std::string rest;  ///< what is left unread after the body
};

Decoded decode(const std::string& wire) {
  std::istringstream source(wire);
  ChunkedRequestStream body([&source] { return source.get(); },
                         [&source](char* buffer, std::streamsize n) {
                           source.read(buffer, n);
                           return static_cast<int>(source.gcount());
                         });
  Decoded out;
  std::ostringstream text;
  char buffer[7];
  while (body.read(buffer, sizeof buffer) || body.gcount() > 0) text.write(buffer, body.gcount());
  out.body = text.str();
  out.bad = body.bad();
  source.clear();
  std::getline(source, out.rest, '\0');
  return out;
}

TEST(ChunkedRequestBody, WellFormedBodiesAreReadWholeAndNothingAfterThem) {
  const auto simple = decode("5\r\nhello\r\n6\r\n world\r\n0\r\n\r\nGET / HTTP/1.1\r\n");
  EXPECT_EQ(simple.body, "hello world");
  EXPECT_FALSE(simple.bad);
  EXPECT_EQ(simple.rest, "GET / HTTP/1.1\r\n");  // the next request stays where it is

  const auto extended = decode("A;name=value\r\n0123456789\r\n0\r\nX-Trailer: yes\r\n\r\n");
  EXPECT_EQ(extended.body, "0123456789");
  EXPECT_FALSE(extended.bad);
  EXPECT_EQ(decode("0\r\n\r\n").body, "");
}

TEST(ChunkedRequestBody, EveryFramingErrorMakesTheStreamBad) {
  for (const std::string wire : {"ZGET /api/v1/courts?lang=en HTTP/1.1\r\nHost: x\r\n\r\n",  // the smuggling case
                                 "5\r\nhello\r\nZ\r\n",              // a later size not hexadecimal
                                 "5\r\nhelloXX0\r\n\r\n",            // no CRLF after the data
                                 "5 \r\nhello\r\n0\r\n\r\n",         // junk after the size
                                 "10\r\nhello",                      // ends inside a chunk
                                 "5\nhello\r\n0\r\n\r\n",            // a bare LF
                                 "1000000000000000\r\n",             // a size too long to hold
                                 "0\r\nX-Trailer: yes"}) {           // trailers never end
    SCOPED_TRACE(wire);
    EXPECT_TRUE(decode(wire).bad);
  }
}

}  // namespace
}  // namespace courtvoice::server
