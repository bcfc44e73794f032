#include "courtvoice/server/json_io.hpp"

#include <sstream>

#include <Poco/JSON/JSONException.h>
#include <Poco/JSON/Parser.h>
#include <Poco/JSON/Stringifier.h>

#include "courtvoice/surveys/errors.hpp"
#include "courtvoice/surveys/json_text.hpp"

namespace courtvoice::server {

Poco::JSON::Object::Ptr makeObject() {
  return new Poco::JSON::Object(Poco::JSON_PRESERVE_KEY_ORDER);
}

Poco::JSON::Array::Ptr makeArray() {
  return new Poco::JSON::Array();
}

std::string toJson(const Poco::Dynamic::Var& value) {
  std::ostringstream out;
  Poco::JSON::Stringifier::condense(value, out);
  return out.str();
}

namespace {

// The strict check, thrown as a DomainError; returns what the top-level value is.
surveys::JsonTopLevel checkedTopLevel(const std::string& text) {
  const auto check = surveys::checkJsonText(text, kMaxBodyDepth);
  if (check.problem) {
    throw surveys::DomainError(surveys::ErrorKind::Invalid, check.problem->code, check.problem->message,
                               check.problem->field);
  }
  return check.topLevel;
}

}  // namespace

void requireStrictJson(const std::string& text) { checkedTopLevel(text); }

Poco::Dynamic::Var parseJson(const std::string& text) {
  const auto topLevel = checkedTopLevel(text);
  try {
    Poco::JSON::Parser parser;
    // Poco 1.11 refuses a top-level scalar: read it as an array's element, so that callers
    // answer wrong_type for it as for any other value of the wrong kind.
    if (topLevel == surveys::JsonTopLevel::Scalar) {
      return parser.parse("[" + text + "]").extract<Poco::JSON::Array::Ptr>()->get(0);
    }
    return parser.parse(text);
  } catch (const Poco::Exception& e) {
    // Only numbers out of Poco's range get here (1e999); the message is made printable anyway.
    throw surveys::DomainError(surveys::ErrorKind::Invalid, "malformed_json",
                               "the body is not valid JSON: " + surveys::printableText(e.message()), "");
  }
}

Poco::JSON::Object::Ptr parseJsonObject(const std::string& text) {
  const auto parsed = parseJson(text);
  if (parsed.type() != typeid(Poco::JSON::Object::Ptr)) {
    throw surveys::DomainError(surveys::ErrorKind::Invalid, "wrong_type", "the body must be a JSON object", "");
  }
  return parsed.extract<Poco::JSON::Object::Ptr>();
}

bool isValidUtf8(const std::string& text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t length = 0;
    unsigned codePoint = 0;
    if (c < 0x80) {
      ++i;
      continue;
    }
    if ((c & 0xE0U) == 0xC0U) {
      length = 2;
      codePoint = c & 0x1FU;
    } else if ((c & 0xF0U) == 0xE0U) {
      length = 3;
      codePoint = c & 0x0FU;
    } else if ((c & 0xF8U) == 0xF0U) {
      length = 4;
      codePoint = c & 0x07U;
    } else {
      return false;
    }
    if (i + length > text.size()) return false;
    for (std::size_t k = 1; k < length; ++k) {
      const auto next = static_cast<unsigned char>(text[i + k]);
      if ((next & 0xC0U) != 0x80U) return false;
      codePoint = (codePoint << 6U) | (next & 0x3FU);
    }
    static constexpr unsigned kSmallest[] = {0, 0, 0x80, 0x800, 0x10000};
    if (codePoint < kSmallest[length] || codePoint > 0x10FFFF || (codePoint >= 0xD800 && codePoint <= 0xDFFF)) {
      return false;
    }
    i += length;
  }
  return true;
}

}  // namespace courtvoice::server
