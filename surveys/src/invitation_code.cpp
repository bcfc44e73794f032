#include "courtvoice/surveys/invitation_code.hpp"

#include <Poco/RandomStream.h>
#include <Poco/SHA2Engine.h>

#include <array>
#include <stdexcept>

namespace courtvoice::surveys {

std::string generateInvitationCode() {
  // 10 bytes = 80 bits = 16 symbols of 5 bits. Poco's RandomInputStream reads /dev/urandom.
  std::array<unsigned char, 10> bytes{};
  Poco::RandomInputStream random;
  random.read(reinterpret_cast<char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
  if (random.gcount() != static_cast<std::streamsize>(bytes.size())) {
    throw std::runtime_error("the random source gave too few bytes");
  }
  std::string code;
  code.reserve(kInvitationSymbols);
  unsigned buffer = 0;
  int bits = 0;
  for (const unsigned char byte : bytes) {
    buffer = (buffer << 8U) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      code += kInvitationAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x1FU];
    }
  }
  return code;
}

std::optional<std::string> normaliseInvitationCode(std::string_view input) {
  std::string code;
  for (const char raw : input) {
    if (raw == ' ' || raw == '-') continue;
    const char c = (raw >= 'a' && raw <= 'z') ? static_cast<char>(raw - 'a' + 'A') : raw;
    if (kInvitationAlphabet.find(c) == std::string_view::npos || code.size() == kInvitationSymbols) {
      return std::nullopt;
    }
    code += c;
  }
  if (code.size() != kInvitationSymbols) return std::nullopt;
  return code;
}

std::string formatInvitationCode(std::string_view normalised) {
  std::string out;
  for (std::size_t i = 0; i < normalised.size(); ++i) {
    if (i > 0 && i % 4 == 0) out += '-';
    out += normalised[i];
  }
  return out;
}

std::string hashInvitationCode(std::string_view normalised) {
  Poco::SHA2Engine sha(Poco::SHA2Engine::SHA_256);
  sha.update(normalised.data(), static_cast<unsigned>(normalised.size()));
  const auto& digest = sha.digest();
  return {digest.begin(), digest.end()};
}

}  // namespace courtvoice::surveys
