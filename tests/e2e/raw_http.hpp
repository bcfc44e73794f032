#pragma once
// A raw TCP client for tests that must send what no HTTP library sends: a request trickled byte
// by byte, a malformed chunk, a body over the limit while reading the answer.
#include <chrono>
#include <string>
#include <thread>

#include <Poco/Net/NetException.h>
#include <Poco/Net/SocketAddress.h>
#include <Poco/Net/StreamSocket.h>
#include <Poco/Timespan.h>

namespace courtvoice::e2e {

class RawConnection {
 public:
  /// Connects to 127.0.0.1:port, from `source` (e.g. "127.0.0.2") when given.
  explicit RawConnection(int port, const std::string& source = "") {
    if (!source.empty()) {
      socket_ = Poco::Net::StreamSocket(Poco::Net::SocketAddress::IPv4);
      socket_.impl()->bind(Poco::Net::SocketAddress(source, 0), false);  // StreamSocket::bind is newer than Poco 1.11
    }
    socket_.connect(Poco::Net::SocketAddress("127.0.0.1", static_cast<Poco::UInt16>(port)));
  }

  /// Sends everything; false when the server has closed (or reset) the connection.
  bool send(const std::string& data) {
    try {
      std::size_t done = 0;
      while (done < data.size()) {
        const int n = socket_.sendBytes(data.data() + done, static_cast<int>(data.size() - done));
        if (n <= 0) return false;
        done += static_cast<std::size_t>(n);
      }
      return true;
    } catch (const Poco::Exception&) {
      return false;
    }
  }

  /// Reads what arrives within `wait`, without blocking longer; appends it to received().
  /// True when the server has closed its side (end of stream or reset).
  bool readFor(std::chrono::milliseconds wait) {
    const auto until = std::chrono::steady_clock::now() + wait;
    try {
      while (true) {
        const auto left = std::chrono::duration_cast<std::chrono::microseconds>(until - std::chrono::steady_clock::now());
        if (left.count() <= 0) return false;
        if (!socket_.poll(Poco::Timespan(left.count()), Poco::Net::Socket::SELECT_READ)) return false;
        char buffer[16384];
        const int n = socket_.receiveBytes(buffer, sizeof buffer);
        if (n <= 0) return closed_ = true;
        received_.append(buffer, static_cast<std::size_t>(n));
      }
    } catch (const Poco::Net::ConnectionResetException&) {
      reset_ = true;
      return closed_ = true;
    }
  }

  /// Reads until the server closes, at most `wait`.
  bool readUntilClosed(std::chrono::milliseconds wait) { return readFor(wait) || closed_; }

  /// Closes this side.
  void close() { socket_.close(); }

  const std::string& received() const { return received_; }
  bool closed() const { return closed_; }
  bool reset() const { return reset_; }  ///< the server reset the connection
  /// The status of the first answer (0 when none arrived).
  int status() const {
    return received_.rfind("HTTP/1.1 ", 0) == 0 && received_.size() >= 12 ? std::stoi(received_.substr(9, 3)) : 0;
  }
  /// Answers received (count of status lines).
  int answers() const {
    int count = 0;
    for (auto at = received_.find("HTTP/1.1 "); at != std::string::npos; at = received_.find("HTTP/1.1 ", at + 1)) ++count;
    return count;
  }
  /// The body of the first answer (after the blank line).
  std::string body() const {
    const auto blank = received_.find("\r\n\r\n");
    return blank == std::string::npos ? "" : received_.substr(blank + 4);
  }

 private:
  Poco::Net::StreamSocket socket_;
  std::string received_;
  bool closed_ = false;
  bool reset_ = false;
};

}  // namespace courtvoice::e2e
