#pragma once
// Reads an error reply as a strict client would: the bytes must be valid UTF-8 (checked here with
// Poco's own UTF-8 rules, not the server's code) and the text one JSON object {"error": {...}}.
#include <gtest/gtest.h>

#include <string>

#include <Poco/JSON/Object.h>
#include <Poco/JSON/Parser.h>
#include <Poco/UTF8Encoding.h>

namespace courtvoice::test_support {

inline bool isStrictUtf8(const std::string& text) {
  const auto* bytes = reinterpret_cast<const unsigned char*>(text.data());
  std::size_t pos = 0;
  while (pos < text.size()) {
    const unsigned char lead = bytes[pos];
    const int length = lead < 0x80 ? 1 : lead >= 0xC2 && lead <= 0xDF ? 2 : lead >= 0xE0 && lead <= 0xEF ? 3
                                       : lead >= 0xF0 && lead <= 0xF4 ? 4 : 0;
    if (length == 0 || pos + static_cast<std::size_t>(length) > text.size()) return false;
    if (length > 1 && !Poco::UTF8Encoding::isLegal(bytes + pos, length)) return false;
    pos += static_cast<std::size_t>(length);
  }
  return true;
}

struct StrictError {
  std::string code;
  std::string message;
  std::string field;
};

/// The error of a reply body; records a failure when the body is not valid UTF-8 JSON.
inline StrictError strictErrorOf(const std::string& body) {
  EXPECT_TRUE(isStrictUtf8(body)) << "the reply is not valid UTF-8: " << body;
  try {
    const auto error = Poco::JSON::Parser().parse(body).extract<Poco::JSON::Object::Ptr>()->getObject("error");
    if (!error) {
      ADD_FAILURE() << "no error object: " << body;
      return {};
    }
    return {error->getValue<std::string>("code"), error->getValue<std::string>("message"),
            error->getValue<std::string>("field")};
  } catch (const Poco::Exception& e) {
    ADD_FAILURE() << "the reply is not JSON (" << e.displayText() << "): " << body;
    return {};
  }
}

}  // namespace courtvoice::test_support
