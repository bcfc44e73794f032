#include "courtvoice/server/password_hash.hpp"

#include <algorithm>
#include <cctype>
#include <stdexcept>
#include <vector>

#include <openssl/crypto.h>
#include <openssl/evp.h>
#include <openssl/rand.h>
#include <openssl/sha.h>

#include "courtvoice/surveys/errors.hpp"

namespace courtvoice::server {
namespace {

constexpr const char* kScheme = "pbkdf2-sha256";
constexpr std::size_t kKeyBytes = 32;
constexpr std::size_t kSaltBytes = 16;
constexpr const char* kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

std::string base64url(const std::string& bytes) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const unsigned char byte : bytes) {
    buffer = (buffer << 8U) | byte;
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> static_cast<unsigned>(bits)) & 0x3FU];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << static_cast<unsigned>(6 - bits)) & 0x3FU];
  return out;
}

bool fromBase64url(const std::string& text, std::string& bytes) {
  bytes.clear();
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    const char* at = std::char_traits<char>::find(kAlphabet, 64, c);
    if (at == nullptr) return false;
    buffer = (buffer << 6U) | static_cast<std::uint32_t>(at - kAlphabet);
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      bytes += static_cast<char>((buffer >> static_cast<unsigned>(bits)) & 0xFFU);
    }
  }
  return true;
}

std::vector<std::string> split(const std::string& text, char separator) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  while (true) {
    const auto at = text.find(separator, start);
    parts.push_back(text.substr(start, at == std::string::npos ? std::string::npos : at - start));
    if (at == std::string::npos) return parts;
    start = at + 1;
  }
}

std::string lower(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

std::size_t codePoints(const std::string& text) {
  return static_cast<std::size_t>(std::count_if(text.begin(), text.end(), [](char c) {
    return (static_cast<unsigned char>(c) & 0xC0U) != 0x80U;  // not a continuation byte
  }));
}

}  // namespace

std::string pbkdf2Sha256(const std::string& password, const std::string& salt, int iterations, std::size_t keyLength) {
  std::string key(keyLength, '\0');
  if (iterations < 1 ||
      PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()),
                        reinterpret_cast<const unsigned char*>(salt.data()), static_cast<int>(salt.size()), iterations,
                        EVP_sha256(), static_cast<int>(keyLength), reinterpret_cast<unsigned char*>(key.data())) != 1) {
    throw std::runtime_error("PBKDF2 failed");
  }
  return key;
}

std::string hashPassword(const std::string& password, int iterations) {
  std::string salt(kSaltBytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(salt.data()), static_cast<int>(salt.size())) != 1) {
    throw std::runtime_error("no random bytes for a salt");
  }
  return std::string(kScheme) + "$" + std::to_string(iterations) + "$" + base64url(salt) + "$" +
         base64url(pbkdf2Sha256(password, salt, iterations, kKeyBytes));
}

bool verifyPassword(const std::string& password, const std::string& stored) {
  const auto parts = split(stored, '$');
  if (parts.size() != 4 || parts[0] != kScheme) return false;
  int iterations = 0;
  try {
    std::size_t used = 0;
    iterations = std::stoi(parts[1], &used);
    if (used != parts[1].size()) return false;
  } catch (const std::exception&) {
    return false;
  }
  std::string salt;
  std::string expected;
  if (iterations < 1 || !fromBase64url(parts[2], salt) || !fromBase64url(parts[3], expected) || expected.empty()) return false;
  const std::string actual = pbkdf2Sha256(password, salt, iterations, expected.size());
  return CRYPTO_memcmp(actual.data(), expected.data(), expected.size()) == 0;
}

void checkPasswordRules(const std::string& account, const std::string& password) {
  using surveys::DomainError;
  using surveys::ErrorKind;
  if (codePoints(password) < 12) {
    throw DomainError(ErrorKind::Invalid, "weak_password", "the password must have at least 12 characters", "password");
  }
  if (password.size() > 1024) {
    throw DomainError(ErrorKind::Invalid, "weak_password", "the password must have at most 1024 bytes", "password");
  }
  if (!account.empty() && lower(password).find(lower(account)) != std::string::npos) {
    throw DomainError(ErrorKind::Invalid, "weak_password", "the password must not contain the account name", "password");
  }
}

std::string randomToken(std::size_t bytes) {
  std::string raw(bytes, '\0');
  if (RAND_bytes(reinterpret_cast<unsigned char*>(raw.data()), static_cast<int>(raw.size())) != 1) {
    throw std::runtime_error("no random bytes for a token");
  }
  return base64url(raw);
}

std::string sha256Hex(const std::string& text) {
  unsigned char digest[SHA256_DIGEST_LENGTH];
  SHA256(reinterpret_cast<const unsigned char*>(text.data()), text.size(), digest);
  return toHex(std::string(reinterpret_cast<const char*>(digest), sizeof digest));
}

std::string toHex(const std::string& bytes) {
  static const char* kHex = "0123456789abcdef";
  std::string out;
  for (const unsigned char byte : bytes) {
    out += kHex[byte >> 4U];
    out += kHex[byte & 0xFU];
  }
  return out;
}

}  // namespace courtvoice::server
