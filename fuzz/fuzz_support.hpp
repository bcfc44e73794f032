#pragma once
// What every fuzz target checks besides "no crash": a refusal becomes an error body that is valid
// UTF-8 JSON (what a client parses), and inputs are read as the server reads them.
#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <string>

#include <Poco/JSON/Parser.h>
#include <Poco/UTF8Encoding.h>

#include "courtvoice/server/http_error.hpp"
#include "courtvoice/surveys/definition_json.hpp"
#include "courtvoice/surveys/survey_definition.hpp"

namespace courtvoice::fuzz {

inline std::string textOf(const std::uint8_t* data, std::size_t size) {
  return std::string(reinterpret_cast<const char*>(data), size);
}

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

/// Aborts (a finding) unless the error's reply body is valid UTF-8 JSON with an error code.
inline void checkErrorReply(const std::exception& error) {
  const auto reply = server::errorResponseFor(error);
  if (reply.unexpected || reply.status < 400 || reply.status > 499 || !isStrictUtf8(reply.body)) std::abort();
  const auto parsed = Poco::JSON::Parser().parse(reply.body).extract<Poco::JSON::Object::Ptr>();
  if (parsed->getObject("error")->getValue<std::string>("code").empty()) std::abort();
}

/// The second edition of the citizens' survey, as the demo publishes it.
inline const surveys::SurveyDefinition& demoDefinition() {
  static const surveys::SurveyDefinition def = [] {
    std::ifstream in(COURTVOICE_SOURCE_DIR "/surveys/templates/court_user.json", std::ios::binary);
    std::ostringstream text;
    text << in.rdbuf();
    auto parsed = surveys::parseDefinition(text.str());
    parsed.version = 2;
    return parsed;
  }();
  return def;
}

}  // namespace courtvoice::fuzz
