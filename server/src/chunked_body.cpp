#include "courtvoice/server/chunked_body.hpp"

#include <Poco/Net/HTTPServerRequestImpl.h>

namespace courtvoice::server {

namespace {
constexpr std::size_t kHeadRoom = 16;  // "<up to 8 hex digits>\r\n" put before the data
}  // namespace

ChunkedBodyBuffer::ChunkedBodyBuffer(Poco::Net::StreamSocket& socket) : socket_(socket) {
  chunk_.reserve(kHeadRoom + kChunkSize + 2);
}

void ChunkedBodyBuffer::sendChunk() {
  if (chunk_.empty()) return;
  static constexpr char kHex[] = "0123456789abcdef";
  char head[kHeadRoom];
  std::size_t start = kHeadRoom;
  head[--start] = '\n';
  head[--start] = '\r';
  for (std::size_t size = chunk_.size(); size > 0; size >>= 4U) head[--start] = kHex[size & 0xFU];
  chunk_.insert(0, head + start, kHeadRoom - start);
  chunk_ += "\r\n";
  // A blocking socket: sendBytes returns when all is sent, and throws when the peer has gone.
  socket_.sendBytes(chunk_.data(), static_cast<int>(chunk_.size()));
  chunk_.clear();
}

ChunkedBodyBuffer::int_type ChunkedBodyBuffer::overflow(int_type c) {
  if (traits_type::eq_int_type(c, traits_type::eof())) return traits_type::not_eof(c);
  chunk_ += traits_type::to_char_type(c);
  if (chunk_.size() >= kChunkSize) sendChunk();
  return c;
}

std::streamsize ChunkedBodyBuffer::xsputn(const char* text, std::streamsize count) {
  chunk_.append(text, static_cast<std::size_t>(count));
  if (chunk_.size() >= kChunkSize) sendChunk();
  return count;
}

int ChunkedBodyBuffer::sync() {
  sendChunk();
  return 0;
}

ChunkedBody::ChunkedBody(Poco::Net::HTTPServerRequest& request, Poco::Net::HTTPServerResponse& response)
    : request_(request), response_(response) {}

std::ostream& ChunkedBody::open() {
  response_.setChunkedTransferEncoding(true);
  poco_ = &response_.send();  // the headers are on the wire when send() returns
  auto* server = dynamic_cast<Poco::Net::HTTPServerRequestImpl*>(&request_);
  if (server == nullptr) return *poco_;
  buffer_.emplace(server->socket());
  stream_.emplace(&*buffer_);
  stream_->exceptions(std::ios::badbit);
  return *stream_;
}

void ChunkedBody::finish() {
  if (stream_) stream_->flush();
  if (poco_ != nullptr) poco_->flush();
}

}  // namespace courtvoice::server
